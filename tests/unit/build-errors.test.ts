import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../helpers/content';

describe('astro build with a malformed case', () => {
  it('fails and names the file and the field', () => {
    // Arrange: a copy of the course content with one broken field.
    const work = mkdtempSync(join(tmpdir(), 'calx-broken-'));
    cpSync(join(projectRoot, 'content'), join(work, 'content'), { recursive: true });
    const file = join(work, 'content/cases/liver-transplant-calcification/case.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^(\s+)day: 21$/m, '$1day: twenty-one'));
    // Act
    const result = spawnSync(process.execPath, [join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: projectRoot,
      encoding: 'utf8',
      env: { ...process.env, CALX_CONTENT_DIR: join(work, 'content'), CALX_OUT_DIR: join(work, 'dist'), CALX_CACHE_DIR: join(work, 'cache'), FORCE_COLOR: '0' },
    });
    // Assert
    expect(result.status).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain('cases/liver-transplant-calcification/case.yaml: field `stages[1].day`: expected a number, found the text "twenty-one"');
  }, 120_000);
});

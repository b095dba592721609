import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../helpers/content';
import { isolatedBuild } from '../helpers/isolated-build';

describe('astro build with a malformed case', () => {
  it('fails and names the file and the field', () => {
    // Arrange: a copy of the course content with one broken field.
    const work = mkdtempSync(join(tmpdir(), 'calx-broken-'));
    cpSync(join(projectRoot, 'content'), join(work, 'content'), { recursive: true });
    const file = join(work, 'content/cases/liver-transplant-calcification/case.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^(\s+)day: 21$/m, '$1day: twenty-one'));
    // Act
    const { result } = isolatedBuild({ CALX_CONTENT_DIR: join(work, 'content') });
    // Assert
    expect(result.status).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain('cases/liver-transplant-calcification/case.yaml: field `stages[1].day`: expected a number, found the text "twenty-one"');
  }, 120_000);
});

import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../helpers/content';
import { isolatedBuild } from '../helpers/isolated-build';

describe('astro build with a malformed case', () => {
  it('fails and names the file, line, column, the stage as an author counts it and the field, with no stack trace', () => {
    // Arrange: a copy of the course content with one broken field.
    const work = mkdtempSync(join(tmpdir(), 'calx-broken-'));
    cpSync(join(projectRoot, 'content'), join(work, 'content'), { recursive: true });
    const file = join(work, 'content/cases/liver-transplant-calcification/case.yaml');
    const broken = readFileSync(file, 'utf8').replace(/^(\s+)day: 21$/m, '$1day: twenty-one');
    writeFileSync(file, broken);
    const lines = broken.split('\n');
    const line = lines.findIndex((l) => l.includes('day: twenty-one')) + 1;
    const column = lines[line - 1]!.indexOf('twenty-one') + 1;
    // Act
    const { result } = isolatedBuild({ CALX_CONTENT_DIR: join(work, 'content') });
    // Assert
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status).not.toBe(0);
    expect(line).toBeGreaterThan(0);
    expect(output).toContain(
      `cases/liver-transplant-calcification/case.yaml:${line}:${column}: stage 2 (\`pod21\`), field \`stages[1].day\`: expected a ` +
        `number, found the text "twenty-one"`,
    );
    expect(output).not.toContain('Stack trace');
    expect(output).not.toMatch(/^\s+at .*load-content/m);
  }, 120_000);
});

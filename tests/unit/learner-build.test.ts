import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isolatedBuild } from '../helpers/isolated-build';

/** Every built HTML file under `dir`, relative to it. */
function htmlFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name), `${prefix}${e.name}/`) : e.name.endsWith('.html') ? [`${prefix}${e.name}`] : [],
  );
}

describe('the learner build (CALX_LEARNER_BUILD=1)', () => {
  it('contains no instructor page and no link to one, and keeps the learner pages', () => {
    // Arrange
    // Act
    const { result, outDir: out } = isolatedBuild({ CALX_LEARNER_BUILD: '1' });
    // Assert
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(existsSync(join(out, 'instructor'))).toBe(false);
    const pages = htmlFiles(out);
    expect(pages.filter((p) => p.startsWith('instructor'))).toEqual([]);
    expect(pages).toEqual(
      expect.arrayContaining([
        'modules/index.html',
        'modules/calciphylaxis-and-its-mimics/index.html',
        'modules/liver-cases/index.html',
        'class-results/index.html',
        'index.html',
      ]),
    );
    const linking = pages.filter((p) => /href="[^"]*\/instructor\//.test(readFileSync(join(out, p), 'utf8')));
    expect(linking).toEqual([]);
    // The authoring guide is for faculty too.
    expect(existsSync(join(out, 'authoring'))).toBe(false);
    expect(pages.filter((p) => /href="[^"]*\/authoring\//.test(readFileSync(join(out, p), 'utf8')))).toEqual([]);
  }, 180_000);
});

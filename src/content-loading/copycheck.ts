import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Copied runs: sequences of `n` or more words (default 12) that the project shares with a source's
 * text. A port of the course's `copycheck` tool (Python) so that `npm run check:content` runs it from
 * the project: the same words (lower-cased runs of a-z and 0-9), the same joining of words hyphenated
 * across a line break in the sources, the same line numbers and the same merging of overlapping runs.
 * Short quotes used as evidence are fine; prose must be our own words. Node only.
 */

const WORD = /[a-z0-9]+/g;
/** The line breaks Python's `str.splitlines` knows, so that line numbers agree with the original tool. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: Python's line separators include the file, group and record separators
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
const SKIP_DIRS = new Set(['node_modules', 'dist', '.astro', '.git', 'test-results', 'playwright-report']);
const TEXT_ENDINGS = ['.md', '.mdx', '.yaml', '.yml', '.json', '.ts', '.tsx', '.astro', '.js', '.mjs', '.txt', '.html'];

/** One copied run: where it starts, how many words, and its words (cut to 160 characters, as the tool prints them). */
export interface CopiedRun {
  file: string;
  line: number;
  words: number;
  text: string;
}

function wordsWithLines(text: string): { word: string; line: number }[] {
  const out: { word: string; line: number }[] = [];
  text.split(LINE_BREAK).forEach((line, i) => {
    for (const m of line.toLowerCase().matchAll(WORD)) out.push({ word: m[0], line: i + 1 });
  });
  return out;
}

/** Every run of `n` words in the source texts, as a set of keys. */
export function sourceGrams(texts: readonly string[], n = 12): Set<string> {
  const grams = new Set<string>();
  for (const raw of texts) {
    const text = raw.replace(/-[ \t]*\n[ \t]*/g, '');
    const words = wordsWithLines(text).map((w) => w.word);
    for (let i = 0; i + n <= words.length; i++) grams.add(words.slice(i, i + n).join(' '));
  }
  return grams;
}

/** The copied runs in one file's text. */
export function copiedRunsIn(file: string, text: string, grams: ReadonlySet<string>, n = 12): CopiedRun[] {
  const wl = wordsWithLines(text);
  const key = (from: number, to: number) =>
    wl
      .slice(from, to)
      .map((w) => w.word)
      .join(' ');
  const runs: CopiedRun[] = [];
  let i = 0;
  while (i <= wl.length - n) {
    if (grams.has(key(i, i + n))) {
      let j = i + n;
      while (j < wl.length && grams.has(key(j - n + 1, j + 1))) j++;
      runs.push({ file, line: wl[i]!.line, words: j - i, text: key(i, j).slice(0, 160) });
      i = j;
    } else i++;
  }
  return runs;
}

/** The text files under the given paths, in the order the original tool walks them. */
export function textFilesUnder(root: string, paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    const entries = readdirSync(dir);
    const files = entries.filter((e) => statSync(join(dir, e)).isFile() && TEXT_ENDINGS.some((end) => e.endsWith(end)));
    out.push(...files.map((f) => join(dir, f)));
    for (const d of entries.filter((e) => statSync(join(dir, e)).isDirectory() && !SKIP_DIRS.has(e))) walk(join(dir, d));
  };
  for (const p of paths) {
    const full = join(root, p);
    if (!existsSync(full)) continue;
    if (statSync(full).isFile()) out.push(full);
    else walk(full);
  }
  return out;
}

/**
 * The copied runs in every text file under `paths` (relative to `root`), against the given source
 * texts. Files listed in `exclude` (the source texts themselves, when they live in the project) are skipped.
 */
export function findCopiedRuns(
  root: string,
  paths: readonly string[],
  sourceTexts: readonly string[],
  options: { n?: number; exclude?: ReadonlySet<string> } = {},
): CopiedRun[] {
  const n = options.n ?? 12;
  const grams = sourceGrams(sourceTexts, n);
  const rel = (p: string) => relative(root, p).split('\\').join('/');
  return textFilesUnder(root, paths)
    .filter((p) => !options.exclude?.has(p))
    .flatMap((p) => copiedRunsIn(rel(p), readFileSync(p, 'utf8'), grams, n));
}

/** The run as the original tool prints it: `file:line: copied N words: …`. */
export const formatCopiedRun = (r: CopiedRun): string => `${r.file}:${r.line}: copied ${r.words} words: ${r.text}`;

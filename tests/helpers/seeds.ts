import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from './content';

/** Where the seed documents are: SOURCES_DIR, by default ../shared/seeds beside the project. */
export const seedsDir = resolve(projectRoot, process.env.SOURCES_DIR ?? '../shared/seeds');
export const seedsPresent = existsSync(seedsDir);
/** Why seed-based tests are skipped, or null when they run. In CI the seeds must be there. */
export const seedsSkipReason = seedsPresent ? null : `the seed documents are not at ${seedsDir} (set SOURCES_DIR to check provenance)`;

/** Text normalised for quote matching: case folded, line-break hyphenation joined, curly quotes straightened, whitespace collapsed. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/-[ \t]*\r?\n[ \t]*/g, '')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

const cache = new Map<string, string>();
export function seedText(file: string): string {
  let text = cache.get(file);
  if (text === undefined) {
    text = normalise(readFileSync(resolve(seedsDir, file), 'utf8'));
    cache.set(file, text);
  }
  return text;
}

/** Every {source, quote} pair in a value, with the path to it. */
export function quotesIn(value: unknown, path = ''): { path: string; source: string; quote: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => quotesIn(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const here = typeof o.source === 'string' && typeof o.quote === 'string' ? [{ path, source: o.source, quote: o.quote }] : [];
    return [...here, ...Object.entries(o).flatMap(([k, v]) => quotesIn(v, path ? `${path}.${k}` : k))];
  }
  return [];
}

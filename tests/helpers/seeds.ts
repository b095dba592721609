import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from './content';
import { normaliseForQuotes, sourcesDirOf } from '../../src/content-loading/source-texts';

/** Where the seed documents are: SOURCES_DIR, by default ../shared/seeds beside the project (the rule lives in src/content-loading/source-texts.ts). */
export const seedsDir = sourcesDirOf(projectRoot);
export const seedsPresent = existsSync(seedsDir);
/** Why seed-based tests are skipped, or null when they run. In CI the seeds must be there. */
export const seedsSkipReason = seedsPresent ? null : `the seed documents are not at ${seedsDir} (set SOURCES_DIR to check provenance)`;

/** Text normalised for quote matching (the same rule as `npm run check:content`). */
export const normalise = normaliseForQuotes;

const cache = new Map<string, string>();
export function seedText(file: string): string {
  let text = cache.get(file);
  if (text === undefined) {
    text = normalise(readFileSync(resolve(seedsDir, file), 'utf8'));
    cache.set(file, text);
  }
  return text;
}

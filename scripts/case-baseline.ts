/**
 * Writes the case-data baseline (src/content-loading/case-baseline.ts) to
 * `tests/fixtures/case-data-baseline.json`, once, before a clinical revision.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASELINE_FILE, snapshotCases } from '../src/content-loading/case-baseline';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const out = join(root, BASELINE_FILE);
if (existsSync(out) && !process.argv.includes('--force')) {
  console.error(`${BASELINE_FILE} exists; it is the record of the data before the revision. Pass --force to overwrite it.`);
  process.exit(1);
}
// `--cases <dir>` snapshots another copy of the cases, e.g. main's, extracted with `git archive`.
const at = process.argv.indexOf('--cases');
const given = at > 0 ? process.argv[at + 1] : undefined;
const casesDir = given ? resolve(given) : join(root, 'content/cases');
writeFileSync(out, `${JSON.stringify(snapshotCases(casesDir), null, 2)}\n`);
console.log(`wrote ${BASELINE_FILE} from ${casesDir}`);

/** Writes `tests/fixtures/compiled-cases.json` (see src/content-loading/compiled-snapshot.ts). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPILED_BASELINE_FILE, compiledSnapshot } from '../src/content-loading/compiled-snapshot';

const root = process.cwd();
const snapshot = compiledSnapshot(join(root, 'content'), root);
writeFileSync(join(root, COMPILED_BASELINE_FILE), `${JSON.stringify(snapshot, null, 1)}\n`);
console.log(`wrote ${COMPILED_BASELINE_FILE}: ${Object.keys(snapshot.cases).length} cases, ${Object.keys(snapshot.bestPaths).length} best paths`);

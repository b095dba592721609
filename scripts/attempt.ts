/**
 * npm run attempt -- <file.json>
 * Reads {"case": "<slug>", "events": [...]} and prints the attempt report as JSON: the total (after
 * any cap), the total before caps, every dimension, the cap and the flags.
 * Any problem with the input is one line on stderr and exit code 2.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { loadCourseContent } from '../src/utils/load-content';
import { attemptReport } from '../src/scoring/report';
import { AttemptError } from '../src/engine/attempt';
import { migrateEvents } from '../src/engine/migrate';
import { eventShapeProblem } from '../src/schemas/events';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function fail(message: string): never {
  process.stderr.write(`attempt: ${message}\n`);
  process.exit(2);
}

const file = process.argv[2];
if (!file) fail('usage: npm run attempt -- <attempt.json>');

let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (e) {
  fail(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
}
let input: unknown;
try {
  input = JSON.parse(text);
} catch (e) {
  fail(`${file} is not JSON: ${(e as Error).message}`);
}
if (typeof input !== 'object' || input === null || Array.isArray(input)) fail(`${file} must hold an object {"case": "<slug>", "events": [...]}`);
const { case: slug, events } = input as { case?: unknown; events?: unknown };
if (typeof slug !== 'string') fail(`${file} has no "case" slug`);
if (!Array.isArray(events)) fail(`${file} has no "events" list`);

// CALX_CONTENT_DIR moves the content folder, as for the build.
const { cases } = loadCourseContent(resolve(root, process.env.CALX_CONTENT_DIR ?? 'content'), root);
const def = cases.find((c) => c.slug === slug);
if (!def) fail(`unknown case "${slug}" (known: ${cases.map((c) => c.slug).join(', ')})`);

// Old single-commit events are migrated first; every event must then be well formed (a differential
// summing to 100, a summary within its length), before the case judges it.
const migrated = migrateEvents(def, events);
migrated.forEach((event, i) => {
  const problem = eventShapeProblem(event);
  if (problem) fail(`case "${slug}" does not accept event ${i + 1}: ${problem}`);
});

try {
  process.stdout.write(`${JSON.stringify(attemptReport(def, migrated), null, 2)}\n`);
} catch (e) {
  if (e instanceof AttemptError) fail(`case "${slug}" does not accept ${e.message}`);
  throw e;
}

/**
 * npm run attempt -- <file.json>
 * Reads {"case": "<slug>", "events": [...]} (or an attempt file the player downloaded) and prints the
 * attempt report as JSON: the total (after any cap), the total before caps, every dimension, the cap
 * and the flags. Any problem with the input is one line on stderr and exit code 2; nothing from the
 * file is echoed unescaped or untruncated. A file made on another case version or attempt format is
 * scored by replay on the current case (old single-commit events migrated), with a warning on stderr.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { loadCourseContent } from '../src/content-loading/load-content';
import { attemptReport } from '../src/scoring/report';
import { AttemptError } from '../src/engine/attempt';
import { ATTEMPT_FORMAT_VERSION, READABLE_FORMAT_VERSIONS, eventsBoundsProblem } from '../src/engine/attempt-record';
import { MAX_INPUT_FILE_BYTES } from '../src/progress/limits';
import { terminalSafe } from '../src/utils/terminal-text';
import { migrateEvents } from '../src/engine/migrate';
import { eventShapeProblem } from '../src/schemas/events';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

class InputProblem extends Error {}
const fail = (message: string): never => {
  throw new InputProblem(message);
};
const warn = (message: string) => process.stderr.write(`attempt: warning: ${message}\n`);

function main(): void {
  const file = process.argv[2];
  if (!file) fail('usage: npm run attempt -- <attempt.json>');
  const name = terminalSafe(file!);

  let text: string;
  try {
    const size = statSync(file!).size;
    if (size > MAX_INPUT_FILE_BYTES) fail(`${name} is ${size.toLocaleString('en')} bytes; the most this reads is ${MAX_INPUT_FILE_BYTES.toLocaleString('en')}`);
    text = readFileSync(file!, 'utf8');
  } catch (e) {
    if (e instanceof InputProblem) throw e;
    fail(`cannot read ${name}: ${(e as NodeJS.ErrnoException).code ?? terminalSafe(String(e))}`);
  }
  let input: unknown;
  try {
    // A byte-order mark (some editors add one) is not part of the JSON.
    input = JSON.parse(text!.replace(/^\uFEFF/, ''));
  } catch (e) {
    fail(`${name} is not JSON: ${terminalSafe((e as Error).message)}`);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) fail(`${name} must hold an object {"case": "<slug>", "events": [...]}`);
  const record = input as { case?: unknown; events?: unknown; caseVersion?: unknown; formatVersion?: unknown; format?: unknown };
  const slug = record.case;
  if (typeof slug !== 'string') fail(`${name} has no "case" slug`);
  if (!Array.isArray(record.events)) fail(`${name} has no "events" list`);
  const problem = eventsBoundsProblem(record.events);
  if (problem) fail(`${name}: ${problem.replace(/^it /, 'the attempt ')}`);

  // CALX_CONTENT_DIR moves the content folder, as for the build.
  const { cases } = loadCourseContent(resolve(root, process.env.CALX_CONTENT_DIR ?? 'content'), root);
  const def = cases.find((c) => c.slug === slug) ?? cases.find((c) => c.formerSlugs.includes(slug as string));
  if (!def) fail(`unknown case "${terminalSafe(slug as string, 60)}" (known: ${cases.map((c) => c.slug).join(', ')})`);
  if (def!.slug !== slug) warn(`case "${terminalSafe(slug as string)}" is now called "${def!.slug}"; scored on it`);

  if (record.formatVersion !== undefined && !READABLE_FORMAT_VERSIONS.includes(record.formatVersion as number))
    warn(
      `the file says attempt format ${terminalSafe(String(record.formatVersion), 20)}, and this Calx reads format ${ATTEMPT_FORMAT_VERSION}; ` +
        `its events were read as format ${ATTEMPT_FORMAT_VERSION} events and replayed on the current case`,
    );
  if (record.caseVersion !== undefined && record.caseVersion !== def!.version)
    warn(
      `the attempt was made on case version ${terminalSafe(String(record.caseVersion), 40)}, and the current version is ${def!.version}; ` +
        'it was scored by replaying its events on the current version',
    );

  // Old single-commit events are migrated first; every event must then be well formed (a differential
  // summing to 100, a summary within its length), before the case judges it.
  const migrated = migrateEvents(def!, record.events as unknown[]);
  migrated.forEach((event, i) => {
    const shape = eventShapeProblem(event);
    if (shape) fail(`case "${def!.slug}" does not accept event ${i + 1}: ${terminalSafe(shape, 200)}`);
  });

  try {
    process.stdout.write(`${JSON.stringify(attemptReport(def!, migrated), null, 2)}\n`);
  } catch (e) {
    if (e instanceof AttemptError) fail(`case "${def!.slug}" does not accept ${terminalSafe(e.message, 200)}`);
    throw e;
  }
}

try {
  main();
} catch (e) {
  // Every error is one line and exit code 2: an input problem as itself, anything else named briefly.
  const message =
    e instanceof InputProblem ? e.message : `could not score the file (${terminalSafe(e instanceof Error ? `${e.name}: ${e.message}` : String(e), 160)})`;
  process.stderr.write(`attempt: ${message}\n`);
  process.exitCode = 2;
}

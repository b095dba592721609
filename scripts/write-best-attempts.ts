/**
 * Writes `tests/fixtures/attempts/<slug>/best.json` for every case from its instructor notes
 * (`content/instructor/<slug>.yaml`, `bestPath`), where the best path is stored once. The files are
 * generated, not kept in git: the unit and browser tests, `npm run attempt` examples and the benchmark
 * read them, and `npm run test:unit`, `npm run test:e2e` and `npm run bench` write them first.
 *
 * Usage: `npm run fixtures:best` (CALX_CONTENT_DIR picks another content folder, as for the build).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCourseContent } from '../src/content-loading/load-content';
import { loadInstructorNotes } from '../src/content-loading/load-instructor';
import { ContentError } from '../src/schemas/content-errors';
import type { PlayEvent } from '../src/schemas/events';

/** The attempt file of each best path: `{ case, events }`, as `npm run attempt` reads it. */
export function bestAttempts(contentDir: string, projectRoot: string): { case: string; events: PlayEvent[] }[] {
  const course = loadCourseContent(contentDir, projectRoot);
  const notes = loadInstructorNotes(contentDir, course.cases, new Set(course.sources.map((s) => s.id)), projectRoot);
  return notes.map((n) => ({ case: n.case, events: n.bestPath.map((s) => s.event) }));
}

if (process.argv[1]?.endsWith('write-best-attempts.ts')) {
  const root = process.cwd();
  try {
    const attempts = bestAttempts(resolve(root, process.env.CALX_CONTENT_DIR ?? 'content'), root);
    for (const attempt of attempts) {
      const dir = join(root, 'tests/fixtures/attempts', attempt.case);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'best.json'), `${JSON.stringify(attempt)}\n`);
    }
    console.log(`best paths: wrote tests/fixtures/attempts/<slug>/best.json for ${attempts.length} case(s) from content/instructor`);
  } catch (e) {
    if (!(e instanceof ContentError)) throw e;
    // The content checks report the problem in full; the fixtures simply cannot be written.
    console.error(`best paths: not written, the content has problems (run npm run check:content)\n${e.message}`);
    process.exit(1);
  }
}

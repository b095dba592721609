/**
 * Writes `tests/fixtures/compiled-cases.json`: every case exactly as `loadCourseContent` compiles it
 * (the `CaseDefinition` objects the engine, scoring and pages see) together with the instructor best
 * paths as event lists. Written once before the case files were rewritten into the compact format,
 * so that `tests/unit/compact-format.test.ts` can prove the rewrite changed nothing. Rerun it only
 * for a deliberate change of compiled content.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCourseContent } from '../src/content-loading/load-content';
import { loadInstructorNotes } from '../src/content-loading/load-instructor';

export const COMPILED_BASELINE_FILE = 'tests/fixtures/compiled-cases.json';

export function compiledSnapshot(contentDir: string, projectRoot: string) {
  const course = loadCourseContent(contentDir, projectRoot);
  const notes = loadInstructorNotes(contentDir, course.cases, new Set(course.sources.map((s) => s.id)), projectRoot);
  return {
    cases: Object.fromEntries(course.cases.map((c) => [c.slug, c])),
    bestPaths: Object.fromEntries(notes.map((n) => [n.case, n.bestPath])),
  };
}

if (process.argv[1]?.endsWith('write-compiled-baseline.ts')) {
  const root = process.cwd();
  const snapshot = compiledSnapshot(join(root, 'content'), root);
  writeFileSync(join(root, COMPILED_BASELINE_FILE), `${JSON.stringify(snapshot, null, 1)}\n`);
  console.log(`wrote ${COMPILED_BASELINE_FILE}: ${Object.keys(snapshot.cases).length} cases, ${Object.keys(snapshot.bestPaths).length} best paths`);
}

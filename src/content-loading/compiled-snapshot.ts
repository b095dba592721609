/**
 * Writes `tests/fixtures/compiled-cases.json`: every case exactly as `loadCourseContent` compiles it
 * (the `CaseDefinition` objects the engine, scoring and pages see) together with the instructor best
 * paths as event lists. Written once before the case files were rewritten into the compact format,
 * so that `tests/unit/compact-format.test.ts` can prove the rewrite changed nothing. Rerun it only
 * for a deliberate change of compiled content.
 */
import { loadCourseContent } from './load-content';
import { loadInstructorNotes } from './load-instructor';

export const COMPILED_BASELINE_FILE = 'tests/fixtures/compiled-cases.json';

export function compiledSnapshot(contentDir: string, projectRoot: string) {
  const course = loadCourseContent(contentDir, projectRoot);
  const notes = loadInstructorNotes(contentDir, course.cases, new Set(course.sources.map((s) => s.id)), projectRoot);
  return {
    cases: Object.fromEntries(course.cases.map((c) => [c.slug, c])),
    bestPaths: Object.fromEntries(notes.map((n) => [n.case, n.bestPath])),
  };
}

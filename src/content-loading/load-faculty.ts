import type { CaseDefinition } from '../schemas/case';
import type { SourceEntry } from '../schemas/source';
import type { InstructorNotes } from '../schemas/instructor';
import { ContentError } from '../schemas/content-errors';
import { lessonSlugsIn, readModules, type ModuleEntry } from './load-modules';
import { readInstructorNotes } from './load-instructor';

/**
 * The faculty content, checked against the rest of the course: modules (their cases, lessons and
 * quizzes must exist) and instructor notes (their case must exist and their best path must play).
 * One ContentError lists the problems of both, so that an author sees them all at once. Node only.
 */
export interface FacultyContent {
  modules: ModuleEntry[];
  instructor: InstructorNotes[];
}

export function loadFacultyContent(
  contentDir: string,
  course: { cases: readonly CaseDefinition[]; sources: readonly SourceEntry[]; topics: readonly { id: string }[] },
  projectRoot = process.cwd(),
): FacultyContent {
  const refs = {
    caseSlugs: new Set(course.cases.map((c) => c.slug)),
    lessonSlugs: lessonSlugsIn(contentDir),
    quizTopics: new Set(course.topics.map((t) => t.id)),
    caseOrder: [...course.cases].sort((a, b) => a.order - b.order || a.title.localeCompare(b.title)).map((c) => c.slug),
  };
  const modules = readModules(contentDir, refs, projectRoot);
  const instructor = readInstructorNotes(contentDir, course.cases, new Set(course.sources.map((s) => s.id)), projectRoot);
  const problems = [...modules.problems, ...instructor.problems];
  if (problems.length) throw new ContentError(problems);
  return { modules: modules.modules, instructor: instructor.notes };
}

/** Validates all course content and prints a one-line summary, or the problems and exit code 1. */
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { loadCourseContent } from '../src/utils/load-content';
import { ContentError } from '../src/utils/content-errors';
import { loadQuestionBank } from '../src/utils/load-questions';
import { loadFacultyContent } from '../src/utils/load-faculty';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
try {
  const contentDir = resolve(root, process.env.CALX_CONTENT_DIR ?? 'content');
  const { sources, cases } = loadCourseContent(contentDir, root);
  const { topics, objectives } = loadQuestionBank(contentDir, { caseSlugs: new Set(cases.map((c) => c.slug)), sourceIds: new Set(sources.map((s) => s.id)) }, root);
  const items = topics.flatMap((t) => t.items);
  const byType = new Map<string, number>();
  for (const q of items) byType.set(q.type, (byType.get(q.type) ?? 0) + 1);
  const types = [...byType].map(([type, n]) => `${type} ${n}`).join(', ');
  console.log(`content ok: ${cases.length} case(s), ${sources.length} source(s)`);
  console.log(`questions ok: ${items.length} item(s) in ${topics.length} quiz file(s)${types ? ` (${types})` : ''}, ${objectives.length} objective(s)`);
  const faculty = loadFacultyContent(contentDir, { cases, sources, topics }, root); console.log(`faculty ok: ${faculty.modules.length} module(s), instructor notes for ${faculty.instructor.length} case(s)`);
} catch (e) {
  if (!(e instanceof ContentError)) throw e;
  console.error(e.message);
  process.exit(1);
}

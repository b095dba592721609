/** Validates all course content and prints a one-line summary, or the problems and exit code 1. */
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { loadCourseContent } from '../src/content-loading/load-content';
import { ContentError } from '../src/schemas/content-errors';
import { loadQuestionBank } from '../src/content-loading/load-questions';
import { loadFacultyContent } from '../src/content-loading/load-faculty';
import { loadDisagreements } from '../src/content-loading/load-disagreements';
import { cueStatistics, formatCueStatistics } from '../src/quiz/cue-stats';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
try {
  const contentDir = resolve(root, process.env.CALX_CONTENT_DIR ?? 'content');
  const { sources, cases } = loadCourseContent(contentDir, root);
  const disagreements = loadDisagreements(contentDir, new Set(sources.map((s) => s.id)), root);
  console.log(`disagreements ok: ${disagreements.length} point(s) where the sources disagree`);
  const { topics, objectives } = loadQuestionBank(
    contentDir,
    { caseSlugs: new Set(cases.map((c) => c.slug)), sourceIds: new Set(sources.map((s) => s.id)), disagreementIds: new Set(disagreements.map((d) => d.id)), cases },
    root,
  );
  const items = topics.flatMap((t) => t.items);
  const byType = new Map<string, number>();
  for (const q of items) byType.set(q.type, (byType.get(q.type) ?? 0) + 1);
  const types = [...byType].map(([type, n]) => `${type} ${n}`).join(', ');
  console.log(`content ok: ${cases.length} case(s), ${sources.length} source(s)`);
  console.log(`questions ok: ${items.length} item(s) in ${topics.length} quiz file(s)${types ? ` (${types})` : ''}, ${objectives.length} objective(s)`);
  for (const line of formatCueStatistics(cueStatistics(items))) console.log(line);
  const faculty = loadFacultyContent(contentDir, { cases, sources, topics }, root); console.log(`faculty ok: ${faculty.modules.length} module(s), instructor notes for ${faculty.instructor.length} case(s)`);
} catch (e) {
  if (!(e instanceof ContentError)) throw e;
  console.error(e.message);
  process.exit(1);
}

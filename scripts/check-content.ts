/**
 * `npm run check:content`: every check an author needs, in one command. Schemas and cross-references
 * (with file:line:column), TODOs left by `npm run new-case`, quotes under 12 words and found in their
 * source's text, copied runs, and each case's best path and validity figures with their margins.
 * Prints what passed and every problem; exits 1 on any problem. `--walks N` sets the random plays per
 * case (default `DEFAULT_WALKS`, 500); anything but a whole number of at least 1 exits 2.
 */
import { fileURLToPath } from 'node:url';
import { dirname, join, relative, resolve } from 'node:path';
import { loadCourseContent } from '../src/content-loading/load-content';
import { ContentError, formatProblem, type ContentProblem } from '../src/schemas/content-errors';
import { loadQuestionBank } from '../src/content-loading/load-questions';
import { loadFacultyContent } from '../src/content-loading/load-faculty';
import { loadDisagreements } from '../src/content-loading/load-disagreements';
import { cueStatistics, formatCueStatistics } from '../src/quiz/cue-stats';
import { checkCopiedRuns, checkPatientDetailsIn, checkQuotes, checkTodos, checkValidity, quoteFiles } from '../src/content-loading/author-checks';
import { SourceTexts, sourcesDirOf } from '../src/content-loading/source-texts';
import { bestPathEvents } from '../src/content-loading/load-instructor';
import { DEFAULT_WALKS, formatFigure } from '../src/scoring/validity-figures';
import { locateAll } from '../src/content-loading/read-yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const walksArg = args.indexOf('--walks');
const walks = walksArg >= 0 ? Number(args[walksArg + 1]) : DEFAULT_WALKS;
if (!Number.isInteger(walks) || walks < 1) {
  console.error(`--walks must be a whole number of at least 1, not "${args[walksArg + 1] ?? ''}"`);
  process.exit(2);
}
const contentDir = resolve(root, process.env.CALX_CONTENT_DIR ?? 'content');
const problems: ContentProblem[] = [];
const section = (title: string) => console.log(`\n${title}`);
const ok = (line: string) => console.log(`  ok   ${line}`);

function report(): never {
  if (problems.length === 0) {
    console.log('\nAll checks passed.');
    process.exit(0);
  }
  console.error(`\n${problems.length} problem${problems.length === 1 ? '' : 's'} to fix:`);
  for (const p of problems) console.error(`  - ${formatProblem(p)}`);
  process.exit(1);
}

section('Still to write');
const todos = checkTodos(contentDir, root);
if (todos.length) {
  console.log(`  ${todos.length} TODO${todos.length === 1 ? '' : 's'} left (listed below)`);
  problems.push(...todos);
} else ok('no TODO left in the content');

section('Schemas and cross-references');
/** The loaded course, or undefined while schema or reference problems stop the later checks. */
let loaded:
  | {
      sources: ReturnType<typeof loadCourseContent>['sources'];
      cases: ReturnType<typeof loadCourseContent>['cases'];
      faculty: ReturnType<typeof loadFacultyContent>;
      topics: ReturnType<typeof loadQuestionBank>['topics'];
    }
  | undefined;
try {
  const { sources, cases } = loadCourseContent(contentDir, root);
  ok(`${cases.length} case(s), ${sources.length} source(s), the diagnosis list and analytes`);
  const disagreements = loadDisagreements(contentDir, new Set(sources.map((s) => s.id)), root);
  ok(`${disagreements.length} point(s) where the sources disagree`);
  const { topics, objectives } = loadQuestionBank(
    contentDir,
    {
      caseSlugs: new Set(cases.map((c) => c.slug)),
      sourceIds: new Set(sources.map((s) => s.id)),
      disagreementIds: new Set(disagreements.map((d) => d.id)),
      cases,
    },
    root,
  );
  const items = topics.flatMap((t) => t.items);
  const byType = new Map<string, number>();
  for (const q of items) byType.set(q.type, (byType.get(q.type) ?? 0) + 1);
  const types = [...byType].map(([type, n]) => `${type} ${n}`).join(', ');
  ok(`${items.length} question(s) in ${topics.length} quiz file(s)${types ? ` (${types})` : ''}, ${objectives.length} objective(s)`);
  for (const line of formatCueStatistics(cueStatistics(items))) console.log(`       ${line}`);
  const faculty = loadFacultyContent(contentDir, { cases, sources, topics }, root);
  ok(`${faculty.modules.length} module(s), instructor notes for ${faculty.instructor.length} case(s), every best path plays to the end`);
  loaded = { sources, cases, faculty, topics };
} catch (e) {
  if (!(e instanceof ContentError)) throw e;
  problems.push(...e.problems);
  console.log(`  ${e.problems.length} problem(s) (listed below); the checks that need loaded content are skipped until they are fixed`);
}

const texts = new SourceTexts(loaded?.sources ?? [], contentDir, sourcesDirOf(root));
if (loaded) {
  const { sources, cases, faculty } = loaded;
  section(`Quotes (texts from content/sources/<id>.txt, then SOURCES_DIR: ${relative(root, texts.sourcesDir) || '.'})`);
  const quotes = checkQuotes(quoteFiles(contentDir, root), sources, texts);
  const bad = quotes.problems.length;
  (bad ? console.log : ok)(
    `${quotes.total} quote(s); ${quotes.checked} checked against their source's text` +
      `${bad ? `; ${bad} problem(s) (listed below)` : ', all found, all under 12 words'}`,
  );
  for (const line of quotes.unchecked) console.log(`  note ${line}`);
  problems.push(...quotes.problems);

  section('Patient details in prose (numbers in quiz items, discussion questions and exercises)');
  const details = checkPatientDetailsIn(contentDir, root, { cases, topics: loaded.topics, instructor: faculty.instructor });
  if (details.length) console.log(`  ${details.length} problem(s) (listed below)`);
  else ok('every number stated about a patient is a value of the findings named, or in a quote');
  problems.push(...details);

  section('Our own words (copied runs of 12 or more words)');
  const copied = checkCopiedRuns(root, contentDir, sources, texts);
  if (copied.textsRead === 0) console.log('  note no source text found, so copied runs were not looked for');
  else if (copied.problems.length) console.log(`  ${copied.problems.length} copied run(s) (listed below)`);
  else ok(`none in content/ and src/, against ${copied.textsRead} source text(s)`);
  problems.push(...copied.problems);

  section(`Best paths and validity figures (${walks} random plays per case)`);
  const bestPaths = new Map(faculty.instructor.map((n) => [n.case, bestPathEvents(n)] as const));
  // A case still being written is scored once its TODOs are gone: placeholders make no sense to play.
  const unfinished = new Set(todos.flatMap((t) => /(?:^|\/)(?:cases\/([^/]+)\/|instructor\/([^/]+)\.ya?ml$)/.exec(t.file)?.slice(1).filter(Boolean) ?? []));
  for (const slug of unfinished) console.log(`  note ${slug}: its best path and validity figures are computed once its TODOs are written`);
  const validity = checkValidity(
    cases.filter((c) => !unfinished.has(c.slug)),
    bestPaths,
    {
      walks,
      notesFile: (slug) =>
        relative(root, join(contentDir, 'instructor', `${slug}.yaml`))
          .split('\\')
          .join('/'),
    },
  );
  for (const def of cases.filter((c) => !unfinished.has(c.slug))) {
    const figures = validity.figures.get(def.slug);
    console.log(`  ${def.slug}`);
    for (const f of figures ?? []) console.log(`    ${formatFigure(f).replace(/\n/g, '\n    ')}`);
  }
  problems.push(...locateAll(validity.problems, root));
}
report();

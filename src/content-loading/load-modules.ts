import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { locateAll, parseContentFile, parseYaml, yamlFilesIn } from './read-yaml';
import { ModuleSchema, type Module, type ModuleItem, type ModuleItemAsWritten } from '../schemas/module';
import { ContentError, unknownIdMessage, type ContentProblem, type IssueLike } from '../schemas/content-errors';

/**
 * Reads and validates the modules (`content/modules/<slug>.yaml`) with the same file-and-field
 * errors as the cases, then checks what a schema cannot see across files: every case, lesson and
 * quiz a module names exists. Node only.
 */

/** A validated module with its URL slug (the file name), its rules expanded into steps. */
export interface ModuleEntry extends Omit<Module, 'items'> {
  /** The steps in order, `all-cases` replaced by each case. */
  items: ModuleItem[];
  slug: string;
  /** The file, relative to the project root. */
  file: string;
}

/** What a module may refer to. */
export interface ModuleReferences {
  /** Case slugs (`content/cases/<slug>/`). */
  caseSlugs: ReadonlySet<string>;
  /** Standalone lesson slugs (`content/lessons/<slug>.mdx`). */
  lessonSlugs: ReadonlySet<string>;
  /** Quiz topics (`content/questions/<topic>.yaml`). */
  quizTopics: ReadonlySet<string>;
  /** The case slugs in course order, for `all-cases`; read from the case files' `order` when not given. */
  caseOrder?: readonly string[];
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const KINDS = ['case', 'lesson', 'quiz', 'all-cases'];

/** zod words a discriminated union it cannot place for programmers; this says what an author should write. */
function authorIssue(issue: IssueLike, raw: unknown): IssueLike {
  const [first, index, last] = issue.path;
  if (issue.code === 'invalid_union' && first === 'items' && last === 'kind') {
    const item = (raw as { items?: unknown[] } | undefined)?.items?.[index as number] as Record<string, unknown> | undefined;
    const known = KINDS.map((k) => `"${k}"`).join(', ');
    const message = item?.kind === undefined ? `is required: one of ${known}` : `unknown step kind ${JSON.stringify(item.kind)} (use one of ${known})`;
    return { ...issue, code: 'custom', message };
  }
  return issue;
}

/** Parses one module file against the schema. */
export function parseModule(file: string, text: string): { entry?: Module; problems: ContentProblem[] } {
  return parseContentFile(file, text, ModuleSchema, authorIssue);
}

/** The steps of a module with `all-cases` replaced by every case, in course order (a case already listed stays where it is). */
export function expandSteps(items: readonly ModuleItemAsWritten[], caseOrder: readonly string[]): ModuleItem[] {
  const named = new Set(items.flatMap((i) => (i.kind === 'case' ? [i.slug] : [])));
  return items.flatMap((item): ModuleItem[] =>
    item.kind === 'all-cases' ? caseOrder.filter((slug) => !named.has(slug)).map((slug) => ({ kind: 'case', slug })) : [item],
  );
}

/**
 * The case slugs in course order (each case file's `order`, default 100, then title), read straight from the case
 * files so that tools which load modules alone (SCORM packaging) agree with the pages.
 */
export function caseOrderIn(contentDir: string, caseSlugs: ReadonlySet<string>): string[] {
  const rank = (slug: string): [number, string] => {
    const path = join(contentDir, 'cases', slug, 'case.yaml');
    if (!existsSync(path)) return [100, slug];
    const data = parseYaml(path, readFileSync(path, 'utf8'), []) as { order?: unknown; title?: unknown } | undefined;
    return [typeof data?.order === 'number' ? data.order : 100, typeof data?.title === 'string' ? data.title : slug];
  };
  return [...caseSlugs]
    .map((slug) => ({ slug, rank: rank(slug) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1].localeCompare(b.rank[1]))
    .map((x) => x.slug);
}

/** The id a step refers to: its slug, or its topic for a quiz. */
export const itemRef = (item: ModuleItem): string => (item.kind === 'quiz' ? item.topic : item.slug);

const WHERE: Record<ModuleItem['kind'], { field: string; noun: string; place: (id: string) => string }> = {
  case: { field: 'slug', noun: 'case', place: (id) => `content/cases/${id}/` },
  lesson: { field: 'slug', noun: 'lesson', place: (id) => `content/lessons/${id}.mdx` },
  quiz: { field: 'topic', noun: 'quiz topic', place: (id) => `content/questions/${id}.yaml` },
};

/** Cross-file checks of one module: every step exists, none is listed twice, something is scored. */
export function checkModuleReferences(file: string, module: Module | ModuleEntry, refs: ModuleReferences): ContentProblem[] {
  const problems: ContentProblem[] = [];
  if (module.items.filter((i) => i.kind === 'all-cases').length > 1)
    problems.push({ file, field: 'items', message: 'lists `all-cases` more than once; once brings in every case' });
  const known: Record<ModuleItem['kind'], ReadonlySet<string>> = { case: refs.caseSlugs, lesson: refs.lessonSlugs, quiz: refs.quizTopics };
  const firstAt = new Map<string, number>();
  module.items.forEach((item, i) => {
    if (item.kind === 'all-cases') return;
    const id = itemRef(item);
    const w = WHERE[item.kind];
    const field = `items[${i}].${w.field}`;
    if (!known[item.kind].has(id)) {
      problems.push({ file, field, message: unknownIdMessage(w.noun, id, [...known[item.kind]].sort(), { where: `there is no ${w.place(id)}` }) });
    }
    const key = `${item.kind}:${id}`;
    const seen = firstAt.get(key);
    if (seen !== undefined) problems.push({ file, field, message: `the ${w.noun} "${id}" is already step ${seen + 1} of this module; list each step once` });
    else firstAt.set(key, i);
  });
  if (!module.items.some((item) => item.kind !== 'lesson' && !(item.kind === 'all-cases' && refs.caseSlugs.size === 0)))
    problems.push({
      file,
      field: 'items',
      message: 'needs at least one case or quiz: the pass mark is reached on the mean of their scores, and lessons are not scored',
    });
  return problems;
}

/** The standalone lessons under `contentDir` (`content/lessons/<slug>.mdx`). */
export function lessonSlugsIn(contentDir: string): Set<string> {
  const dir = join(contentDir, 'lessons');
  if (!existsSync(dir)) return new Set();
  return new Set(
    readdirSync(dir)
      .filter((f) => f.endsWith('.mdx'))
      .map((f) => f.replace(/\.mdx$/, '')),
  );
}

/** Reads every module; returns them (by `order`, then title) with every problem found, without throwing. */
export function readModules(contentDir: string, refs: ModuleReferences, projectRoot = process.cwd()): { modules: ModuleEntry[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const rel = (p: string) => relative(projectRoot, p).split('\\').join('/');
  const dir = join(contentDir, 'modules');
  const modules: ModuleEntry[] = [];
  let caseOrder: string[] | undefined;
  for (const name of yamlFilesIn(dir)) {
    const path = join(dir, name);
    const file = rel(path);
    const slug = name.replace(/\.ya?ml$/, '');
    if (!SLUG.test(slug)) {
      problems.push({ file, field: '', message: `the file name "${slug}" is the module's URL: use lower-case words joined by hyphens` });
      continue;
    }
    const parsed = parseModule(file, readFileSync(path, 'utf8'));
    problems.push(...parsed.problems);
    if (!parsed.entry) continue;
    const refProblems = checkModuleReferences(file, parsed.entry, refs);
    problems.push(...refProblems);
    if (refProblems.length === 0) {
      caseOrder ??= refs.caseOrder ? [...refs.caseOrder] : caseOrderIn(contentDir, refs.caseSlugs);
      const order = caseOrder;
      modules.push({ ...parsed.entry, items: expandSteps(parsed.entry.items, order), slug, file });
    }
  }
  modules.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  return { modules, problems: locateAll(problems, projectRoot) };
}

/** Loads every module under `contentDir`; throws one ContentError listing every problem. */
export function loadModules(contentDir: string, refs: ModuleReferences, projectRoot = process.cwd()): ModuleEntry[] {
  const { modules, problems } = readModules(contentDir, refs, projectRoot);
  if (problems.length) throw new ContentError(problems);
  return modules;
}

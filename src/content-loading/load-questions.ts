import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { locateAll, parseContentFile, yamlFilesIn } from './read-yaml';
import { ObjectivesFileSchema, QuestionFileSchema, type Question, type QuestionFile } from '../schemas/question';
import { ContentError, unknownIdMessage, type ContentProblem, type IssueLike } from '../schemas/content-errors';

/**
 * Reads and validates the question bank (`content/questions/<topic>.yaml`) and the learning
 * objectives (`content/objectives.yaml`) with the same file-and-field errors as the cases, then
 * checks what a schema cannot see across files: item ids unique across the bank, and every
 * objective, case and source an item names exists. Node only.
 */

/** One topic file: a quiz page of its own. */
export interface QuestionTopic {
  /** The file name without `.yaml`; the quiz's URL (`/quizzes/<id>/`). */
  id: string;
  /** The file, relative to the project root. */
  file: string;
  title: string;
  description: string;
  items: Question[];
  /** The case every item belongs to, when the file is a case's own quiz; absent for a topic quiz. */
  case?: string;
}

/** A learning objective from `content/objectives.yaml`. */
export interface Objective {
  id: string;
  text: string;
}

export interface QuestionBank {
  topics: QuestionTopic[];
  objectives: Objective[];
}

/** What the bank may refer to outside itself. */
export interface BankReferences {
  caseSlugs: ReadonlySet<string>;
  sourceIds: ReadonlySet<string>;
  /** The disagreements items may link to; when absent, links are not checked. */
  disagreementIds?: ReadonlySet<string>;
  /** The cases' finding ids, to check the findings an item relies on; when absent, not checked. */
  cases?: readonly { slug: string; findings: readonly { id: string }[] }[];
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const TYPES = ['single', 'multiple', 'matching', 'numeric', 'ordering', 'concordance', 'key-feature'];

/**
 * zod reports a discriminated union it cannot place, and a record key it rejects, in words meant
 * for programmers; these say what an author should change.
 */
function authorIssue(issue: IssueLike, raw: unknown): IssueLike {
  const last = issue.path.at(-1);
  if (issue.code === 'invalid_union' && last === 'type' && issue.path[0] === 'items') {
    const item = (raw as { items?: unknown[] } | undefined)?.items?.[issue.path[1] as number] as Record<string, unknown> | undefined;
    const known = TYPES.map((t) => `"${t}"`).join(', ');
    const message = item?.type === undefined ? `is required: one of ${known}` : `unknown item type ${JSON.stringify(item.type)} (use one of ${known})`;
    return { ...issue, code: 'custom', message };
  }
  if (issue.code === 'invalid_key')
    return { ...issue, code: 'custom', message: 'is not a valid id: use lower-case words joined by hyphens, e.g. "choose-imaging"' };
  return issue;
}

/** Parses one topic file against the schema. */
export function parseQuestionFile(file: string, text: string): { entry?: QuestionFile; problems: ContentProblem[] } {
  return parseContentFile(file, text, QuestionFileSchema, authorIssue);
}

/** Parses `content/objectives.yaml`. */
export function parseObjectives(file: string, text: string): { entry?: Objective[]; problems: ContentProblem[] } {
  const { entry, problems } = parseContentFile(file, text, ObjectivesFileSchema, authorIssue);
  return { entry: entry && Object.entries(entry).map(([id, text]) => ({ id, text: text.trim() })), problems };
}

/** The case every item of a file belongs to, if there is one: such a file is that case's quiz. */
export function topicCase(items: readonly Question[]): string | undefined {
  const first = items[0]?.cases ?? [];
  return first.find((slug) => items.every((q) => q.cases.includes(slug)));
}

/**
 * Cross-file checks. Returns problems rather than throwing, so that an author sees them all at once.
 * (When the objectives file is missing or broken, the loader reports that file once and drops the
 * per-item "unknown objective" problems it would cause.)
 */
export function checkQuestionReferences(
  files: readonly { file: string; data: QuestionFile }[],
  objectiveIds: ReadonlySet<string>,
  refs: BankReferences,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const firstSeen = new Map<string, string>();

  for (const { file, data } of files) {
    const problem = (field: string, message: string) => problems.push({ file, field, message });
    data.items.forEach((item, i) => {
      const at = `items[${i}]`;
      const seen = firstSeen.get(item.id);
      if (seen) problem(`${at}.id`, `duplicate item id "${item.id}" (first used in ${seen}); ids must be unique across the whole bank`);
      else firstSeen.set(item.id, `${file} ${at}`);

      item.objectives.forEach((o, j) => {
        if (!objectiveIds.has(o)) problem(`${at}.objectives[${j}]`, unknownIdMessage('objective', o, objectiveIds));
      });
      item.cases.forEach((c, j) => {
        if (!refs.caseSlugs.has(c)) problem(`${at}.cases[${j}]`, unknownIdMessage('case', c, refs.caseSlugs));
      });
      if (!refs.sourceIds.has(item.evidence.source)) problem(`${at}.evidence.source`, unknownIdMessage('source', item.evidence.source, refs.sourceIds));
      item.moreEvidence.forEach((e, j) => {
        if (!refs.sourceIds.has(e.source)) problem(`${at}.moreEvidence[${j}].source`, unknownIdMessage('source', e.source, refs.sourceIds));
      });
      if (refs.disagreementIds) {
        item.disagreements.forEach((d, j) => {
          if (!refs.disagreementIds!.has(d)) problem(`${at}.disagreements[${j}]`, unknownIdMessage('disagreement', d, refs.disagreementIds!));
        });
      }
      if (refs.cases) {
        const own = refs.cases.filter((c) => item.cases.includes(c.slug));
        item.findings.forEach((f, j) => {
          if (!own.some((c) => c.findings.some((x) => x.id === f)))
            problem(
              `${at}.findings[${j}]`,
              own.length
                ? `unknown finding "${f}" in ${own.map((c) => c.slug).join(', ')}`
                : `"${f}": an item names findings only of the cases it lists in \`cases\``,
            );
        });
      }

      const unique = (list: readonly { id: string }[], field: string, what: string) => {
        const ids = new Set<string>();
        list.forEach((x, j) => {
          if (ids.has(x.id)) problem(`${at}.${field}[${j}].id`, `duplicate ${what} id "${x.id}" within the item`);
          ids.add(x.id);
        });
      };
      switch (item.type) {
        case 'single':
        case 'multiple':
          unique(item.options, 'options', 'option');
          break;
        case 'matching':
          unique(item.choices, 'choices', 'choice');
          unique(item.prompts, 'prompts', 'prompt');
          break;
        case 'ordering':
          unique(item.steps, 'steps', 'step');
          break;
        case 'concordance':
          item.panel.forEach((p, j) => {
            if (!refs.sourceIds.has(p.source)) problem(`${at}.panel[${j}].source`, unknownIdMessage('source', p.source, refs.sourceIds));
          });
          break;
        case 'key-feature':
          unique(item.features, 'features', 'feature');
          item.features.forEach((f, k) => unique(f.options, `features[${k}].options`, 'option'));
          break;
        case 'numeric':
          item.misconceptions.forEach((m, j) => {
            if (Math.abs(m.value - item.answer) <= item.tolerance + m.tolerance)
              problem(
                `${at}.misconceptions[${j}].value`,
                `${m.value} overlaps the accepted answer (${item.answer} ± ${item.tolerance}), so a right answer could be told it is a mistake`,
              );
          });
          break;
      }
    });
  }
  return problems;
}

/** Loads the question bank and objectives under `contentDir`; throws one ContentError listing every problem. */
export function loadQuestionBank(contentDir: string, refs: BankReferences, projectRoot = process.cwd()): QuestionBank {
  const problems: ContentProblem[] = [];
  const rel = (p: string) => relative(projectRoot, p).split('\\').join('/');

  const questionsDir = join(contentDir, 'questions');
  const parsed: { file: string; id: string; data: QuestionFile }[] = [];
  for (const name of yamlFilesIn(questionsDir)) {
    const path = join(questionsDir, name);
    const id = name.replace(/\.ya?ml$/, '');
    if (!SLUG.test(id)) {
      problems.push({ file: rel(path), field: '', message: `the file name "${id}" is the quiz's URL: use lower-case words joined by hyphens` });
      continue;
    }
    const result = parseQuestionFile(rel(path), readFileSync(path, 'utf8'));
    problems.push(...result.problems);
    if (result.entry) parsed.push({ file: rel(path), id, data: result.entry });
  }

  const objectivesPath = join(contentDir, 'objectives.yaml');
  let objectives: Objective[] = [];
  if (existsSync(objectivesPath)) {
    const result = parseObjectives(rel(objectivesPath), readFileSync(objectivesPath, 'utf8'));
    problems.push(...result.problems);
    objectives = result.entry ?? [];
  } else if (parsed.length > 0) {
    problems.push({
      file: rel(objectivesPath),
      field: '',
      message: 'is missing: the question items name learning objectives, which are listed there (id: text)',
    });
  }

  // With a broken objectives file every item would also report its objectives as unknown: report the file alone.
  const objectivesUsable = existsSync(objectivesPath) ? problems.every((p) => p.file !== rel(objectivesPath)) : false;
  const refProblems = checkQuestionReferences(parsed, new Set(objectives.map((o) => o.id)), refs);
  problems.push(...(objectivesUsable ? refProblems : refProblems.filter((p) => !/\.objectives\[\d+\]$/.test(p.field))));

  if (problems.length) throw new ContentError(locateAll(problems, projectRoot));
  const topics = parsed.map(({ file, id, data }) => {
    const topic: QuestionTopic = { id, file, title: data.title, description: data.description, items: data.items };
    const c = topicCase(data.items);
    if (c) topic.case = c;
    return topic;
  });
  return { topics, objectives };
}

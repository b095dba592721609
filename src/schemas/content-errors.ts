import { closestIds } from './closest-ids';

/**
 * Friendly content errors. A build that fails on content must say which file and which field, in
 * words an author who has never seen the schema can act on (after Starlight's error map).
 */

/** One problem found in one content file. */
export interface ContentProblem {
  /** The file, relative to the project root, e.g. `content/cases/foo/case.yaml`. */
  file: string;
  /** The field as a dotted path with list indices, e.g. `stages[1].day`; empty for the whole file. */
  field: string;
  /** What is wrong, in plain words. */
  message: string;
  /** The line in the file, from 1, where the field (or the nearest entry that holds it) is written. */
  line?: number;
  /** The column on that line, from 1. */
  column?: number;
  /** The field's place as an author counts, from 1 and by id, e.g. "stage 2 (`pod21`), finding 1". */
  where?: string;
}

/** Thrown when content fails validation; its message lists every problem, one per line. */
export class ContentError extends Error {
  readonly problems: readonly ContentProblem[];

  constructor(problems: readonly ContentProblem[]) {
    super(formatProblems(problems));
    this.name = 'ContentError';
    this.problems = problems;
    // A content error is about the author's files, and its message names each file, line and column; a stack trace
    // of the loader would only bury it (Astro prints a stack, and a location taken from it, whenever there is one).
    this.stack = '';
  }
}

/** `stages[1].day` from `['stages', 1, 'day']`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/**
 * One problem on one line, in the `file:line:column: message` form editors and terminals turn into a
 * link: `content/cases/x/case.yaml:41:10: stage 2 (\`pod21\`), field \`stages[1].day\`: expected a number, …`.
 */
export function formatProblem(problem: ContentProblem): string {
  const at = problem.line !== undefined ? `${problem.file}:${problem.line}:${problem.column ?? 1}` : problem.file;
  if (problem.field === '') return `${at}: ${problem.message}`;
  return `${at}: ${problem.where ? `${problem.where}, ` : ''}field \`${problem.field}\`: ${problem.message}`;
}

export function formatProblems(problems: readonly ContentProblem[]): string {
  const noun = problems.length === 1 ? 'problem' : 'problems';
  return [`Invalid course content (${problems.length} ${noun}):`, ...problems.map((p) => `  - ${formatProblem(p)}`)].join('\n');
}

/** The subset of a zod issue this module reads; kept structural so that the loaders' own issues fit too. */
export interface IssueLike {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  expected?: unknown;
  keys?: readonly string[];
  values?: readonly unknown[];
  input?: unknown;
}

/** The fields of a raw zod issue the error map reads (zod hands every issue to the map before it has a message). */
interface RawIssue {
  code?: string;
  expected?: unknown;
  input?: unknown;
  keys?: readonly string[];
  values?: readonly unknown[];
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  format?: unknown;
  note?: unknown;
  discriminator?: unknown;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${String(value)}`;
}

const EXPECTED_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  array: 'a list',
  object: 'a mapping of fields',
  record: 'a mapping of fields',
  boolean: 'true or false',
  tuple: 'a list of two numbers',
};

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * The one error map for content: every zod issue a content file raises, in words an author can act on
 * (after Starlight's). Passed to every content parse (`CONTENT_PARSE`); a message a schema sets itself
 * (a regex's hint, a refinement) takes precedence, as zod orders them. Returns undefined for an issue it
 * does not word, leaving zod's own.
 */
export function authorErrorMap(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED_WORDS[String(issue.expected)] ?? String(issue.expected);
      return issue.input === undefined ? `is required (${expected})` : `expected ${expected}, found ${describeValue(issue.input)}`;
    }
    case 'unrecognized_keys':
      return (
        `unknown field${issue.keys && issue.keys.length > 1 ? 's' : ''} ` +
        `${(issue.keys ?? []).map((k) => `\`${k}\``).join(', ')} (check the spelling against the schema)`
      );
    case 'invalid_value':
      return `must be one of ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}, found ${describeValue(issue.input)}`;
    case 'too_small':
    case 'too_big': {
      const limit = Number(issue.code === 'too_big' ? issue.maximum : issue.minimum);
      if (!Number.isFinite(limit)) return undefined;
      const most = issue.code === 'too_big' ? 'at most' : 'at least';
      if (issue.origin === 'number') return `must be ${most} ${limit}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `needs ${most} ${plural(limit, 'item')}`;
      if (issue.origin === 'string') return issue.code === 'too_small' && limit === 1 ? 'must not be empty' : `needs ${most} ${plural(limit, 'character')}`;
      return undefined;
    }
    case 'invalid_format':
      return issue.format === 'url'
        ? `expected a web address (https://…), found ${describeValue(issue.input)}`
        : `is not in the expected form (${String(issue.format)}), found ${describeValue(issue.input)}`;
    case 'invalid_union':
      if (issue.note === 'No matching discriminator' && typeof issue.discriminator === 'string')
        return `\`${issue.discriminator}\` is missing or not one this field knows`;
      return undefined;
    default:
      return undefined;
  }
}

/** The options every content parse passes to zod: the input kept for the messages, and the one error map. */
export const CONTENT_PARSE = { reportInput: true, error: authorErrorMap } as const;

/** Problems for a file from zod issues (already worded by `authorErrorMap`). */
export function problemsFromIssues(file: string, issues: readonly IssueLike[]): ContentProblem[] {
  return issues.map((issue) => ({ file, field: formatPath(issue.path), message: issue.message }));
}

/**
 * The message for an id that names nothing: `unknown finding "ct-abdomn" (did you mean "ct-abdomen"? known: …)`.
 * Every loader words unknown ids this way, so an author always gets the nearest ids first and the whole list after.
 */
export function unknownIdMessage(what: string, id: string, known: Iterable<string>, options: { where?: string } = {}): string {
  const list = [...known];
  const near = closestIds(id, list);
  const suggestion = near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}? ` : '';
  const where = options.where ? `: ${options.where}` : '';
  return `unknown ${what} "${id}"${where} (${suggestion}known: ${list.join(', ') || '(none)'})`;
}

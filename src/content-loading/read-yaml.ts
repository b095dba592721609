import YAML, { isMap, isPair, isScalar, isSeq, LineCounter, type Node } from 'yaml';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'astro/zod';
import { CONTENT_PARSE, problemsFromIssues, type ContentProblem, type IssueLike } from '../schemas/content-errors';

/**
 * Reads a YAML content file. Syntax errors become problems naming the file, line and column, so a
 * broken file reads the same whichever loader meets it.
 */
export function parseYaml(file: string, text: string, problems: ContentProblem[]): unknown {
  const doc = YAML.parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const at = e.linePos ? { line: e.linePos[0].line, column: e.linePos[0].col } : {};
      problems.push({ file, field: '', message: `is not valid YAML: ${e.message.split('\n')[0]}`, ...at });
    }
    return undefined;
  }
  return doc.toJS();
}

/** The YAML files of a folder (`.yaml` or `.yml`), sorted; none when the folder does not exist. */
export function yamlFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
}

/** `['stages', 1, 'day']` from `stages[1].day` (and `[3].evidence` for a file that is a list). */
export function parseFieldPath(field: string): (string | number)[] {
  const path: (string | number)[] = [];
  for (const m of field.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) path.push(m[1] !== undefined ? Number(m[1]) : m[2]!);
  return path;
}

/** What an author calls one entry of each list, for "stage 2 (`pod21`)" beside `stages[1]`. */
const ENTRY_NOUNS: Record<string, string> = {
  stages: 'stage',
  findings: 'finding',
  actions: 'action',
  items: 'item',
  discussionQuestions: 'discussion question',
  bestPath: 'best-path step',
  teamPath: 'team-path step',
  credits: 'credit',
  answer: 'answer entry',
  teachingPoints: 'teaching point',
  positions: 'position',
  options: 'option',
  choices: 'choice',
  prompts: 'prompt',
  steps: 'step',
  panel: 'panel entry',
  features: 'feature',
  stewardship: 'stewardship entry',
  keyFindings: 'key finding',
  contradictions: 'contradiction',
  objectives: 'objective',
  presentsIf: 'conditional presentation',
  reveals: 'revealed finding',
  presents: 'presented finding',
  charts: 'chart',
  tables: 'table',
  quotes: 'quote',
  qualifiers: 'qualifier',
  exercise: 'exercise item',
};

/** The name an entry goes by: its id, or the field that identifies it. */
function entryName(node: unknown): string | undefined {
  if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) return String(node.value);
  if (!isMap(node)) return undefined;
  for (const key of ['id', 'slug', 'topic', 'diagnosis', 'action', 'order', 'finding']) {
    const v = node.get(key, true);
    if (isScalar(v) && (typeof v.value === 'string' || typeof v.value === 'number')) return String(v.value);
  }
  const event = node.get('event', true);
  if (isMap(event)) {
    const action = event.get('action');
    const type = event.get('type');
    if (typeof action === 'string') return `${String(type ?? 'ORDER')} ${action}`;
    if (typeof type === 'string') return type;
  }
  return undefined;
}

/** Where a field is in a YAML document: the line and column (both from 1) and its path in an author's words. */
export interface FieldLocation {
  line: number;
  column: number;
  /** The list entries on the way, counted from 1 and named by id: "stage 2 (`pod21`), finding 1". */
  where: string;
}

/**
 * Finds a field in a YAML document. When the field itself is absent (a required field left out), the
 * nearest enclosing entry is given; `key` points at one key inside the field (an unknown field).
 */
export function locateField(doc: YAML.Document.Parsed, counter: LineCounter, path: readonly (string | number)[], key?: string): FieldLocation | undefined {
  let node: unknown = doc.contents;
  let at: number | undefined = (doc.contents as Node | null)?.range?.[0];
  const words: string[] = [];
  let parentKey: string | undefined;
  for (const step of path) {
    if (typeof step === 'number' && isSeq(node)) {
      const item = node.items[step];
      if (item === undefined) break;
      const name = entryName(item);
      const noun = parentKey === undefined ? 'entry' : (ENTRY_NOUNS[parentKey] ?? `entry of \`${parentKey}\``);
      words.push(`${noun} ${step + 1}${name !== undefined ? ` (\`${name}\`)` : ''}`);
      node = item;
      at = (item as Node).range?.[0] ?? at;
    } else if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) break;
      node = pair.value;
      // A scalar points at its value (what to change); anything larger at its key.
      at = isScalar(pair.value) ? (pair.value.range?.[0] ?? at) : ((pair.key as Node | null)?.range?.[0] ?? at);
      parentKey = String(step);
    } else break;
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    if (pair) at = (pair.key as Node | null)?.range?.[0] ?? at;
  }
  if (at === undefined) return undefined;
  const pos = counter.linePos(at);
  return { line: pos.line, column: pos.col, where: words.join(', ') };
}

/**
 * Adds the line and column, and the path in an author's words, to every problem of one file that has
 * none, from the file's text. Problems of other files, and fields that cannot be found, are left as they are.
 */
export function locateProblems(file: string, text: string, problems: readonly ContentProblem[]): ContentProblem[] {
  if (!problems.some((p) => p.file === file && p.line === undefined)) return [...problems];
  const counter = new LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter: counter });
  if (doc.errors.length) return [...problems];
  return problems.map((p) => {
    if (p.file !== file || p.line !== undefined) return p;
    const unknownKey = /^unknown field `([^`]+)`/.exec(p.message)?.[1];
    const found = locateField(doc, counter, parseFieldPath(p.field), unknownKey);
    if (!found) return p;
    return { ...p, line: found.line, column: found.column, ...(found.where ? { where: found.where } : {}) };
  });
}

/**
 * Adds lines, columns and author paths to problems from any number of files, reading each YAML file
 * once from disk (`file` is relative to `projectRoot`). Used where a loader gathers problems from
 * several files before it throws.
 */
export function locateAll(problems: readonly ContentProblem[], projectRoot: string): ContentProblem[] {
  let out = [...problems];
  const files = new Set(problems.filter((p) => p.line === undefined && p.field !== '' && /\.ya?ml$/.test(p.file)).map((p) => p.file));
  for (const file of files) {
    const path = resolve(projectRoot, file);
    if (existsSync(path)) out = locateProblems(file, readFileSync(path, 'utf8'), out);
  }
  return out;
}

/**
 * Parses one YAML content file against its schema with the course's error map; `reword` lets a loader
 * turn an issue into its own author's words (it sees the raw value the issue is about).
 */
export function parseContentFile<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  reword: (issue: IssueLike, raw: unknown) => IssueLike = (issue) => issue,
): { entry?: z.output<S>; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const raw = parseYaml(file, text, problems);
  if (problems.length) return { problems };
  const result = schema.safeParse(raw, CONTENT_PARSE);
  if (!result.success)
    return {
      problems: problemsFromIssues(
        file,
        result.error.issues.map((i) => reword(i as IssueLike, raw)),
      ),
    };
  return { entry: result.data, problems };
}

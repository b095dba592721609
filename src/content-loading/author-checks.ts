import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import YAML from 'yaml';
import type { CaseDefinition } from '../schemas/case';
import type { SourceEntry } from '../schemas/source';
import type { PlayEvent } from '../schemas/events';
import type { ContentProblem } from '../schemas/content-errors';
import { locateAll, locateProblems } from './read-yaml';
import { checkPatientDetails, type ItemForDetails, type PatientDetailsInput } from './patient-details';
import { normaliseForQuotes, type SourceTexts } from './source-texts';
import { findCopiedRuns, type CopiedRun } from './copycheck';
import { validityFigures, type ValidityFigure } from '../scoring/validity-figures';
import { expandEvidence } from '../schemas/provenance';

/**
 * The checks an author runs on content beyond its schema (`npm run check:content`; the unit tests call
 * the same functions): quotes under 12 words and found in their source's text, copied runs, and the
 * validity figures of each case with its best path. Each returns problems in the loaders' form
 * (file, field, line, column), and notes for what it could not check. Node only.
 */

/** The most words a quote may have, minus one: fewer than 12 keeps it a citation. */
export const QUOTE_WORD_LIMIT = 12;

/** One quote in a content file, with the field that holds it. */
export interface QuoteAt {
  /** The field path of the object holding the quote, e.g. `findings[3].evidence`. */
  field: string;
  source: string | undefined;
  quote: string;
  /** Written as the one-line shorthand, so the problem points at the field itself rather than a `quote` inside it. */
  shorthand?: boolean;
}

/** Every `{ source, quote }` in a value read from YAML (the source defaults to `defaultSource`). */
export function quotesIn(value: unknown, defaultSource?: string, path = ''): QuoteAt[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => quotesIn(v, defaultSource, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const here = typeof o.quote === 'string' ? [{ field: path, source: typeof o.source === 'string' ? o.source : defaultSource, quote: o.quote }] : [];
    return [
      ...here,
      ...Object.entries(o).flatMap(([k, v]) => {
        const at = path ? `${path}.${k}` : k;
        // The one-line shorthand `evidence: "quote @ Section"` cites the case's own source.
        if (k === 'evidence' && typeof v === 'string' && defaultSource) {
          const ref = expandEvidence(v, defaultSource);
          return ref.quote ? [{ field: at, source: ref.source, quote: ref.quote, shorthand: true }] : [];
        }
        return quotesIn(v, defaultSource, at);
      }),
    ];
  }
  return [];
}

/** Quotes of 12 words or more in one file's data as written (the loader runs this, so the build refuses them too). */
export function longQuotes(file: string, data: unknown, defaultSource?: string): ContentProblem[] {
  return quotesIn(data, defaultSource)
    .map((q) => ({ q, words: q.quote.split(/\s+/).filter(Boolean).length }))
    .filter(({ words }) => words >= QUOTE_WORD_LIMIT)
    .map(({ q, words }) => ({ file, field: q.shorthand ? q.field : `${q.field}.quote`, message: quoteLengthMessage(words) }));
}

const quoteLengthMessage = (words: number) =>
  `the quote has ${words} words: keep it under ${QUOTE_WORD_LIMIT} (a citation, not a copy), e.g. the words that carry the fact`;

/** A content file that can carry quotes: its text (YAML, or an MDX file's front matter) and the line its YAML starts on. */
export interface QuoteFile {
  /** Relative to the project root. */
  file: string;
  /** The YAML text. */
  yaml: string;
  /** Lines before the YAML in the file (the `---` of an MDX file's front matter). */
  lineOffset: number;
  /** The source a quote without one cites: the case's own. */
  defaultSource?: string;
}

/** Every content file that can carry quotes: the diagnosis list, cases, questions, disagreements, instructor notes, standalone lessons. */
export function quoteFiles(contentDir: string, projectRoot: string): QuoteFile[] {
  const rel = (p: string) => relative(projectRoot, p).split('\\').join('/');
  const yamlIn = (dir: string) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => /\.ya?ml$/.test(f))
          .sort()
      : [];
  const files: QuoteFile[] = [];
  const caseSource = new Map<string, string>();
  const diagnoses = join(contentDir, 'diagnoses.yaml');
  if (existsSync(diagnoses)) files.push({ file: rel(diagnoses), yaml: readFileSync(diagnoses, 'utf8'), lineOffset: 0 });
  const casesDir = join(contentDir, 'cases');
  for (const slug of existsSync(casesDir) ? readdirSync(casesDir).sort() : []) {
    const path = join(casesDir, slug, 'case.yaml');
    if (!existsSync(path)) continue;
    const yaml = readFileSync(path, 'utf8');
    const source = (YAML.parse(yaml) as { source?: unknown } | null)?.source;
    if (typeof source === 'string') caseSource.set(slug, source);
    files.push({ file: rel(path), yaml, lineOffset: 0, ...(typeof source === 'string' ? { defaultSource: source } : {}) });
  }
  for (const folder of ['questions', 'disagreements', 'instructor']) {
    const dir = join(contentDir, folder);
    for (const name of yamlIn(dir)) {
      const own = folder === 'instructor' ? caseSource.get(name.replace(/\.ya?ml$/, '')) : undefined;
      files.push({ file: rel(join(dir, name)), yaml: readFileSync(join(dir, name), 'utf8'), lineOffset: 0, ...(own ? { defaultSource: own } : {}) });
    }
  }
  const lessons = join(contentDir, 'lessons');
  for (const name of existsSync(lessons)
    ? readdirSync(lessons)
        .filter((f) => f.endsWith('.mdx'))
        .sort()
    : []) {
    const text = readFileSync(join(lessons, name), 'utf8');
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    if (front) files.push({ file: rel(join(lessons, name)), yaml: front[1]!, lineOffset: 1 });
  }
  return files;
}

/** What the quote checks found: problems, and a plain statement for every file whose quotes could not be looked up. */
export interface QuoteReport {
  problems: ContentProblem[];
  /** "content/cases/x/case.yaml: 12 quotes from hale-2003 not checked against its text: …". */
  unchecked: string[];
  /** Quotes checked against a text. */
  checked: number;
  /** Quotes in all. */
  total: number;
}

/** Quotes under 12 words everywhere, and found in their source's text wherever that text is available. */
export function checkQuotes(files: readonly QuoteFile[], sources: readonly SourceEntry[], texts: SourceTexts): QuoteReport {
  const known = new Set(sources.map((s) => s.id));
  const report: QuoteReport = { problems: [], unchecked: [], checked: 0, total: 0 };
  for (const f of files) {
    let data: unknown;
    try {
      data = YAML.parse(f.yaml);
    } catch {
      continue; // The loader reports broken YAML with its line.
    }
    const problems: ContentProblem[] = [];
    const missing = new Map<string, { count: number; reason: string }>();
    for (const q of quotesIn(data, f.defaultSource)) {
      report.total++;
      const words = q.quote.split(/\s+/).filter(Boolean).length;
      if (words >= QUOTE_WORD_LIMIT) problems.push({ file: f.file, field: q.shorthand ? q.field : `${q.field}.quote`, message: quoteLengthMessage(words) });
      if (!q.source || !known.has(q.source)) continue; // The loader reports a missing or unknown source.
      const text = texts.normalisedText(q.source);
      if (text === undefined) {
        const lookup = texts.lookup(q.source);
        const entry = missing.get(q.source) ?? { count: 0, reason: lookup.found ? '' : lookup.reason };
        entry.count++;
        missing.set(q.source, entry);
        continue;
      }
      report.checked++;
      if (!text.includes(normaliseForQuotes(q.quote)))
        problems.push({
          file: f.file,
          field: q.shorthand ? q.field : `${q.field}.quote`,
          message: `not found in the text of ${q.source}: "${q.quote}" (copy the words exactly; case, spacing and line-break hyphens do not matter)`,
        });
    }
    for (const [source, { count, reason }] of missing)
      report.unchecked.push(`${f.file}: ${count} quote${count === 1 ? '' : 's'} from ${source} not checked against its text: ${reason}`);
    const located = locateProblems(f.file, f.yaml, problems).map((p) => (p.line !== undefined && f.lineOffset ? { ...p, line: p.line + f.lineOffset } : p));
    report.problems.push(...located);
  }
  return report;
}

/** Copied runs of 12 or more words from any source text in `content` and `src`, except a paper's exact title in its own source record. */
export function checkCopiedRuns(
  projectRoot: string,
  contentDir: string,
  sources: readonly SourceEntry[],
  texts: SourceTexts,
): { problems: ContentProblem[]; runs: CopiedRun[]; textsRead: number } {
  const all = texts.allTexts();
  // The papers' own texts in content/sources/ are the sources, not copies.
  const exclude = new Set(all.map((t) => t.path));
  const rel = (p: string) => relative(projectRoot, p).split('\\').join('/');
  const paths = [...new Set([rel(contentDir), 'src'])];
  const runs = findCopiedRuns(
    projectRoot,
    paths,
    all.map((t) => t.text),
    { exclude },
  );
  // A citation must reproduce a paper's title exactly: the only copying allowed.
  const titles = new Set(
    sources.map(
      (s) =>
        s.title
          .toLowerCase()
          .match(/[a-z0-9]+/g)
          ?.join(' ') ?? '',
    ),
  );
  const unexplained = runs.filter((r) => !(/(^|\/)sources\/[^/]+\.ya?ml$/.test(r.file) && titles.has(r.text)));
  return {
    runs: unexplained,
    textsRead: all.length,
    problems: unexplained.map((r) => ({
      file: r.file,
      field: '',
      line: r.line,
      column: 1,
      message: `${r.words} words copied from a source: "${r.text}". Write it in your own words, or quote fewer than ${QUOTE_WORD_LIMIT} words as evidence`,
    })),
  };
}

/** The validity figures of every case, with a problem for each that fails (in the instructor notes, where the best path is). */
export function checkValidity(
  cases: readonly CaseDefinition[],
  bestPaths: ReadonlyMap<string, readonly PlayEvent[]>,
  options: { walks?: number; notesFile: (slug: string) => string },
): { figures: Map<string, ValidityFigure[]>; problems: ContentProblem[] } {
  const figures = new Map<string, ValidityFigure[]>();
  const problems: ContentProblem[] = [];
  for (const def of cases) {
    const best = bestPaths.get(def.slug);
    if (!best) {
      problems.push({
        file: options.notesFile(def.slug),
        field: '',
        message:
          `the case "${def.slug}" has no instructor notes: write its best path there (npm run new-case writes a skeleton), ` +
          `so that its scoring can be checked`,
      });
      continue;
    }
    const list = validityFigures(def, best, { walks: options.walks });
    figures.set(def.slug, list);
    for (const f of list.filter((x) => !x.pass))
      problems.push({
        file: options.notesFile(def.slug),
        field: f.id === 'best' ? 'bestPath' : '',
        message:
          `validity of ${def.slug}, ${f.label}: ${f.value} is outside ${f.rule}${f.margin !== null ? ` by ${Math.abs(f.margin)}` : ''}; ` +
          `${f.detail}. What to change: ${f.advice}`,
      });
  }
  return { figures, problems };
}

/** The marker the `new-case` skeleton leaves where an author has something to write. */
export const TODO_MARKER = /\bTODO\b/;

/** Every TODO left in the content files (YAML, MDX, text), each with its line and column, so none is forgotten. */
export function checkTodos(contentDir: string, projectRoot: string): ContentProblem[] {
  const rel = (p: string) => relative(projectRoot, p).split('\\').join('/');
  const problems: ContentProblem[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, name.name);
      if (name.isDirectory()) walk(path);
      else if (/\.(ya?ml|mdx)$/.test(name.name))
        readFileSync(path, 'utf8')
          .split(/\r?\n/)
          .forEach((line, i) => {
            const m = TODO_MARKER.exec(line);
            if (m) problems.push({ file: rel(path), field: '', line: i + 1, column: m.index + 1, message: `still to write: ${line.trim().slice(0, 120)}` });
          });
    }
  };
  if (existsSync(contentDir)) walk(contentDir);
  return problems;
}

/** The patient-details rule (src/content-loading/patient-details.ts) over the course as loaded, with lines and columns. */
export function checkPatientDetailsIn(
  contentDir: string,
  projectRoot: string,
  course: {
    cases: readonly CaseDefinition[];
    topics: readonly { file: string; items: readonly ItemForDetails[] }[];
    instructor: readonly { case: string; discussionQuestions: readonly { question: string; evidence: { quote?: string }; findings?: readonly string[] }[] }[];
  },
): ContentProblem[] {
  const rel = (p: string) => relative(projectRoot, p).split('\\').join('/');
  const analytes = join(contentDir, 'analytes.yaml');
  const constants = existsSync(analytes)
    ? Object.values((YAML.parse(readFileSync(analytes, 'utf8')) ?? {}) as Record<string, { molarMass?: number }>).flatMap((a) =>
        a.molarMass ? [a.molarMass] : [],
      )
    : [];
  const lessons = join(contentDir, 'lessons');
  const exercises = (
    existsSync(lessons)
      ? readdirSync(lessons)
          .filter((f) => f.endsWith('.mdx'))
          .sort()
      : []
  ).flatMap((name) => {
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(join(lessons, name), 'utf8'));
    const data = front ? (YAML.parse(front[1]!) as { exercise?: PatientDetailsInput['exercises'][number]['items'] } | null) : null;
    return data?.exercise ? [{ file: rel(join(lessons, name)), items: data.exercise }] : [];
  });
  const problems = checkPatientDetails({
    cases: course.cases,
    topics: course.topics,
    notes: course.instructor.map((n) => ({ ...n, file: rel(join(contentDir, 'instructor', `${n.case}.yaml`)) })),
    exercises,
    constants,
  });
  // Lesson front matter starts on line 2 of its file; YAML files are located directly.
  const located = locateAll(
    problems.filter((p) => !p.file.endsWith('.mdx')),
    projectRoot,
  );
  return [...located, ...problems.filter((p) => p.file.endsWith('.mdx'))];
}

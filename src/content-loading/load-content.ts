import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { locateAll, parseYaml, yamlFilesIn } from './read-yaml';
import { longQuotes } from './author-checks';
import { CaseInputSchema, CaseSchema, type CaseDefinition } from '../schemas/case';
import { authoredField, expandCase } from './expand-case';
import { flattenUnionIssues } from './union-issues';
import { SourceSchema, type SourceEntry } from '../schemas/source';
import { checkCaseReferences } from './case-references';
import { checkCaseDisagreements, disagreementIdsIn } from './case-disagreements';
import { scoringVersion, textRevision } from '../utils/case-version';
import { CONTENT_PARSE, ContentError, problemsFromIssues, unknownIdMessage, type ContentProblem } from '../schemas/content-errors';
import { checkCasePlayable } from '../engine/check-case';
import { AnalytesFileSchema, type Analyte } from '../schemas/analyte';
import { caseLabUnits } from './units';
import { DiagnosisListSchema, type DiagnosisEntry } from '../schemas/diagnosis';

/**
 * Reads and validates all course content from disk. Used by the Astro content loaders at build
 * time, by `npm run attempt` and by the tests, so that all three see the same validated data.
 * Node only: never imported by anything that runs in the browser.
 */

export interface CourseContent {
  sources: SourceEntry[];
  cases: CaseDefinition[];
  analytes: Record<string, Analyte>;
  /** The course-wide diagnosis list every case offers. */
  diagnoses: DiagnosisEntry[];
}

/** Parses the course-wide diagnosis list (`content/diagnoses.yaml`). */
export function parseDiagnosisList(file: string, text: string, sourceIds: ReadonlySet<string>): { list?: DiagnosisEntry[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const raw = parseYaml(file, text, problems);
  if (problems.length) return { problems };
  const result = DiagnosisListSchema.safeParse(raw, CONTENT_PARSE);
  if (!result.success) return { problems: problemsFromIssues(file, result.error.issues) };
  result.data.forEach((d, i) => {
    if (d.evidence && !sourceIds.has(d.evidence.source))
      problems.push({ file, field: `[${i}].evidence.source`, message: unknownIdMessage('source', d.evidence.source, sourceIds) });
  });
  return problems.length ? { problems } : { list: result.data, problems };
}

/** Parses one source record. */
export function parseSource(file: string, text: string): { entry?: SourceEntry; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const raw = parseYaml(file, text, problems);
  if (problems.length) return { problems };
  const result = SourceSchema.safeParse(raw, CONTENT_PARSE);
  if (!result.success) return { problems: problemsFromIssues(file, result.error.issues) };
  const id = file
    .split('/')
    .pop()!
    .replace(/\.ya?ml$/, '');
  return { entry: { id, ...result.data }, problems };
}

/** Parses and checks one case file: schema, then cross-references, then that its team path plays. */
export function parseCase(
  file: string,
  slug: string,
  text: string,
  sourceIds: ReadonlySet<string>,
  analytes: Readonly<Record<string, Analyte>> = {},
  diagnoses: readonly DiagnosisEntry[] = [],
): { entry?: CaseDefinition; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const raw = parseYaml(file, text, problems);
  if (problems.length) return { problems };
  // Validated as written (shorthands and all), so that every error points at the author's text;
  // then expanded to the long form, whose own checks can only fail on a shorthand's result.
  const authored = CaseInputSchema.safeParse(raw, CONTENT_PARSE);
  if (!authored.success) return { problems: problemsFromIssues(file, flattenUnionIssues(authored.error.issues)) };
  const long = longQuotes(file, raw, authored.data.source);
  if (long.length) return { problems: long };
  const result = CaseSchema.safeParse(expandCase(authored.data, analytes), CONTENT_PARSE);
  if (!result.success)
    return {
      problems: problemsFromIssues(file, flattenUnionIssues(result.error.issues)).map((p) => ({
        ...p,
        field: authoredField(p.field, authored.data),
        message: `${p.message} (after expanding the shorthands)`,
      })),
    };
  const asWritten = (found: ContentProblem[]) => found.map((p) => ({ ...p, field: authoredField(p.field, authored.data) }));
  const refs = checkCaseReferences(file, result.data, sourceIds, new Set(diagnoses.map((d) => d.id)));
  if (refs.length) return { problems: asWritten(refs) };
  const units = caseLabUnits(file, result.data, analytes);
  if (units.problems.length) return { problems: asWritten(units.problems) };
  const entry: CaseDefinition = {
    ...result.data,
    slug,
    version: scoringVersion(result.data),
    textRevision: textRevision(result.data),
    labUnits: units.units,
    diagnoses: [...diagnoses],
  };
  const playable = checkCasePlayable(file, entry);
  if (playable.length) return { problems: asWritten(playable) };
  return { entry, problems };
}

/** Loads every source and case under `contentDir`; throws one ContentError listing every problem. */
export function loadCourseContent(contentDir: string, projectRoot = process.cwd()): CourseContent {
  const problems: ContentProblem[] = [];
  const rel = (p: string) => relative(projectRoot, p).split('\\').join('/');

  const sources: SourceEntry[] = [];
  const sourcesDir = join(contentDir, 'sources');
  for (const name of yamlFilesIn(sourcesDir)) {
    const path = join(sourcesDir, name);
    const parsed = parseSource(rel(path), readFileSync(path, 'utf8'));
    problems.push(...parsed.problems);
    if (parsed.entry) sources.push(parsed.entry);
  }
  const sourceIds = new Set(sources.map((s) => s.id));

  let analytes: Record<string, Analyte> = {};
  const analytesPath = join(contentDir, 'analytes.yaml');
  if (existsSync(analytesPath)) {
    const file = rel(analytesPath);
    const raw = parseYaml(file, readFileSync(analytesPath, 'utf8'), problems);
    const parsed = AnalytesFileSchema.safeParse(raw, CONTENT_PARSE);
    if (parsed.success) analytes = parsed.data;
    else problems.push(...problemsFromIssues(file, parsed.error.issues));
  }

  let diagnoses: DiagnosisEntry[] = [];
  const diagnosesPath = join(contentDir, 'diagnoses.yaml');
  if (existsSync(diagnosesPath)) {
    const parsed = parseDiagnosisList(rel(diagnosesPath), readFileSync(diagnosesPath, 'utf8'), sourceIds);
    problems.push(...parsed.problems);
    if (parsed.list) diagnoses = parsed.list;
  } else {
    problems.push({ file: rel(diagnosesPath), field: '', message: 'the course needs its diagnosis list, content/diagnoses.yaml' });
  }

  const cases: CaseDefinition[] = [];
  const casesDir = join(contentDir, 'cases');
  const slugs = existsSync(casesDir)
    ? readdirSync(casesDir)
        .filter((d) => statSync(join(casesDir, d)).isDirectory())
        .sort()
    : [];
  for (const slug of slugs) {
    const path = join(casesDir, slug, 'case.yaml');
    if (!existsSync(path)) {
      problems.push({ file: rel(join(casesDir, slug)), field: '', message: 'a case folder needs a case.yaml' });
      continue;
    }
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
      problems.push({ file: rel(path), field: '', message: `the folder name "${slug}" is the case's URL: use lower-case words joined by hyphens` });
      continue;
    }
    if (!existsSync(join(casesDir, slug, 'lesson.mdx')))
      problems.push({ file: rel(join(casesDir, slug)), field: '', message: 'a case folder needs a lesson.mdx beside its case.yaml' });
    const parsed = parseCase(rel(path), slug, readFileSync(path, 'utf8'), sourceIds, analytes, diagnoses);
    problems.push(...parsed.problems);
    if (parsed.entry) cases.push(parsed.entry);
  }

  // Case texts that touch a contested point link to it, so each link must name a real disagreement.
  const disagreementIds = disagreementIdsIn(contentDir);
  for (const c of cases) problems.push(...checkCaseDisagreements(rel(join(casesDir, c.slug, 'case.yaml')), c, disagreementIds));

  if (problems.length) throw new ContentError(locateAll(problems, projectRoot));
  return { sources, cases, analytes, diagnoses };
}

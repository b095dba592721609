import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { locateAll, parseYaml } from './read-yaml';
import type { CaseDefinition } from '../schemas/case';
import type { PlayEvent } from '../schemas/events';
import {
  InstructorNotesInputSchema,
  InstructorNotesSchema,
  type InstructorNotes,
  type InstructorNotesData,
  type InstructorNotesInput,
} from '../schemas/instructor';
import { stepEvent } from '../schemas/play-step';
import { expandEvidence } from '../schemas/provenance';
import { flattenUnionIssues } from './union-issues';
import { AttemptError, replay } from '../engine/attempt';
import { CONTENT_PARSE, ContentError, problemsFromIssues, unknownIdMessage, type ContentProblem, type IssueLike } from '../schemas/content-errors';

/**
 * Reads and validates the instructor notes (`content/instructor/<case-slug>.yaml`): schema, then
 * that the file names a case, that its sources exist, and that its best path plays to the end of
 * the case (through the same engine the learners' attempts replay on). Node only.
 */

/** The long form of notes written with shorthands: best-path steps as events, evidence with its source. */
export function expandInstructorNotes(notes: InstructorNotesInput, caseSource: string): unknown {
  return {
    discussionQuestions: notes.discussionQuestions.map((q) => ({ ...q, evidence: expandEvidence(q.evidence, caseSource) })),
    bestPath: notes.bestPath.map((step) => {
      const note = typeof step === 'string' ? undefined : step.note;
      return { event: stepEvent(step), ...(note === undefined ? {} : { note }) };
    }),
  };
}

/** Parses one notes file and checks it against its case (undefined when the file names no case). */
export function parseInstructorNotes(
  file: string,
  slug: string,
  text: string,
  def: CaseDefinition | undefined,
  sourceIds: ReadonlySet<string>,
  knownCases: readonly string[] = [],
): { entry?: InstructorNotes; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  if (!def) {
    return {
      problems: [{ file, field: '', message: `the file name "${slug}" must be the slug of a case (known: ${[...knownCases].sort().join(', ') || '(none)'})` }],
    };
  }
  const raw = parseYaml(file, text, problems);
  if (problems.length) return { problems };
  const authored = InstructorNotesInputSchema.safeParse(raw, CONTENT_PARSE);
  const friendly = (issues: readonly IssueLike[]) => problemsFromIssues(file, flattenUnionIssues(issues));
  if (!authored.success) return { problems: friendly(authored.error.issues as IssueLike[]) };
  const result = InstructorNotesSchema.safeParse(expandInstructorNotes(authored.data, def.source), CONTENT_PARSE);
  if (!result.success) return { problems: friendly(result.error.issues as IssueLike[]) };
  const data: InstructorNotesData = result.data;
  const stepField = (i: number) =>
    (authored.data.bestPath[i] as { event?: unknown } | undefined)?.event !== undefined ? `bestPath[${i}].event` : `bestPath[${i}]`;
  data.discussionQuestions.forEach((q, i) => {
    if (!sourceIds.has(q.evidence.source))
      problems.push({ file, field: `discussionQuestions[${i}].evidence.source`, message: unknownIdMessage('source', q.evidence.source, sourceIds) });
  });
  try {
    const { finished } = replay(
      def,
      data.bestPath.map((s) => s.event),
    );
    if (!finished) problems.push({ file, field: 'bestPath', message: 'must play to the end of the case: finish it with a FINISH step at the last stage' });
  } catch (e) {
    if (!(e instanceof AttemptError)) throw e;
    problems.push({ file, field: stepField(e.index), message: `the case does not accept this step here: ${e.reason}` });
  }
  if (problems.length) return { problems };
  return { entry: { case: slug, ...data }, problems };
}

/** The best path of a case's notes as the events an attempt holds. */
export function bestPathEvents(notes: InstructorNotes): PlayEvent[] {
  return notes.bestPath.map((s) => s.event);
}

/** Reads every notes file; returns the notes with every problem found, without throwing. */
export function readInstructorNotes(
  contentDir: string,
  cases: readonly CaseDefinition[],
  sourceIds: ReadonlySet<string>,
  projectRoot = process.cwd(),
): { notes: InstructorNotes[]; problems: ContentProblem[] } {
  const rel = (p: string) => relative(projectRoot, p).split('\\').join('/');
  const dir = join(contentDir, 'instructor');
  const problems: ContentProblem[] = [];
  const notes: InstructorNotes[] = [];
  if (!existsSync(dir)) return { notes, problems };
  const bySlug = new Map(cases.map((c) => [c.slug, c]));
  for (const name of readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const path = join(dir, name);
    const slug = name.replace(/\.ya?ml$/, '');
    const parsed = parseInstructorNotes(rel(path), slug, readFileSync(path, 'utf8'), bySlug.get(slug), sourceIds, [...bySlug.keys()]);
    problems.push(...parsed.problems);
    if (parsed.entry) notes.push(parsed.entry);
  }
  return { notes, problems: locateAll(problems, projectRoot) };
}

/** Loads every notes file; throws one ContentError listing every problem. */
export function loadInstructorNotes(
  contentDir: string,
  cases: readonly CaseDefinition[],
  sourceIds: ReadonlySet<string>,
  projectRoot = process.cwd(),
): InstructorNotes[] {
  const { notes, problems } = readInstructorNotes(contentDir, cases, sourceIds, projectRoot);
  if (problems.length) throw new ContentError(problems);
  return notes;
}

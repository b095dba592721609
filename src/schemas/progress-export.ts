import * as z from 'zod/mini';
import { AttemptRecordSchema } from './attempt-record';
import { SetAsideEntrySchema, SET_ASIDE_PREFIX } from './set-aside';
import { quizResultProblem, found, type QuizResult } from './quiz-result';
import { reviewCardProblem, type ReviewCard } from './review-card';
import { MAX_ATTEMPTS_PER_FILE, MAX_SET_ASIDE_PER_FILE } from './attempt-limits';

/**
 * All of a learner's progress as one JSON file (the progress page's "Download all my progress"):
 * read back by import on another device and by the class results page. One schema (zod mini: the
 * progress page loads it only to import or export, the class results page within its budget), the
 * type inferred from it, each check carrying the sentence the learner or teacher reads.
 *
 * Quiz results and review cards are checked by their stores' own rules (`quizResultProblem`,
 * `reviewCardProblem`): the quiz and review pages read those stores on every visit and are within
 * 6 KB of their 95 KB budget, less than the schema library would add.
 */

export const EXPORT_FORMAT = 'calx-progress-export';
export const EXPORT_VERSION = 1;

export { MAX_ATTEMPTS_PER_FILE, MAX_SET_ASIDE_PER_FILE };

/** A list whose length is checked before its entries are read, so that a huge list is refused at once. */
const boundedList = <T extends z.core.SomeType>(entry: T, field: string, max: number, what: string) =>
  z.pipe(
    z.array(z.unknown(), { error: (issue) => `\`${field}\` must be a list, found ${found(issue.input)}` }).check(
      z.refine((list) => list.length <= max, {
        error: (issue) => `it holds ${(issue.input as unknown[]).length} ${what}; Calx reads at most ${max}${what === 'case attempts' ? ' from one file' : ''}`,
      }),
    ),
    z.array(entry),
  );

/** An entry checked by a store's own rule (no schema library on the pages that read the store). */
const ruled = <T>(problem: (value: unknown) => string | null) =>
  z.custom<T>((v) => problem(v) === null, { error: (issue) => problem(issue.input) ?? 'is malformed' });

const mapping = (field: string, what: string) => ({ error: (issue: { input?: unknown }) => `\`${field}\` must be ${what}, found ${found(issue.input)}` });

export const ProgressExportSchema = z.looseObject(
  {
    /** Always "calx-progress-export". */
    format: z.literal(EXPORT_FORMAT),
    /** The export format version; a newer one than EXPORT_VERSION is refused, never misread. */
    version: z.number({ error: (issue) => `it has no export version (found ${found(issue.input)})` }).check(
      z.refine((v) => v <= EXPORT_VERSION, {
        error: (issue) => `it was made by a newer version of Calx (export version ${String(issue.input)}; this version reads version ${EXPORT_VERSION})`,
      }),
    ),
    /** When the file was made (ISO 8601). */
    exportedAt: z
      .string({ error: (issue) => `\`exportedAt\` must be a date, found ${found(issue.input)}` })
      .check(z.refine((v) => !Number.isNaN(Date.parse(v)), { error: (issue) => `\`exportedAt\` must be a date, found ${found(issue.input)}` })),
    /** Every readable case attempt, by case then start time (the current one and the history). */
    attempts: boundedList(AttemptRecordSchema, 'attempts', MAX_ATTEMPTS_PER_FILE, 'case attempts'),
    /** Every quiz sitting with its answers, oldest first. */
    quizResults: z.array(ruled<QuizResult>(quizResultProblem), mapping('quizResults', 'a list')),
    /** Item id to its review card. */
    review: z.record(z.string(), ruled<ReviewCard>(reviewCardProblem), mapping('review', 'a mapping of item ids to review cards')),
    /** The display preferences, when they were ever set. */
    preferences: z.optional(z.record(z.string(), z.unknown(), mapping('preferences', 'a mapping'))),
    /**
     * Everything set aside in the browser, exactly as stored, so that a change of device loses none of
     * it. Import puts each back under its key when that key is free.
     */
    setAside: z.optional(boundedList(SetAsideEntrySchema, 'setAside', MAX_SET_ASIDE_PER_FILE, 'set-aside entries')),
    /** The learner's name, when they gave one for their teacher (class results tell learners apart by it). */
    learner: z.optional(z.string()),
  },
  { error: `it is not a Calx progress file (a Calx export starts with "format": "${EXPORT_FORMAT}")` },
);

export type ProgressExport = z.infer<typeof ProgressExportSchema>;

/** Where an issue is, in the words of the message: "case attempt 2 (`attempts[1]`): …". */
function located(issue: z.core.$ZodIssue): string {
  const [field, index, ...rest] = issue.path;
  if (field === 'format') return `it is not a Calx progress file (a Calx export starts with "format": "${EXPORT_FORMAT}")`;
  if (field === 'attempts' && typeof index === 'number') return `case attempt ${index + 1} (\`attempts[${index}]\`): ${issue.message}`;
  if (field === 'quizResults' && typeof index === 'number') return `quiz result ${index + 1} (\`quizResults[${index}]\`): ${issue.message}`;
  if (field === 'review' && index !== undefined) {
    const id = String(index).slice(0, 60);
    return `the review card of "${id}" (\`review.${id}\`): ${issue.message}`;
  }
  if (field === 'setAside' && typeof index === 'number')
    return `set-aside entry ${index + 1} (\`setAside[${index}]\`) must have a "${SET_ASIDE_PREFIX}…" key, a reason, a date and the raw text${
      rest.length ? ` (\`${rest.map(String).join('.')}\`)` : ''
    }`;
  return issue.message;
}

/** Reads a parsed value as a progress export, or says what is wrong with it (the first problem, in field order). */
export function readProgressExport(value: unknown): { file: ProgressExport } | { problem: string } {
  const parsed = ProgressExportSchema.safeParse(value);
  return parsed.success ? { file: parsed.data } : { problem: located(parsed.error.issues[0]!) };
}

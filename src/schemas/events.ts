import * as z from 'zod/mini';
import { differentialProblem, shortValue, SUMMARY_MAX_LENGTH } from './differential';
import { isRecord } from '../utils/is-record';

export { SUMMARY_MAX_LENGTH };

/**
 * The events a case machine takes. An attempt is an ordered list of these; everything else (state,
 * score, debrief) is derived by replaying them. One definition: the types are inferred from these
 * schemas, and the case schema's team path, the instructor best paths and the SCORM suspend codec
 * reuse them, and `npm run attempt` validates files with them. The browser does not ship them: even
 * `zod/mini` adds about 5 to 8 KB of gzipped JavaScript to the case page, beyond its budget. There the
 * machine's guard (`rejectionReason`) checks every field it reads, with the same rules
 * (`src/schemas/differential.ts`).
 */

const Id = z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'an id is lower-case words joined by hyphens'));

/** Order an action: history, examination, a test, a consult or a treatment. */
export const OrderEventSchema = z.strictObject({
  type: z.literal('ORDER'),
  /** The action id from the case. */
  action: z.string({ error: 'an ORDER event needs an "action" id' }).check(z.minLength(1, 'an ORDER event needs an "action" id')),
});

/** One line of a differential: a diagnosis from the course list and the probability given to it. */
export const DifferentialEntrySchema = z.strictObject({
  /** An id from `content/diagnoses.yaml`. */
  diagnosis: Id,
  /** Whole percent, 1 to 100. */
  probability: z
    .number()
    .check(z.int('a probability is a whole percent'), z.gte(1, 'a probability is at least 1%'), z.lte(100, 'a probability is at most 100%')),
});

/**
 * Commit (or revise) the differential. The highest probability is the working diagnosis (on a tie,
 * the first listed). `summary` is the one-sentence problem representation: required on an attempt's
 * first COMMIT (the machine checks that, since it depends on the attempt), optional afterwards.
 */
export const CommitEventSchema = z
  .strictObject({
    type: z.literal('COMMIT'),
    /** The differential: distinct diagnoses whose probabilities sum to exactly 100. */
    differential: z.array(DifferentialEntrySchema).check(z.minLength(1, 'a differential needs at least one diagnosis')),
    /** The one-sentence summary of the patient, at most SUMMARY_MAX_LENGTH characters. */
    summary: z.optional(z.string().check(z.maxLength(SUMMARY_MAX_LENGTH, `a summary has at most ${SUMMARY_MAX_LENGTH} characters`))),
  })
  .check(
    z.superRefine((e, ctx) => {
      const problem = differentialProblem(e.differential);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: e.differential, path: ['differential'] });
    }),
  );

/** Move on to the next stage. */
export const AdvanceEventSchema = z.strictObject({ type: z.literal('ADVANCE') });

/** Finish the case at its last stage. */
export const FinishEventSchema = z.strictObject({ type: z.literal('FINISH') });

export const PlayEventSchema = z.discriminatedUnion('type', [OrderEventSchema, CommitEventSchema, AdvanceEventSchema, FinishEventSchema]);

export type OrderEvent = z.infer<typeof OrderEventSchema>;
export type DifferentialEntry = z.infer<typeof DifferentialEntrySchema>;
export type CommitEvent = z.infer<typeof CommitEventSchema>;
export type AdvanceEvent = z.infer<typeof AdvanceEventSchema>;
export type FinishEvent = z.infer<typeof FinishEventSchema>;
export type PlayEvent = z.infer<typeof PlayEventSchema>;

/**
 * The COMMIT of attempt format 1: one case-local option and a confidence from 0 to 1. Read only to
 * migrate old attempts (`migrateEvents` in src/engine/migrate.ts); never written.
 */
export const LegacyCommitEventSchema = z.strictObject({
  type: z.literal('COMMIT'),
  /** The case's old option id (mapped through the case's `legacyDiagnoses`). */
  diagnosis: z.string().check(z.minLength(1)),
  /** The stated confidence, 0 to 1. */
  confidence: z.number().check(z.gte(0), z.lte(1)),
});
export type LegacyCommitEvent = z.infer<typeof LegacyCommitEventSchema>;

/** The first problem zod found, as one plain sentence naming the field. */
function firstIssue(issues: readonly z.core.$ZodIssue[], type: string): string {
  const issue = issues[0]!;
  if (issue.code === 'unrecognized_keys') return `unexpected field ${issue.keys.map((k) => `"${k}"`).join(', ')} on a ${type} event`;
  const field = issue.path.map(String).join('.');
  // A message that already names its field ("needs an "action" id") reads better without the prefix.
  return field && !issue.message.includes(`"${field}"`) ? `${field}: ${issue.message}` : issue.message;
}

/**
 * Why a value is not a well-formed event, or null when it is one. Checks shape only (the schema,
 * then the differential's own rules); whether the case accepts it at that point is the machine's
 * business (`rejectionReason`).
 */
export function eventShapeProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'an event must be an object with a "type"';
  const type = value.type;
  if (type !== 'ORDER' && type !== 'COMMIT' && type !== 'ADVANCE' && type !== 'FINISH')
    return `unknown event type ${shortValue(type)} (expected ORDER, COMMIT, ADVANCE or FINISH)`;
  if (type === 'COMMIT' && Array.isArray(value.differential)) {
    const p = differentialProblem(value.differential);
    if (p) return p;
  }
  if (type === 'COMMIT' && !('differential' in value) && 'diagnosis' in value)
    return 'a COMMIT event needs a "differential" (a list of {diagnosis, probability}); {diagnosis, confidence} is the old form';
  const parsed = PlayEventSchema.safeParse(value);
  return parsed.success ? null : firstIssue(parsed.error.issues, type);
}

export function isPlayEvent(value: unknown): value is PlayEvent {
  return eventShapeProblem(value) === null;
}

/** Throws when a value is not a well-formed event; narrows it otherwise. */
export function assertEvent(value: unknown): asserts value is PlayEvent {
  const problem = eventShapeProblem(value);
  if (problem) throw new TypeError(problem);
}

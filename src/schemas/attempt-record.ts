import * as z from 'zod/mini';
import { eventShapeProblem, LegacyCommitEventSchema, type LegacyCommitEvent, type PlayEvent } from './events';
import { shortValue } from './differential';
import { MAX_EVENTS_PER_ATTEMPT, MAX_ID_LENGTH, READABLE_FORMAT_VERSIONS } from './attempt-limits';

export { MAX_EVENTS_PER_ATTEMPT, MAX_ID_LENGTH, READABLE_FORMAT_VERSIONS };

/**
 * An attempt as it is saved in the browser, downloaded for a teacher, carried in a progress export
 * and read back by the class results page, the SCORM runtime and `npm run attempt`: one schema (zod
 * mini, so that the pages that read attempts stay inside their JavaScript budget), the types
 * inferred from it. Whether the case accepts the events is decided when they are replayed; this
 * checks the record's fields and each event's shape.
 *
 * Every message is written for the learner or teacher who reads it ("Your saved progress could not
 * be used: …"), so each check carries its own sentence; `attemptRecordProblem` returns the first.
 */

/** An event as stored: a format-2 event, or a format-1 commit in a record not yet migrated. */
export type StoredEvent = PlayEvent | LegacyCommitEvent;

/** Why a stored event is malformed, or null: a format-1 commit is read for migration, anything else must be a play event. */
export function storedEventProblem(value: unknown): string | null {
  return LegacyCommitEventSchema.safeParse(value).success ? null : eventShapeProblem(value);
}

/** Whether an event carries an id longer than MAX_ID_LENGTH (the summary has its own, longer limit in the event schema). */
function hasOverlongId(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  for (const [key, v] of Object.entries(e)) {
    if (key === 'summary') continue;
    if (typeof v === 'string' && v.length > MAX_ID_LENGTH) return true;
    if (key === 'differential' && Array.isArray(v))
      for (const entry of v as unknown[]) {
        const diagnosis = typeof entry === 'object' && entry !== null ? (entry as { diagnosis?: unknown }).diagnosis : undefined;
        if (String(diagnosis ?? '').length > MAX_ID_LENGTH) return true;
      }
  }
  return false;
}

/**
 * Why a value is not a list of events within the bounds (how many, how long their ids), or null.
 * Checked before anything reads the events' shapes, so that a huge value is never echoed.
 */
export function eventsBoundsProblem(events: unknown): string | null {
  if (!Array.isArray(events)) return 'it has no list of events';
  if (events.length > MAX_EVENTS_PER_ATTEMPT)
    return `it holds ${events.length.toLocaleString('en')} events; Calx reads at most ${MAX_EVENTS_PER_ATTEMPT.toLocaleString('en')} per attempt`;
  const long = events.findIndex(hasOverlongId);
  return long >= 0 ? `event ${long + 1} is malformed (a text field is longer than ${MAX_ID_LENGTH} characters)` : null;
}

/** Why a value is not a list of well-formed events within the bounds, or null. */
function eventsProblem(events: unknown): string | null {
  const bounds = eventsBoundsProblem(events);
  if (bounds) return bounds;
  const list = events as unknown[];
  for (let i = 0; i < list.length; i++) {
    const p = storedEventProblem(list[i]);
    if (p) return `event ${i + 1} is malformed (${p})`;
  }
  return null;
}

/** An id-like text read from a file: a slug or a version, never longer than MAX_ID_LENGTH. */
const boundedText = (missing: string, tooLong: string) => z.string({ error: missing }).check(z.maxLength(MAX_ID_LENGTH, tooLong));

/** A cache of the outcome, written when the attempt finishes, for pages without the case definition (home, progress). */
export const AttemptResultSummarySchema = z.object({
  /** Total score, 0 to 100. */
  total: z.number(),
  /** The final working diagnosis (a list id). */
  diagnosis: z.string(),
  /** The final working diagnosis's label, as the list named it then. */
  diagnosisLabel: z.string(),
  /** When the attempt finished (ISO 8601). */
  finishedAt: z.string(),
});

const NOT_A_CASE = 'it does not say which case and version it belongs to';
const unreadableFormat = (issue: { input?: unknown }) => `it uses attempt format ${shortValue(issue.input)}, which this version of Calx does not read`;
const NO_DATES = 'it has no dates';

/**
 * An attempt: the case, the version of the case it was made on, and the learner's ordered events.
 * Unknown fields are kept (an attempt file adds `learner` and `attemptId`).
 */
export const AttemptRecordSchema = z.looseObject(
  {
    /** Always "calx-attempt". */
    format: z.literal('calx-attempt', { error: 'it is not a Calx attempt' }),
    /** 2 since commitments are differentials; a record of format 1 is read and its events migrated. */
    formatVersion: z.number({ error: unreadableFormat }).check(z.refine((v) => READABLE_FORMAT_VERSIONS.includes(v), { error: unreadableFormat })),
    /** The case slug (the current slug or a former one). */
    case: boundedText(NOT_A_CASE, `its case slug or version is longer than ${MAX_ID_LENGTH} characters`),
    /** The case's scoring version (a content hash) the events were made on. */
    caseVersion: boundedText(NOT_A_CASE, `its case slug or version is longer than ${MAX_ID_LENGTH} characters`),
    /** When the attempt started (ISO 8601); with the case, it names the attempt. */
    startedAt: boundedText(NO_DATES, `its dates are longer than ${MAX_ID_LENGTH} characters`),
    /** When the attempt last changed (ISO 8601); import keeps the later of two copies. */
    updatedAt: boundedText(NO_DATES, `its dates are longer than ${MAX_ID_LENGTH} characters`),
    /**
     * The learner's events in order, at most MAX_EVENTS_PER_ATTEMPT. A record of format 1 holds old
     * single-option commits until it is replayed through `migrateEvents` (src/engine/migrate.ts),
     * which every reader does.
     */
    events: z.custom<StoredEvent[]>((v) => eventsProblem(v) === null, { error: (issue) => eventsProblem(issue.input) ?? 'it has no list of events' }),
    /**
     * The cached outcome, once finished. The events stay the truth (re-scoring replays them), so a
     * damaged cache is dropped rather than the attempt refused.
     */
    result: z.catch(z.optional(AttemptResultSummarySchema), undefined),
  },
  { error: 'it is not an attempt record' },
);

export type AttemptRecord = z.infer<typeof AttemptRecordSchema>;
export type AttemptResultSummary = z.infer<typeof AttemptResultSummarySchema>;

/** The order the record's checks are reported in, so that the first problem a reader sees is the most basic one. */
const FIELD_ORDER = ['format', 'formatVersion', 'case', 'caseVersion', 'startedAt', 'updatedAt', 'events'];

/** Reads a parsed value as an attempt record (unknown fields kept, a damaged result cache dropped), or says why it is not one. */
export function readAttemptRecord(value: unknown): { record: AttemptRecord } | { problem: string } {
  const parsed = AttemptRecordSchema.safeParse(value);
  if (parsed.success) return { record: parsed.data };
  const rank = (issue: z.core.$ZodIssue) => {
    const i = FIELD_ORDER.indexOf(String(issue.path[0]));
    return i < 0 ? FIELD_ORDER.length : i;
  };
  return { problem: [...parsed.error.issues].sort((a, b) => rank(a) - rank(b))[0]!.message };
}

/** Why a parsed value is not an attempt record, or null. */
export function attemptRecordProblem(value: unknown): string | null {
  const read = readAttemptRecord(value);
  return 'problem' in read ? read.problem : null;
}

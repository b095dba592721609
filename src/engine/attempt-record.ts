import type { PlayEvent } from './events';
import { eventShapeProblem } from './events';

/**
 * The stored form of an attempt, with no dependency on XState: pages that only store, export or
 * import attempts (progress, class results) need this, not the machine.
 */

/**
 * The most events one attempt may hold. A real attempt has tens (all five cases with every action
 * at every stage and a revision at each come to about 430 events in all); the cap keeps a damaged or
 * hostile file from tying up a page, while replay (linear) takes well under a second at the cap.
 */
export const MAX_EVENTS_PER_ATTEMPT = 10_000;
/** The longest case slug, case version, action or diagnosis id read from a file (real ones are under 60 characters). */
export const MAX_ID_LENGTH = 200;

/** The event fields that hold ids (bounded by MAX_ID_LENGTH). */
const ID_FIELDS = ['type', 'action', 'diagnosis'] as const;

/** The format version of a stored attempt. Bump it, and add a migration, when the shape changes. */
export const ATTEMPT_FORMAT_VERSION = 1;

/**
 * An attempt: the case, the version of the case it was made on, and the learner's ordered events.
 * This is what is saved for resume, exported for faculty, and replayed for scoring.
 */
export interface AttemptRecord {
  format: 'calx-attempt';
  formatVersion: number;
  /** The case slug. */
  case: string;
  /** The case version (content hash) the events were made on. */
  caseVersion: string;
  /** The learner's events in order. */
  events: PlayEvent[];
  /** When the attempt started and was last changed (ISO 8601). */
  startedAt: string;
  updatedAt: string;
  /**
   * A cache of the outcome, written when the attempt finishes, so that pages without the case
   * definition (home, progress) can show it. The events stay the truth: re-scoring replays them.
   */
  result?: AttemptResultSummary;
}

export interface AttemptResultSummary {
  /** Total score, 0 to 100. */
  total: number;
  /** The final diagnosis id and its label. */
  diagnosis: string;
  diagnosisLabel: string;
  /** ISO 8601. */
  finishedAt: string;
}

/** Why a parsed value is not an attempt record, or null. */
export function attemptRecordProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'it is not an attempt record';
  const r = value as Record<string, unknown>;
  if (r.format !== 'calx-attempt') return 'it is not a Calx attempt';
  if (r.formatVersion !== ATTEMPT_FORMAT_VERSION) return `it uses attempt format ${String(r.formatVersion)}, which this version of Calx does not read`;
  if (typeof r.case !== 'string' || typeof r.caseVersion !== 'string') return 'it does not say which case and version it belongs to';
  if (r.case.length > MAX_ID_LENGTH || r.caseVersion.length > MAX_ID_LENGTH) return `its case slug or version is longer than ${MAX_ID_LENGTH} characters`;
  if (typeof r.startedAt !== 'string' || typeof r.updatedAt !== 'string') return 'it has no dates';
  if (r.startedAt.length > MAX_ID_LENGTH || r.updatedAt.length > MAX_ID_LENGTH) return `its dates are longer than ${MAX_ID_LENGTH} characters`;
  return eventsProblem(r.events);
}

/** Why a value is not a list of well-formed events within the bounds, or null. */
export function eventsProblem(events: unknown): string | null {
  if (!Array.isArray(events)) return 'it has no list of events';
  if (events.length > MAX_EVENTS_PER_ATTEMPT) return `it holds ${events.length.toLocaleString('en')} events; Calx reads at most ${MAX_EVENTS_PER_ATTEMPT.toLocaleString('en')} per attempt`;
  for (let i = 0; i < events.length; i++) {
    const e: unknown = events[i];
    // Ids are bounded before the shape check reads them, so that a huge value is never echoed. Only
    // the id fields: free text an event may carry (a learner's own words) has its own rules.
    if (typeof e === 'object' && e !== null)
      for (const field of ID_FIELDS) {
        const v = (e as Record<string, unknown>)[field];
        if (typeof v === 'string' && v.length > MAX_ID_LENGTH) return `event ${i + 1} is malformed (its "${field}" is longer than ${MAX_ID_LENGTH} characters)`;
      }
    const p = eventShapeProblem(e);
    if (p) return `event ${i + 1} is malformed (${p})`;
  }
  return null;
}

import type { LegacyCommitEvent, PlayEvent } from '../schemas/events';
import { differentialProblem, shortValue, summaryProblem } from '../schemas/differential';

/** An event as stored: a format-2 event, or a format-1 commit in a record not yet migrated. */
export type StoredEvent = PlayEvent | LegacyCommitEvent;

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

export { ATTEMPT_FORMAT_VERSION } from './attempt-format';

/** The formats this version reads: 1 (one option and a confidence per commit) is migrated on replay. */
export const READABLE_FORMAT_VERSIONS: readonly number[] = [1, 2];

/** The reserved list entry that keeps room in a differential for what the list does not name. */
export const SOMETHING_ELSE_ID = 'something-else';

/**
 * An attempt: the case, the version of the case it was made on, and the learner's ordered events.
 * This is what is saved for resume, exported for faculty, and replayed for scoring.
 */
export interface AttemptRecord {
  format: 'calx-attempt';
  /** 2 since commitments are differentials; a record of format 1 is read and its events migrated. */
  formatVersion: number;
  /** The case slug. */
  case: string;
  /** The case version (content hash) the events were made on. */
  caseVersion: string;
  /**
   * The learner's events in order. A record of format 1 holds old single-option commits until it is
   * replayed through `migrateEvents` (src/engine/migrate.ts), which every reader does.
   */
  events: StoredEvent[];
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
  /** The final working diagnosis (a list id) and its label. */
  diagnosis: string;
  diagnosisLabel: string;
  /** ISO 8601. */
  finishedAt: string;
}

/**
 * Why a stored event is malformed, or null. The browser does not ship the zod schema
 * (src/schemas/events.ts), so this applies the same shared rules (src/schemas/differential.ts) to the
 * fields each event type carries; an old single-option commit is accepted for migration.
 */
export function storedEventProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'an event must be an object with a "type"';
  const e = value as Record<string, unknown>;
  switch (e.type) {
    case 'ORDER':
      return typeof e.action === 'string' && e.action !== '' ? null : 'an ORDER event needs an "action" id';
    case 'COMMIT':
      if (!('differential' in e) && typeof e.diagnosis === 'string' && typeof e.confidence === 'number') return null;
      return differentialProblem(e.differential) ?? summaryProblem(e.summary, false);
    case 'ADVANCE':
    case 'FINISH':
      return null;
    default:
      // Never stringify an arbitrary value: a deeply nested one would overflow the stack.
      return `unknown event type ${shortValue(e.type)} (expected ORDER, COMMIT, ADVANCE or FINISH)`;
  }
}

/**
 * Why a parsed value is not an attempt record, or null: the record's fields and each event's shape.
 * Whether the case accepts the events is decided when they are replayed.
 */
export function attemptRecordProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'it is not an attempt record';
  const r = value as Record<string, unknown>;
  if (r.format !== 'calx-attempt') return 'it is not a Calx attempt';
  if (typeof r.formatVersion !== 'number' || !READABLE_FORMAT_VERSIONS.includes(r.formatVersion))
    return `it uses attempt format ${String(r.formatVersion)}, which this version of Calx does not read`;
  if (typeof r.case !== 'string' || typeof r.caseVersion !== 'string') return 'it does not say which case and version it belongs to';
  if (r.case.length > MAX_ID_LENGTH || r.caseVersion.length > MAX_ID_LENGTH) return `its case slug or version is longer than ${MAX_ID_LENGTH} characters`;
  if (typeof r.startedAt !== 'string' || typeof r.updatedAt !== 'string') return 'it has no dates';
  if (r.startedAt.length > MAX_ID_LENGTH || r.updatedAt.length > MAX_ID_LENGTH) return `its dates are longer than ${MAX_ID_LENGTH} characters`;
  return eventsProblem(r.events);
}

/** Whether an event carries an id longer than MAX_ID_LENGTH (the summary has its own, longer limit in the schema). */
function hasOverlongId(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  for (const [key, v] of Object.entries(e)) {
    if (key === 'summary') continue;
    if (typeof v === 'string' && v.length > MAX_ID_LENGTH) return true;
    if (key === 'differential' && Array.isArray(v))
      for (const entry of v) if (typeof entry === 'object' && entry !== null && typeof (entry as { diagnosis?: unknown }).diagnosis === 'string' && (entry as { diagnosis: string }).diagnosis.length > MAX_ID_LENGTH) return true;
  }
  return false;
}

/**
 * Why a value is not a list of events within the bounds (how many, how long their ids), or null.
 * Checked before anything reads the events' shapes, so that a huge value is never echoed.
 */
export function eventsBoundsProblem(events: unknown): string | null {
  if (!Array.isArray(events)) return 'it has no list of events';
  if (events.length > MAX_EVENTS_PER_ATTEMPT) return `it holds ${events.length.toLocaleString('en')} events; Calx reads at most ${MAX_EVENTS_PER_ATTEMPT.toLocaleString('en')} per attempt`;
  const long = events.findIndex(hasOverlongId);
  return long >= 0 ? `event ${long + 1} is malformed (a text field is longer than ${MAX_ID_LENGTH} characters)` : null;
}

/** Why a value is not a list of well-formed events within the bounds, or null. */
export function eventsProblem(events: unknown): string | null {
  const bounds = eventsBoundsProblem(events);
  if (bounds) return bounds;
  const list = events as unknown[];
  for (let i = 0; i < list.length; i++) {
    const p = storedEventProblem(list[i]);
    if (p) return `event ${i + 1} is malformed (${p})`;
  }
  return null;
}

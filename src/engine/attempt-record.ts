import type { LegacyCommitEvent, PlayEvent } from '../schemas/events';
import { differentialProblem, summaryProblem } from '../schemas/differential';

/** An event as stored: a format-2 event, or a format-1 commit in a record not yet migrated. */
export type StoredEvent = PlayEvent | LegacyCommitEvent;

/**
 * The stored form of an attempt, with no dependency on XState: pages that only store, export or
 * import attempts (progress, class results) need this, not the machine.
 */

/** The format version of a stored attempt. Bump it, and add a migration, when the shape changes. */
export const ATTEMPT_FORMAT_VERSION = 2;

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
      return `unknown event type ${JSON.stringify(e.type)}`;
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
  if (typeof r.startedAt !== 'string' || typeof r.updatedAt !== 'string') return 'it has no dates';
  if (!Array.isArray(r.events)) return 'it has no list of events';
  for (let i = 0; i < r.events.length; i++) {
    const p = storedEventProblem(r.events[i]);
    if (p) return `event ${i + 1} is malformed (${p})`;
  }
  return null;
}

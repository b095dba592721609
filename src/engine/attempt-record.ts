import type { PlayEvent } from './events';
import { eventShapeProblem } from './events';

/**
 * The stored form of an attempt, with no dependency on XState: pages that only store, export or
 * import attempts (progress, class results) need this, not the machine.
 */

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
  if (typeof r.startedAt !== 'string' || typeof r.updatedAt !== 'string') return 'it has no dates';
  if (!Array.isArray(r.events)) return 'it has no list of events';
  for (let i = 0; i < r.events.length; i++) {
    const p = eventShapeProblem(r.events[i]);
    if (p) return `event ${i + 1} is malformed (${p})`;
  }
  return null;
}

import type { CaseDefinition } from '../schemas/case';
import type { DifferentialEntry, PlayEvent } from '../schemas/events';
import { SOMETHING_ELSE_ID } from '../schemas/differential';

/**
 * Attempt format 1 committed one case-local option with a confidence from 0 to 1:
 * `{type: "COMMIT", diagnosis, confidence}`. Format 2 commits a differential over the course list.
 * An old commitment becomes a differential: the option's list entries share the stated confidence
 * (as whole percents, at least 1 each) and the rest goes to `something-else`. The first commitment
 * gets LEGACY_SUMMARY, since format 1 asked for no summary; the summary scores 0 and says why.
 */

/** The summary given to the first commitment of a migrated attempt, which asked for none. */
export const LEGACY_SUMMARY = '(made before the course asked for a summary)';

/** A format-1 COMMIT, recognised by its fields. */
function isLegacyCommit(e: unknown): e is { type: 'COMMIT'; diagnosis: string; confidence: number } {
  if (typeof e !== 'object' || e === null) return false;
  const r = e as Record<string, unknown>;
  return r.type === 'COMMIT' && typeof r.diagnosis === 'string' && typeof r.confidence === 'number' && !('differential' in r);
}

/** The differential an old commitment stands for, or null when the case has no mapping for its option. */
export function legacyDifferential(def: Pick<CaseDefinition, 'legacyDiagnoses'>, diagnosis: string, confidence: number): DifferentialEntry[] | null {
  const mapped = def.legacyDiagnoses[diagnosis];
  if (mapped === undefined) return null;
  const ids = Array.isArray(mapped) ? mapped : [mapped];
  const total = Math.min(100, Math.max(ids.length, Math.round(confidence * 100)));
  const each = Math.floor(total / ids.length);
  const lines = ids.map((id, i) => ({ diagnosis: id, probability: each + (i < total - each * ids.length ? 1 : 0) }));
  if (total < 100) lines.push({ diagnosis: SOMETHING_ELSE_ID, probability: 100 - total });
  return lines;
}

/** Whether any event is in the old single-commit form. */
export function hasLegacyEvents(events: readonly unknown[]): boolean {
  return events.some(isLegacyCommit);
}

/**
 * The events in format 2. Old commits are mapped through the case's `legacyDiagnoses`; an option
 * the case cannot map is left as it is, so that replay refuses it with a reason and the attempt is
 * set aside, never silently dropped. Format-2 events pass through unchanged.
 */
export function migrateEvents<T>(def: Pick<CaseDefinition, 'legacyDiagnoses'>, events: readonly T[]): (T | PlayEvent)[] {
  let first = true;
  return events.map((e) => {
    if (typeof e === 'object' && e !== null && (e as { type?: unknown }).type === 'COMMIT' && !isLegacyCommit(e)) first = false;
    if (!isLegacyCommit(e)) return e;
    const differential = legacyDifferential(def, e.diagnosis, e.confidence);
    if (!differential) return e;
    const event: PlayEvent = { type: 'COMMIT', differential, ...(first ? { summary: LEGACY_SUMMARY } : {}) };
    first = false;
    return event;
  });
}

import type { CaseDefinition, Dimension } from '../schemas/case';
import { replay } from '../engine/attempt';
import { migrateEvents } from '../engine/migrate';
import { describeDifferential } from './describe';
import { scoreAttempt, type FlagId } from './score';

/** The attempt report printed by `npm run attempt` and used to re-score exported attempts. */
export interface AttemptReport {
  case: string;
  caseVersion: string;
  finished: boolean;
  /** The working diagnosis in force at the end (the final diagnosis when finished), or null. */
  diagnosis: string | null;
  /** The differential in force at the end, in words, or null. */
  differential: string | null;
  score: { total: number; uncapped: number } & Record<Dimension, number>;
  /** The cap that applied, if any: its limit and why. */
  cap: { limit: number; reason: string } | null;
  flags: FlagId[];
}

/** Replays the events (migrating format-1 commits) and reports. Throws AttemptError when an event is not accepted. */
export function attemptReport(def: CaseDefinition, events: readonly unknown[]): AttemptReport {
  const { context, finished } = replay(def, migrateEvents(def, events));
  const score = scoreAttempt(def, context.trace, finished);
  const dims = Object.fromEntries(Object.values(score.dimensions).map((d) => [d.dimension, d.points])) as Record<Dimension, number>;
  return {
    case: def.slug,
    caseVersion: def.version,
    finished,
    diagnosis: context.working?.diagnosis ?? null,
    differential: context.working ? describeDifferential(def, context.working.differential) : null,
    score: { total: score.total, uncapped: score.uncapped, ...dims },
    cap: score.cap ? { limit: score.cap.limit, reason: score.cap.reason } : null,
    flags: score.flags.map((f) => f.id),
  };
}

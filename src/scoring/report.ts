import type { CaseDefinition, Dimension } from '../schemas/case';
import { replay } from '../engine/attempt';
import { scoreAttempt, type FlagId } from './score';

/** The attempt report printed by `npm run attempt` and used to re-score exported attempts. */
export interface AttemptReport {
  case: string;
  caseVersion: string;
  finished: boolean;
  /** The diagnosis in force at the end (the final diagnosis when finished), or null. */
  diagnosis: string | null;
  score: { total: number } & Record<Dimension, number>;
  flags: FlagId[];
}

/** Replays the events and reports. Throws AttemptError when an event is not accepted. */
export function attemptReport(def: CaseDefinition, events: readonly unknown[]): AttemptReport {
  const { context, finished } = replay(def, events);
  const score = scoreAttempt(def, context.trace, finished);
  const dims = Object.fromEntries(Object.values(score.dimensions).map((d) => [d.dimension, d.points])) as Record<Dimension, number>;
  return {
    case: def.slug,
    caseVersion: def.version,
    finished,
    diagnosis: context.working?.diagnosis ?? null,
    score: { total: score.total, ...dims },
    flags: score.flags.map((f) => f.id),
  };
}

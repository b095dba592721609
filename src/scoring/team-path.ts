import type { CaseDefinition } from '../schemas/case';
import type { PlayEvent } from '../schemas/events';
import { replay, type Replayed } from '../engine/attempt';

/** The treating team's documented path as the events a learner would send. */
export function teamEvents(def: CaseDefinition): PlayEvent[] {
  return def.teamPath.map((step) => step.event);
}

const replayed = new WeakMap<CaseDefinition, Replayed>();

/**
 * The team path replayed, once per case: the debrief, the validity table and class results all
 * compare a learner with it. The build has already checked that it replays to the debrief.
 */
export function replayTeamPath(def: CaseDefinition): Replayed {
  let r = replayed.get(def);
  if (!r) {
    r = replay(def, teamEvents(def));
    replayed.set(def, r);
  }
  return r;
}

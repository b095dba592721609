import { createActor, initialTransition, transition } from 'xstate';
import type { CaseDefinition } from '../schemas/case';
import type { PlayEvent } from '../schemas/events';
import { PLAY_EVENT_TYPES, rejectionReason, type PlayContext } from './machine';
import { closestIds } from '../schemas/closest-ids';
import { compile, isFinished, type CaseSnapshot, type CompiledCase } from './compiled-case';

export { compile, isFinished, type CaseSnapshot, type CompiledCase };

export { ATTEMPT_FORMAT_VERSION } from './attempt-format';
export type { AttemptRecord, AttemptResultSummary } from '../schemas/attempt-record';

/** An event the case did not accept, with its position in the log and the reason as data. */
export class AttemptError extends Error {
  /** The index of the refused event in the log. */
  readonly index: number;
  /** Why it was refused, in a learner's or author's words (also in the message, after "event N: "). */
  readonly reason: string;
  constructor(index: number, reason: string) {
    super(`event ${index + 1}: ${reason}`);
    this.name = 'AttemptError';
    this.index = index;
    this.reason = reason;
  }
}

export interface Replayed {
  snapshot: CaseSnapshot;
  context: PlayContext;
  finished: boolean;
}

export function startSnapshot(c: CompiledCase): CaseSnapshot {
  return initialTransition(c.machine)[0];
}

const isEventLike = (value: unknown): value is PlayEvent =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { type?: unknown }).type === 'string';

/**
 * Why the case refuses this value as its next event, or null. The guard checks every field it reads,
 * so a malformed value is refused with a reason rather than half-applied.
 */
export function refusal(c: CompiledCase, snapshot: CaseSnapshot, event: unknown): string | null {
  if (!isEventLike(event)) return 'an event must be an object with a "type"';
  return rejectionReason(c.ix, snapshot.context, isFinished(snapshot), event, closestIds);
}

/** Whether a value can be handed to the machine: an object whose type is one of the case's events. */
const reachesMachine = (event: unknown): event is PlayEvent => isEventLike(event) && PLAY_EVENT_TYPES.has(event.type);

/**
 * Applies one event, or throws AttemptError(index) saying why the case does not accept it. The
 * machine's guard decides; the reason is worked out only when the step is not taken (XState returns
 * the same snapshot), so an accepted event is checked once.
 */
export function step(c: CompiledCase, snapshot: CaseSnapshot, event: unknown, index = 0): CaseSnapshot {
  if (!reachesMachine(event) || isFinished(snapshot)) throw new AttemptError(index, refusal(c, snapshot, event)!);
  const next = transition(c.machine, snapshot, event)[0];
  if (next === snapshot) throw new AttemptError(index, refusal(c, snapshot, event) ?? 'the case did not take this step');
  return next;
}

/**
 * Replays events from the start. Deterministic: the same case and events always give the same
 * result. One actor takes every event: XState's pure `transition()` builds a throwaway actor per
 * call, which made replay several times slower. The actor adds to its trace in place (no snapshot
 * but the last is kept), so replay is linear in the number of events. Each event is checked once,
 * by the machine's guard; the reason is worked out only for the one refused. Events of attempt
 * format 1 must be migrated first (`migrateEvents`).
 */
export function replay(def: CaseDefinition, events: readonly unknown[]): Replayed {
  const c = compile(def);
  const actor = createActor(c.replayMachine).start();
  try {
    for (let i = 0; i < events.length; i++) {
      const event = events[i];
      const before = actor.getSnapshot();
      if (!reachesMachine(event) || isFinished(before)) throw new AttemptError(i, refusal(c, before, event)!);
      actor.send(event);
      if (actor.getSnapshot() === before) throw new AttemptError(i, refusal(c, before, event) ?? 'the case did not take this step');
    }
    const snapshot = actor.getSnapshot();
    return { snapshot, context: snapshot.context, finished: isFinished(snapshot) };
  } finally {
    actor.stop();
  }
}

/** The events a snapshot accepts next, from a candidate list (used by the model-based tests and the player). */
export function acceptedEvents(c: CompiledCase, snapshot: CaseSnapshot, candidates: readonly PlayEvent[]): PlayEvent[] {
  const finished = isFinished(snapshot);
  return candidates.filter((e) => rejectionReason(c.ix, snapshot.context, finished, e) === null);
}

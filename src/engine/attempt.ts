import { createActor, initialTransition, transition } from 'xstate';
import type { CaseDefinition } from '../schemas/case';
import { indexCase, type CaseIndex } from './case-index';
import { eventShapeProblem, type PlayEvent } from './events';
import { compileCase, DEBRIEF, rejectionReason, type CaseMachine, type PlayContext } from './machine';

export { ATTEMPT_FORMAT_VERSION, type AttemptRecord, type AttemptResultSummary } from './attempt-record';

/** An event the case did not accept, with its position in the log. */
export class AttemptError extends Error {
  readonly index: number;
  constructor(index: number, reason: string) {
    super(`event ${index + 1}: ${reason}`);
    this.name = 'AttemptError';
    this.index = index;
  }
}

/** A compiled case ready to replay attempts: the machine and its lookups, built once. */
export interface CompiledCase {
  def: CaseDefinition;
  ix: CaseIndex;
  machine: CaseMachine;
  /** The same machine, adding to the trace in place: replay's, whose intermediate snapshots are never kept. */
  replayMachine: CaseMachine;
}

const compiled = new WeakMap<CaseDefinition, CompiledCase>();

export function compile(def: CaseDefinition): CompiledCase {
  let c = compiled.get(def);
  if (!c) {
    c = { def, ix: indexCase(def), machine: compileCase(def), replayMachine: compileCase(def, { appendInPlace: true }) };
    compiled.set(def, c);
  }
  return c;
}

export type CaseSnapshot = ReturnType<typeof initialTransition<CaseMachine>>[0];

export interface Replayed {
  snapshot: CaseSnapshot;
  context: PlayContext;
  finished: boolean;
}

export function startSnapshot(c: CompiledCase): CaseSnapshot {
  return initialTransition(c.machine)[0];
}

export function isFinished(snapshot: CaseSnapshot): boolean {
  return snapshot.status === 'done' || snapshot.value === DEBRIEF;
}

/** Applies one event, or throws AttemptError(index) saying why the case does not accept it. */
export function step(c: CompiledCase, snapshot: CaseSnapshot, event: unknown, index = 0): CaseSnapshot {
  const shape = eventShapeProblem(event);
  if (shape) throw new AttemptError(index, shape);
  const reason = rejectionReason(c.ix, snapshot.context, isFinished(snapshot), event as PlayEvent);
  if (reason) throw new AttemptError(index, reason);
  return transition(c.machine, snapshot, event as PlayEvent)[0];
}

/**
 * Replays events from the start. Deterministic: the same case and events always give the same
 * result. One actor takes every event: XState's pure `transition()` builds a throwaway actor per
 * call, which made replay several times slower. The actor adds to its trace in place (no snapshot
 * but the last is kept), so replay is linear in the number of events.
 */
export function replay(def: CaseDefinition, events: readonly unknown[]): Replayed {
  const c = compile(def);
  const actor = createActor(c.replayMachine).start();
  try {
    for (let i = 0; i < events.length; i++) {
      const event = events[i];
      const shape = eventShapeProblem(event);
      if (shape) throw new AttemptError(i, shape);
      const current = actor.getSnapshot();
      const reason = rejectionReason(c.ix, current.context, isFinished(current), event as PlayEvent);
      if (reason) throw new AttemptError(i, reason);
      actor.send(event as PlayEvent);
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

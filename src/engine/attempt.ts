import { initialTransition, transition } from 'xstate';
import type { CaseDefinition } from '../schemas/case';
import { indexCase, type CaseIndex } from './case-index';
import { eventShapeProblem, type PlayEvent } from './events';
import { compileCase, DEBRIEF, rejectionReason, type CaseMachine, type PlayContext } from './machine';

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
}

const compiled = new WeakMap<CaseDefinition, CompiledCase>();

export function compile(def: CaseDefinition): CompiledCase {
  let c = compiled.get(def);
  if (!c) {
    c = { def, ix: indexCase(def), machine: compileCase(def) };
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

/** Replays events from the start. Deterministic: the same case and events always give the same result. */
export function replay(def: CaseDefinition, events: readonly unknown[]): Replayed {
  const c = compile(def);
  let snapshot = startSnapshot(c);
  events.forEach((event, i) => {
    snapshot = step(c, snapshot, event, i);
  });
  return { snapshot, context: snapshot.context, finished: isFinished(snapshot) };
}

/** The events a snapshot accepts next, from a candidate list (used by the model-based tests and the player). */
export function acceptedEvents(c: CompiledCase, snapshot: CaseSnapshot, candidates: readonly PlayEvent[]): PlayEvent[] {
  const finished = isFinished(snapshot);
  return candidates.filter((e) => rejectionReason(c.ix, snapshot.context, finished, e) === null);
}

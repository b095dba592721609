import type { initialTransition } from 'xstate';
import type { CaseDefinition } from '../schemas/case';
import { indexCase, type CaseIndex } from './case-index';
import { compileCase, type CaseMachine } from './machine';

/*
 * A case compiled to its machine: what the player needs to run a new attempt. Replaying a saved one
 * (attempt.ts) is kept apart so that the case page loads it only when there is something to replay.
 */

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

export function isFinished(snapshot: CaseSnapshot): boolean {
  // The debrief is the only final state, so a finished attempt is a done snapshot.
  return snapshot.status === 'done';
}

import { assign, setup } from 'xstate';
import type { CaseDefinition } from '../schemas/case';
import { actionsAt, indexCase, stageAt, type CaseIndex } from './case-index';
import type { PlayEvent } from './events';

/** The working diagnosis in force, with the confidence the learner stated. */
export interface Commitment {
  diagnosis: string;
  confidence: number;
}

/** One thing that happened, in order. The trace is what the debrief and the scoring read. */
export type TraceEntry =
  | { kind: 'stage'; stage: string; day: number; presented: string[] }
  | { kind: 'order'; action: string; stage: string; day: number; revealed: string[] }
  | { kind: 'commit'; diagnosis: string; confidence: number; stage: string; day: number; previous: string | null }
  | { kind: 'finish'; diagnosis: string; confidence: number; stage: string; day: number };

/** The machine's context. Plain JSON, so that a snapshot can be persisted as is. */
export interface PlayContext {
  /** Index of the current stage. */
  stage: number;
  /** The working diagnosis in force, if any. */
  working: Commitment | null;
  /** Everything that happened, in order. */
  trace: TraceEntry[];
  /** Finding id to the index of the trace entry that revealed it. */
  revealed: Record<string, number>;
  /** Action ids taken at the current stage (each action once per stage). */
  doneThisStage: string[];
  /** Every action id taken so far, for conditional presentations. */
  taken: string[];
}

/** The name of the final state. Stage ids may not use it. */
export const DEBRIEF = 'debrief';

function reveal(ix: CaseIndex, ctx: PlayContext, ids: readonly string[], stage: number): string[] {
  return ids.filter((id) => ctx.revealed[id] === undefined && (ix.findingFrom.get(id) ?? 0) <= stage);
}

/** Adds a trace entry: a copy of the list (the default, so snapshots never share a trace) or, for replay, in place. */
type Append = (trace: TraceEntry[], entry: TraceEntry) => TraceEntry[];
const appendCopy: Append = (trace, entry) => [...trace, entry];
const appendInPlace: Append = (trace, entry) => {
  trace.push(entry);
  return trace;
};

function enterStage(ix: CaseIndex, ctx: Omit<PlayContext, 'stage'>, stage: number, append: Append = appendCopy): PlayContext {
  const s = stageAt(ix, stage);
  const conditional = s.presentsIf.filter((c) => ctx.taken.includes(c.after)).flatMap((c) => c.presents);
  const base: PlayContext = { ...ctx, stage, doneThisStage: [] };
  const presented = [...new Set(reveal(ix, base, [...s.presents, ...conditional], stage))];
  const at = ctx.trace.length;
  const revealed = { ...ctx.revealed };
  for (const id of presented) revealed[id] = at;
  return { ...base, revealed, trace: append(ctx.trace, { kind: 'stage', stage: s.id, day: s.day, presented }) };
}

/** The context a new attempt starts from: the first stage, with its presentation. */
export function initialContext(ix: CaseIndex): PlayContext {
  return enterStage(ix, { working: null, trace: [], revealed: {}, doneThisStage: [], taken: [] }, 0);
}

/**
 * Why the case does not accept this event now, in words a learner or an author can act on; null
 * when it does. The machine's guards are this function, so the message and the behaviour agree.
 */
export function rejectionReason(ix: CaseIndex, ctx: PlayContext, finished: boolean, event: PlayEvent): string | null {
  if (finished) return 'the case has ended; nothing more can be done in this attempt';
  const stage = stageAt(ix, ctx.stage);
  const clock = `${ix.def.clock.short} ${stage.day}`;
  switch (event.type) {
    case 'ORDER': {
      const window = ix.windows.get(event.action);
      if (!window) return `unknown action "${event.action}"`;
      if (ctx.stage < window[0] || ctx.stage > window[1]) return `"${event.action}" is not available at ${clock}`;
      if (ctx.doneThisStage.includes(event.action)) return `"${event.action}" was already done at ${clock}`;
      return null;
    }
    case 'COMMIT': {
      if (!ix.diagnoses.has(event.diagnosis)) return `unknown diagnosis "${event.diagnosis}"`;
      if (!(event.confidence >= 0 && event.confidence <= 1)) return 'confidence must be between 0 and 1';
      const w = ctx.working;
      if (w && w.diagnosis === event.diagnosis && w.confidence === event.confidence) return `"${event.diagnosis}" is already the working diagnosis at that confidence`;
      return null;
    }
    case 'ADVANCE':
      if (ctx.stage >= ix.def.stages.length - 1) return 'this is the last stage: finish the case instead';
      if (!ctx.working) return 'commit a working diagnosis before moving on';
      return null;
    case 'FINISH':
      if (ctx.stage < ix.def.stages.length - 1) return `the case goes on after ${clock}: move on to the next stage first`;
      if (!ctx.working) return 'commit a final diagnosis before finishing';
      return null;
    default:
      return 'unknown event';
  }
}

/**
 * Compiles a case definition into an XState machine: one state per stage, then the debrief.
 * `appendInPlace` makes each step add to the trace without copying it, so a replay of n events is
 * O(n) rather than O(n²); only for an actor whose earlier snapshots are never read again (replay).
 */
export function compileCase(def: CaseDefinition, options: { appendInPlace?: boolean } = {}) {
  const ix = indexCase(def);
  const append = options.appendInPlace ? appendInPlace : appendCopy;
  const accepts = (ctx: PlayContext, event: PlayEvent) => rejectionReason(ix, ctx, false, event) === null;

  const machineSetup = setup({
    types: {} as { context: PlayContext; events: PlayEvent },
    guards: {
      canOrder: ({ context, event }) => accepts(context, event),
      canCommit: ({ context, event }) => accepts(context, event),
      canAdvance: ({ context, event }) => accepts(context, event),
      canFinish: ({ context, event }) => accepts(context, event),
    },
    actions: {
      order: assign(({ context, event }) => {
        if (event.type !== 'ORDER') return {};
        const stage = stageAt(ix, context.stage);
        const revealedIds = reveal(ix, context, ix.actions.get(event.action)!.reveals, context.stage);
        const at = context.trace.length;
        const revealed = { ...context.revealed };
        for (const id of revealedIds) revealed[id] = at;
        return {
          revealed,
          doneThisStage: [...context.doneThisStage, event.action],
          taken: context.taken.includes(event.action) ? context.taken : [...context.taken, event.action],
          trace: append(context.trace, { kind: 'order' as const, action: event.action, stage: stage.id, day: stage.day, revealed: revealedIds }),
        };
      }),
      commit: assign(({ context, event }) => {
        if (event.type !== 'COMMIT') return {};
        const stage = stageAt(ix, context.stage);
        return {
          working: { diagnosis: event.diagnosis, confidence: event.confidence },
          trace: append(context.trace, { kind: 'commit' as const, diagnosis: event.diagnosis, confidence: event.confidence, stage: stage.id, day: stage.day, previous: context.working?.diagnosis ?? null }),
        };
      }),
      advance: assign(({ context }) => enterStage(ix, context, context.stage + 1, append)),
      finish: assign(({ context }) => {
        const stage = stageAt(ix, context.stage);
        const w = context.working!;
        return { trace: append(context.trace, { kind: 'finish' as const, diagnosis: w.diagnosis, confidence: w.confidence, stage: stage.id, day: stage.day }) };
      }),
    },
  });

  const states: Record<string, object> = {};
  def.stages.forEach((stage, i) => {
    const next = def.stages[i + 1];
    states[stage.id] = {
      description: `${def.clock.short} ${stage.day}: ${stage.title}`,
      on: {
        ORDER: { guard: 'canOrder', actions: 'order' },
        COMMIT: { guard: 'canCommit', actions: 'commit' },
        ...(next ? { ADVANCE: { guard: 'canAdvance', target: next.id, actions: 'advance' } } : { FINISH: { guard: 'canFinish', target: DEBRIEF, actions: 'finish' } }),
      },
    };
  });
  states[DEBRIEF] = { type: 'final', description: 'The debrief' };

  return machineSetup.createMachine({
    id: def.slug,
    // A fresh context per actor: an in-place trace must never be the machine's shared initial one.
    context: () => initialContext(ix),
    initial: def.stages[0]!.id,
    // The states object is built from data, so its literal type cannot be inferred.
    states: states as never,
  });
}

export type CaseMachine = ReturnType<typeof compileCase>;

/** Re-exported so the player can list actions without importing the index module directly. */
export { actionsAt, indexCase };

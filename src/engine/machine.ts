import { assertEvent as assertEventType, assign, setup } from 'xstate';
import type { CaseDefinition } from '../schemas/case';
import type { CommitEvent, DifferentialEntry, OrderEvent, PlayEvent } from '../schemas/events';
import { differentialProblem, leadingLine, summaryProblem } from '../schemas/differential';
import { actionsAt, indexCase, stageAt, type CaseIndex } from './case-index';

/** The differential in force, with its leading entry (the working diagnosis). */
export interface Commitment {
  /** The differential as committed, in the learner's order. */
  differential: DifferentialEntry[];
  /** The working diagnosis: the highest probability, the first listed on a tie. */
  diagnosis: string;
  /** The working diagnosis's probability, from 0 to 1. */
  confidence: number;
}

/** One thing that happened, in order. The trace is what the debrief and the scoring read. */
export type TraceEntry =
  | { kind: 'stage'; stage: string; day: number; presented: string[] }
  | { kind: 'order'; action: string; stage: string; day: number; revealed: string[] }
  | ({ kind: 'commit'; stage: string; day: number; previous: string | null; summary?: string } & Commitment)
  | ({ kind: 'finish'; stage: string; day: number } & Commitment);

/** The machine's context. Plain JSON, so that a snapshot can be persisted as is. */
export interface PlayContext {
  /** Index of the current stage. */
  stage: number;
  /** The differential in force, if any. */
  working: Commitment | null;
  /** The problem representation written with the first differential, once there is one. */
  summary: string | null;
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
  return enterStage(ix, { working: null, summary: null, trace: [], revealed: {}, doneThisStage: [], taken: [] }, 0);
}

/** The commitment a COMMIT event makes: its differential and the leading entry. */
export function commitmentOf(event: Pick<CommitEvent, 'differential'>): Commitment {
  const lead = leadingLine(event.differential);
  return {
    differential: event.differential.map((d) => ({ diagnosis: d.diagnosis, probability: d.probability })),
    diagnosis: lead.diagnosis,
    confidence: lead.probability / 100,
  };
}

const sameDifferential = (a: readonly DifferentialEntry[], b: readonly DifferentialEntry[]) =>
  a.length === b.length && a.every((d, i) => d.diagnosis === b[i]!.diagnosis && d.probability === b[i]!.probability);

/** Why a COMMIT is refused: a differential that breaks its rules, an id not on the list, a missing or overlong summary, or no change. */
function commitProblem(ix: CaseIndex, ctx: PlayContext, event: CommitEvent, suggest?: SuggestIds): string | null {
  if (!Array.isArray(event.differential)) return 'a COMMIT event needs a "differential": a list of {diagnosis, probability}';
  const shape = differentialProblem(event.differential);
  if (shape) return shape;
  for (const d of event.differential) {
    if (!ix.diagnoses.has(d.diagnosis)) {
      const near = suggest ? suggest(d.diagnosis, ix.diagnoses) : [];
      return (
        `unknown diagnosis "${d.diagnosis}"` +
        `${near.length ? ` (did you mean ${near.map((n) => `"${n}"`).join(' or ')}?)` : ' (it is not on the course list)'}`
      );
    }
  }
  const summary = summaryProblem(event.summary, ctx.summary === null);
  if (summary) return summary;
  const w = ctx.working;
  if (w && sameDifferential(w.differential, event.differential) && event.summary === undefined) return 'this differential is already the one in force';
  return null;
}

/**
 * The closest known ids to an unknown one, for a "did you mean" in the message. Passed in by replay
 * (src/schemas/closest-ids.ts) rather than imported, so that the player does not ship it.
 */
export type SuggestIds = (unknown: string, ids: Iterable<string>) => string[];

/** Why an ORDER is refused: an action the case does not have, one not open at this stage, or one already done here. */
function orderProblem(ix: CaseIndex, ctx: PlayContext, event: OrderEvent): string | null {
  const window = typeof event.action === 'string' ? ix.windows.get(event.action) : undefined;
  if (!window) return `unknown action "${String(event.action)}"`;
  if (ctx.stage < window[0] || ctx.stage > window[1]) return `"${event.action}" is not available at ${clockAt(ix, ctx)}`;
  if (ctx.doneThisStage.includes(event.action)) return `"${event.action}" was already done at ${clockAt(ix, ctx)}`;
  return null;
}

/** Why ADVANCE is refused: the last stage has no next one, and moving on needs a differential in force. */
function advanceProblem(ix: CaseIndex, ctx: PlayContext): string | null {
  if (ctx.stage >= ix.def.stages.length - 1) return 'this is the last stage: finish the case instead';
  if (!ctx.working) return 'commit a working differential before moving on';
  return null;
}

/** Why FINISH is refused: only the last stage can finish, and only with a final differential in force. */
function finishProblem(ix: CaseIndex, ctx: PlayContext): string | null {
  if (ctx.stage < ix.def.stages.length - 1) return `the case goes on after ${clockAt(ix, ctx)}: move on to the next stage first`;
  if (!ctx.working) return 'commit a final differential before finishing';
  return null;
}

const clockAt = (ix: CaseIndex, ctx: PlayContext) => `${ix.def.clock.short} ${stageAt(ix, ctx.stage).day}`;

/**
 * Why the case does not accept this event now, in words a learner or an author can act on; null
 * when it does. The machine's guards run the same checks (one per event type), so the message and
 * the behaviour agree. It checks every field it reads, so a damaged saved event is refused, never
 * half-applied. Callers that drive an actor ask for it only when a step was not taken.
 */
export function rejectionReason(ix: CaseIndex, ctx: PlayContext, finished: boolean, event: PlayEvent, suggest?: SuggestIds): string | null {
  if (finished) return 'the case has ended; nothing more can be done in this attempt';
  switch (event.type) {
    case 'ORDER':
      return orderProblem(ix, ctx, event);
    case 'COMMIT':
      return commitProblem(ix, ctx, event, suggest);
    case 'ADVANCE':
      return advanceProblem(ix, ctx);
    case 'FINISH':
      return finishProblem(ix, ctx);
    default:
      return `unknown event type ${JSON.stringify((event as { type?: unknown }).type)} (expected ORDER, COMMIT, ADVANCE or FINISH)`;
  }
}

/** The event types the case machine takes; anything else is refused before it reaches an actor. */
export const PLAY_EVENT_TYPES: ReadonlySet<string> = new Set<PlayEvent['type']>(['ORDER', 'COMMIT', 'ADVANCE', 'FINISH']);

/**
 * Compiles a case definition into an XState machine: one state per stage, then the debrief.
 * `appendInPlace` makes each step add to the trace without copying it, so a replay of n events is
 * O(n) rather than O(n²); only for an actor whose earlier snapshots are never read again (replay).
 */
export function compileCase(def: CaseDefinition, options: { appendInPlace?: boolean } = {}) {
  const ix = indexCase(def);
  const append = options.appendInPlace ? appendInPlace : appendCopy;

  // Each stage's state offers ADVANCE only when a later stage exists and FINISH only on the last one,
  // so the guards need not check where the case is: the states say it.
  const machineSetup = setup({
    types: {} as { context: PlayContext; events: PlayEvent },
    guards: {
      /** The action exists, is open at this stage and was not done at this stage already. */
      actionIsOpen: ({ context, event }) => {
        assertEventType(event, 'ORDER');
        return orderProblem(ix, context, event) === null;
      },
      /** The differential keeps its rules, names list entries, carries the first summary, and changes something. */
      differentialIsValid: ({ context, event }) => {
        assertEventType(event, 'COMMIT');
        return commitProblem(ix, context, event) === null;
      },
      /** A differential is in force (moving on and finishing both need one). */
      differentialInForce: ({ context }) => context.working !== null,
    },
    actions: {
      order: assign(({ context, event }) => {
        assertEventType(event, 'ORDER');
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
        assertEventType(event, 'COMMIT');
        const stage = stageAt(ix, context.stage);
        const working = commitmentOf(event);
        const summary = event.summary !== undefined ? event.summary : undefined;
        return {
          working,
          summary: context.summary ?? summary ?? null,
          trace: append(context.trace, {
            kind: 'commit' as const,
            ...working,
            ...(summary !== undefined ? { summary } : {}),
            stage: stage.id,
            day: stage.day,
            previous: context.working?.diagnosis ?? null,
          }),
        };
      }),
      advance: assign(({ context }) => enterStage(ix, context, context.stage + 1, append)),
      finish: assign(({ context }) => {
        const stage = stageAt(ix, context.stage);
        return { trace: append(context.trace, { kind: 'finish' as const, ...context.working!, stage: stage.id, day: stage.day }) };
      }),
    },
  });

  type StateConfig = Parameters<typeof machineSetup.createMachine>[0]['states'];
  const states: NonNullable<StateConfig> = {};
  def.stages.forEach((stage, i) => {
    const next = def.stages[i + 1];
    states[stage.id] = {
      description: `${def.clock.short} ${stage.day}: ${stage.title}`,
      on: {
        ORDER: { guard: 'actionIsOpen', actions: 'order' },
        COMMIT: { guard: 'differentialIsValid', actions: 'commit' },
        ...(next
          ? { ADVANCE: { guard: 'differentialInForce', target: next.id, actions: 'advance' } }
          : { FINISH: { guard: 'differentialInForce', target: DEBRIEF, actions: 'finish' } }),
      },
    };
  });
  states[DEBRIEF] = { type: 'final', description: 'The debrief' };

  return machineSetup.createMachine({
    id: def.slug,
    // A fresh context per actor: an in-place trace must never be the machine's shared initial one.
    context: () => initialContext(ix),
    initial: def.stages[0]!.id,
    states,
  });
}

export type CaseMachine = ReturnType<typeof compileCase>;

/** Re-exported so the player can list actions without importing the index module directly. */
export { actionsAt, indexCase };

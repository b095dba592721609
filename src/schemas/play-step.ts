import { z } from 'astro/zod';
import { DifferentialEntrySchema, PlayEventSchema, SUMMARY_MAX_LENGTH, type PlayEvent } from './events';

/**
 * A step of a path (the treating team's in a case file, the best path in the instructor notes) as an
 * author writes it, in the words of the player rather than as an engine event:
 *
 * ```yaml
 * - order: ct-abdomen
 * - commit: { calciphylaxis: 70, dystrophic: 30 }
 *   summary: A woman on dialysis with painful purpura.
 * - advance
 * - finish
 * ```
 *
 * Exactly one of `order`, `commit`, `advance`, `finish` (or the engine's own `event`) per step.
 */

const ACTIONS = ['order', 'commit', 'advance', 'finish', 'event'] as const;

/** The fields a step has whatever else a path adds to it (a note, evidence). */
export const stepFields = {
  /** Order the action with this id (history, examination, a test, a consult or a treatment). */
  order: z.string().min(1).optional(),
  /**
   * Commit (or revise) a differential: `{ diagnosis-id: percent, … }` in the order listed (the
   * highest is the working diagnosis, the first on a tie), or a list of `{ diagnosis, probability }`.
   */
  commit: z.union([z.record(z.string().min(1), z.number()), z.array(DifferentialEntrySchema)]).optional(),
  /** With `commit`: the one-sentence summary of the patient (required on the first commitment). */
  summary: z.string().max(SUMMARY_MAX_LENGTH).optional(),
  /** Move on to the next stage (`- advance` alone is the same). */
  advance: z.literal(true).optional(),
  /** Finish the case at its last stage (`- finish` alone is the same). */
  finish: z.literal(true).optional(),
  /** The step as the engine event a learner's attempt records, e.g. `{ type: ORDER, action: pth }`. */
  event: z.optional(PlayEventSchema),
};

type StepFields = { [K in keyof typeof stepFields]?: z.output<(typeof stepFields)[K]> };

/** Checks that a step names exactly one thing to do, and that `summary` goes with a commitment. */
export function checkStep(step: StepFields, ctx: z.RefinementCtx): void {
  const given = ACTIONS.filter((k) => step[k] !== undefined);
  if (given.length !== 1)
    ctx.addIssue({
      code: 'custom',
      message: given.length === 0 ? 'a step needs one of order, commit, advance or finish' : `a step does one thing: it has ${given.join(' and ')}`,
      path: [],
    });
  if (step.summary !== undefined && step.commit === undefined) ctx.addIssue({ code: 'custom', message: '`summary` goes with `commit`', path: ['summary'] });
}

/** The bare steps that need no field: `- advance` and `- finish`. */
export const BareStepSchema = z.enum(['advance', 'finish']);

/** The engine event a step stands for. */
export function stepEvent(step: StepFields | z.output<typeof BareStepSchema>): PlayEvent {
  if (step === 'advance') return { type: 'ADVANCE' };
  if (step === 'finish') return { type: 'FINISH' };
  if (step.event) return step.event;
  if (step.order !== undefined) return { type: 'ORDER', action: step.order };
  if (step.advance) return { type: 'ADVANCE' };
  if (step.finish) return { type: 'FINISH' };
  const commit = step.commit!;
  const differential = Array.isArray(commit) ? commit : Object.entries(commit).map(([diagnosis, probability]) => ({ diagnosis, probability }));
  return { type: 'COMMIT', differential, ...(step.summary !== undefined ? { summary: step.summary } : {}) };
}

/** The shortest way to write an event as a step (what the migration writes). */
export function eventStep(event: PlayEvent): StepFields | z.output<typeof BareStepSchema> {
  switch (event.type) {
    case 'ORDER':
      return { order: event.action };
    case 'ADVANCE':
      return 'advance';
    case 'FINISH':
      return 'finish';
    case 'COMMIT': {
      const ids = event.differential.map((d) => d.diagnosis);
      // The map form keeps the order only for keys that are not integers; fall back to the list otherwise.
      const commit = ids.some((id) => /^\d+$/.test(id)) ? event.differential : Object.fromEntries(event.differential.map((d) => [d.diagnosis, d.probability]));
      return { commit, ...(event.summary !== undefined ? { summary: event.summary } : {}) };
    }
  }
}

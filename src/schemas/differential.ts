/**
 * The rules of a differential that need no diagnosis list and no schema library, shared by the event
 * schema (`src/schemas/events.ts`), the machine's guard and the player. Kept free of zod so that the
 * case page, which ships the machine, stays inside its JavaScript budget.
 */

/** The reserved list entry that keeps room in a differential for what the list does not name. */
export const SOMETHING_ELSE_ID = 'something-else';

/** The most characters a problem representation (the one-sentence summary) may have. */
export const SUMMARY_MAX_LENGTH = 300;

/** One line of a differential: a list id and a whole percent. */
export interface DifferentialLine {
  diagnosis: string;
  probability: number;
}

/**
 * Why a differential is not acceptable, in words a learner can act on, or null. Checks what can be
 * checked without the diagnosis list: whole percents from 1 to 100, no diagnosis twice, a sum of 100.
 * Safe on any input (it is the guard's first line against a damaged saved attempt).
 */
/**
 * A short, safe rendering of a value read from a file, for a message: never the whole of a long text,
 * and never a stringified object (a deeply nested one would overflow the stack).
 */
export function shortValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return Array.isArray(value) ? 'a list' : `an ${typeof value}`;
}

export function differentialProblem(differential: unknown): string | null {
  if (!Array.isArray(differential) || differential.length === 0) return 'a differential needs at least one diagnosis with its probability';
  const seen = new Set<string>();
  let sum = 0;
  for (const line of differential as unknown[]) {
    const d = (typeof line === 'object' && line !== null ? line : {}) as Record<string, unknown>;
    if (typeof d.diagnosis !== 'string' || d.diagnosis === '') return 'every line of a differential needs a "diagnosis" id';
    const p = d.probability;
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > 100)
      return `the probability of "${d.diagnosis}" is ${shortValue(p)}: give each diagnosis a whole percent from 1 to 100`;
    if (seen.has(d.diagnosis)) return `"${d.diagnosis}" is listed twice: list each diagnosis once`;
    seen.add(d.diagnosis);
    sum += p;
  }
  if (sum !== 100) return `probabilities sum to ${sum}%, they must sum to 100`;
  return null;
}

/** Why a summary is not acceptable, or null. `required` on an attempt's first commitment. */
export function summaryProblem(summary: unknown, required: boolean): string | null {
  if (summary === undefined) return required ? 'write a one-sentence summary of the patient with your first differential' : null;
  if (typeof summary !== 'string') return 'the summary must be text';
  if (required && summary.trim() === '') return 'write a one-sentence summary of the patient with your first differential';
  if (summary.length > SUMMARY_MAX_LENGTH) return `the summary has ${summary.length} characters; keep it to ${SUMMARY_MAX_LENGTH}`;
  return null;
}

/** The working diagnosis of a differential: the highest probability, the first listed on a tie. */
export function leadingLine<T extends DifferentialLine>(differential: readonly T[]): T {
  let lead = differential[0]!;
  for (const d of differential) if (d.probability > lead.probability) lead = d;
  return lead;
}

/** The differential as a map from list id to probability from 0 to 1. */
export function asDistribution(differential: readonly DifferentialLine[]): Map<string, number> {
  return new Map(differential.map((d) => [d.diagnosis, d.probability / 100] as const));
}

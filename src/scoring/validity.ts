import type { CaseDefinition, Dimension } from '../schemas/case';
import type { DifferentialEntry, PlayEvent } from '../schemas/events';
import { compile, isFinished, replay, startSnapshot, step, acceptedEvents, type CaseSnapshot } from '../engine/attempt';
import { actionsAt } from '../engine/case-index';
import { scoreAttempt, type FlagId, type Score } from './score';
import { commitmentOf, type TraceEntry } from '../engine/machine';
import { mulberry32 } from '../utils/mulberry32';

/**
 * Named policies for the validity figures (`npm run validity`, `tests/unit/validity.test.ts`): pure
 * functions of a case's data (and its instructor best path), so the figures hold for any case an
 * author adds. Each policy is a list of events; its score comes from replay and `scoreAttempt`.
 */

export const SOMETHING_ELSE = 'something-else';

/** A summary with no qualifier in it, for policies that write one without looking. */
export const BLANK_SUMMARY = 'A patient.';

/** The answer as a differential: the answer shares scaled to `percent`, the rest on `rest`. */
export function answerDifferential(def: CaseDefinition, percent: number, rest: string = SOMETHING_ELSE): DifferentialEntry[] {
  const n = def.scoring.answer.length;
  const lines = def.scoring.answer.map((a, i) => ({ diagnosis: a.diagnosis, probability: Math.floor(percent / n) + (i < percent % n ? 1 : 0) }));
  return percent < 100 ? [...lines, { diagnosis: rest, probability: 100 - percent }] : lines;
}

/**
 * A half-right option: the credited entry with the most credit short of the answer; for an answer of
 * several processes with none credited, one of its parts alone (which earns its share); otherwise
 * `something-else`.
 */
export function halfCreditEntry(def: CaseDefinition): string {
  const best = [...def.scoring.credits].sort((a, b) => b.credit - a.credit)[0];
  if (best && best.credit > 0) return best.diagnosis;
  return def.scoring.answer.length > 1 ? def.scoring.answer[0]!.diagnosis : SOMETHING_ELSE;
}

const commit = (differential: DifferentialEntry[], summary?: string): PlayEvent => ({
  type: 'COMMIT',
  differential,
  ...(summary !== undefined ? { summary } : {}),
});
const moveOn = (def: CaseDefinition, stage: number): PlayEvent => (stage < def.stages.length - 1 ? { type: 'ADVANCE' } : { type: 'FINISH' });

/** Blind guess: the right answer at 90% at the first stage, with a summary that says nothing; orders nothing. */
export function blindGuess(def: CaseDefinition): PlayEvent[] {
  return [commit(answerDifferential(def, 90), BLANK_SUMMARY), ...def.stages.map((_, i) => moveOn(def, i))];
}

/**
 * Shotgun: every action open at every stage (every test and every treatment, harmful ones
 * included), the right answer at 90% with the expert's own summary, then on to the end.
 */
export function shotgun(def: CaseDefinition): PlayEvent[] {
  const ix = compile(def).ix;
  const events: PlayEvent[] = [];
  def.stages.forEach((_, i) => {
    for (const a of actionsAt(ix, i)) events.push({ type: 'ORDER', action: a.id });
    if (i === 0) events.push(commit(answerDifferential(def, 90), def.scoring.problemRepresentation.expertSummary));
    events.push(moveOn(def, i));
  });
  return events;
}

/** Hedge: the best path, but its first commitment is a half-credit option stated at 50% (the rest on `something-else`). */
export function hedge(def: CaseDefinition, bestPath: readonly PlayEvent[]): PlayEvent[] {
  const half = halfCreditEntry(def);
  const differential =
    half === SOMETHING_ELSE
      ? [{ diagnosis: half, probability: 100 }]
      : [
          { diagnosis: half, probability: 50 },
          { diagnosis: SOMETHING_ELSE, probability: 50 },
        ];
  let first = true;
  return bestPath.map((e) => {
    if (e.type !== 'COMMIT' || !first) return e;
    first = false;
    return commit(differential, e.summary);
  });
}

/**
 * The commitments the search tries: a 10% grid of the probability on the answer, with the rest on
 * `something-else`, the half-credit entry or the documented misdiagnosis.
 */
export function commitGrid(def: CaseDefinition): DifferentialEntry[][] {
  const others = [...new Set([SOMETHING_ELSE, halfCreditEntry(def), def.scoring.documentedMisdiagnosis?.diagnosis ?? SOMETHING_ELSE])];
  const grid: DifferentialEntry[][] = [];
  for (let p = 10; p <= 100; p += 10) for (const o of p === 100 ? [SOMETHING_ELSE] : others) grid.push(answerDifferential(def, p, o));
  return grid;
}

/**
 * Search: keeps the best path's orders and finds the best commitment at each stage on the 10% grid
 * (one commitment per stage, after that stage's orders), by trying every combination (coordinate
 * ascent beyond 30,000). Returns the best events found and their score, replayed.
 */
export function searchCommitments(def: CaseDefinition, bestPath: readonly PlayEvent[]): { events: PlayEvent[]; total: number } {
  const summary =
    bestPath.find((e): e is Extract<PlayEvent, { type: 'COMMIT' }> => e.type === 'COMMIT' && e.summary !== undefined)?.summary ??
    def.scoring.problemRepresentation.expertSummary;
  const ordersByStage: PlayEvent[][] = def.stages.map(() => []);
  let stage = 0;
  for (const e of bestPath) {
    if (e.type === 'ORDER') ordersByStage[stage]!.push(e);
    if (e.type === 'ADVANCE') stage++;
  }
  const grid = commitGrid(def);
  // A commitment the same as the one in force is restated with the summary (the machine refuses a
  // bare repeat), so that every stage ends with a commitment made on that stage's evidence.
  const build = (choice: readonly number[]): PlayEvent[] =>
    def.stages.flatMap((_, i) => [
      ...ordersByStage[i]!,
      commit(grid[choice[i]!]!, i === 0 || choice[i] === choice[i - 1] ? summary : undefined),
      moveOn(def, i),
    ]);
  // Commitments reveal nothing, so every combination has the trace of one replay with its commit
  // entries replaced: scoring that trace is the same as replaying the combination, and far cheaper.
  const base = replay(def, build(def.stages.map(() => grid.length - 1)));
  const commitAt = base.context.trace.flatMap((e, i) => (e.kind === 'commit' ? [i] : []));
  const finishAt = base.context.trace.findIndex((e) => e.kind === 'finish');
  const total = (choice: readonly number[]) => {
    const trace = [...base.context.trace];
    let previous: string | null = null;
    choice.forEach((g, stage) => {
      const at = commitAt[stage]!;
      const entry = trace[at] as Extract<TraceEntry, { kind: 'commit' }>;
      const working = commitmentOf({ differential: grid[g]! });
      trace[at] = { ...entry, ...working, previous };
      previous = working.diagnosis;
    });
    const last = trace[commitAt[commitAt.length - 1]!] as Extract<TraceEntry, { kind: 'commit' }>;
    const fin = trace[finishAt] as Extract<TraceEntry, { kind: 'finish' }>;
    trace[finishAt] = { ...fin, differential: last.differential, diagnosis: last.diagnosis, confidence: last.confidence };
    return scoreAttempt(def, trace, true).total;
  };
  let best = def.stages.map(() => grid.length - 1);
  let bestTotal = total(best);
  const combos = grid.length ** def.stages.length;
  if (combos <= 30_000) {
    const choice = def.stages.map(() => 0);
    for (let n = 0; n < combos; n++) {
      let k = n;
      for (let i = 0; i < choice.length; i++) {
        choice[i] = k % grid.length;
        k = Math.floor(k / grid.length);
      }
      const t = total(choice);
      if (t > bestTotal) [best, bestTotal] = [[...choice], t];
    }
  } else {
    for (let improved = true; improved; ) {
      improved = false;
      for (let i = 0; i < best.length; i++)
        for (let g = 0; g < grid.length; g++) {
          const c = [...best];
          c[i] = g;
          const t = total(c);
          if (t > bestTotal) [best, bestTotal, improved] = [c, t, true];
        }
    }
  }
  // The best combination is replayed for real, so the figure never rests on the shortcut alone.
  return { events: build(best), total: scoreOf(def, build(best)).total };
}

/** The candidate events of uniformly random play: every action, the answer-free grid of one-entry differentials, move on, finish. */
export function randomCandidates(def: CaseDefinition): PlayEvent[] {
  const commits = def.diagnoses.flatMap((d) =>
    [30, 60, 90].map((p) =>
      commit(
        d.id === SOMETHING_ELSE
          ? [{ diagnosis: d.id, probability: 100 }]
          : [
              { diagnosis: d.id, probability: p },
              { diagnosis: SOMETHING_ELSE, probability: 100 - p },
            ],
        BLANK_SUMMARY,
      ),
    ),
  );
  return [...def.actions.map((a): PlayEvent => ({ type: 'ORDER', action: a.id })), ...commits, { type: 'ADVANCE' }, { type: 'FINISH' }];
}

/** One uniformly random walk: a kind of move (order, commit, move on) uniformly, then a move of that kind uniformly. */
export function randomPlay(def: CaseDefinition, random: () => number, maxSteps = 400): PlayEvent[] {
  const c = compile(def);
  const candidates = randomCandidates(def);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  let snapshot: CaseSnapshot = startSnapshot(c);
  const events: PlayEvent[] = [];
  while (!isFinished(snapshot) && events.length < maxSteps) {
    const accepted = acceptedEvents(c, snapshot, candidates);
    const groups: PlayEvent[][] = [
      accepted.filter((e) => e.type === 'ORDER'),
      accepted.filter((e) => e.type === 'COMMIT'),
      accepted.filter((e) => e.type === 'ADVANCE' || e.type === 'FINISH'),
    ].filter((g) => g.length > 0);
    const event = pick(pick(groups));
    snapshot = step(c, snapshot, event);
    events.push(event);
  }
  return events;
}

/** The course's deterministic generator, seeded by a number, so random play repeats run to run. */
export const seeded: (seed: number) => () => number = mulberry32;

export function scoreOf(def: CaseDefinition, events: readonly PlayEvent[]): Score {
  const r = replay(def, events);
  return scoreAttempt(def, r.context.trace, r.finished);
}

/** One row of the validity table. */
export interface PolicyResult {
  total: number;
  flags: FlagId[];
  /** The dimension that cost the most points against its weight, with the points lost. */
  weakest: { dimension: Dimension; lost: number };
  dimensions: Record<Dimension, number>;
}

export function describeScore(score: Score): PolicyResult {
  const dims = Object.values(score.dimensions);
  const weakest = dims.reduce((w, d) => (d.max - d.points > w.max - w.points ? d : w));
  return {
    total: score.total,
    flags: score.flags.map((f) => f.id),
    weakest: { dimension: weakest.dimension, lost: Math.round((weakest.max - weakest.points) * 10) / 10 },
    dimensions: Object.fromEntries(dims.map((d) => [d.dimension, d.points])) as Record<Dimension, number>,
  };
}

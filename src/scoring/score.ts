import type { CaseDefinition, Dimension, ScoringKey } from '../schemas/case';
import type { SourceRef } from '../schemas/provenance';
import type { TraceEntry } from '../engine/machine';
import { labeller } from './describe';

export { labeller };

/**
 * Scoring: pure functions of the answer key and the trace of an attempt. No React, no Astro, no
 * clock: the same inputs always give the same score.
 */

/** A reason a point was earned or lost, shown in the debrief. */
export interface ScoreReason {
  /** Earned or lost. */
  effect: 'earned' | 'lost';
  /** The explanation, in our own words. */
  text: string;
  /** The evidence behind it, when there is one. */
  evidence?: SourceRef;
}

export interface DimensionScore {
  dimension: Dimension;
  /** From 0 to 1. */
  fraction: number;
  /** fraction × weight. */
  points: number;
  /** The weight of the dimension in this case. */
  max: number;
  reasons: ScoreReason[];
}

export type FlagId = 'documented-misdiagnosis' | 'anchoring' | 'premature-closure';

export interface ScoreFlag {
  id: FlagId;
  /** What the learner did, in our own words. */
  message: string;
  evidence?: SourceRef;
}

export interface Score {
  /** From 0 to 100, rounded to one decimal. */
  total: number;
  dimensions: Record<Dimension, DimensionScore>;
  flags: ScoreFlag[];
}

type Commit = Extract<TraceEntry, { kind: 'commit' }>;

const round1 = (n: number) => Math.round(n * 10) / 10;
const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

export function creditOf(key: ScoringKey, diagnosis: string | null): number {
  if (diagnosis === null) return 0;
  return key.credits.find((c) => c.diagnosis === diagnosis)?.credit ?? 0;
}

/** The commits in order. */
export function commitsOf(trace: readonly TraceEntry[]): Commit[] {
  return trace.filter((e): e is Commit => e.kind === 'commit');
}

/** The index in the trace of the commit in force at the end (the final diagnosis), or -1. */
export function finalCommitIndex(trace: readonly TraceEntry[]): number {
  for (let i = trace.length - 1; i >= 0; i--) if (trace[i]!.kind === 'commit') return i;
  return -1;
}

/** Finding ids revealed up to (and including) trace index `upTo`. */
export function revealedBy(trace: readonly TraceEntry[], upTo: number): Set<string> {
  const seen = new Set<string>();
  for (let i = 0; i <= upTo && i < trace.length; i++) {
    const e = trace[i]!;
    if (e.kind === 'stage') e.presented.forEach((f) => seen.add(f));
    if (e.kind === 'order') e.revealed.forEach((f) => seen.add(f));
  }
  return seen;
}

type Part = { fraction: number; reasons: ScoreReason[] };

/** Diagnosis: the credit of the final diagnosis, with its feedback. */
export function scoreDiagnosis(key: ScoringKey, finalDiagnosis: string | null): Part {
  if (finalDiagnosis === null) return { fraction: 0, reasons: [{ effect: 'lost', text: 'No final diagnosis was committed.' }] };
  const row = key.credits.find((c) => c.diagnosis === finalDiagnosis);
  if (!row) return { fraction: 0, reasons: [{ effect: 'lost', text: `"${finalDiagnosis}" is not in this case's credit table.` }] };
  return { fraction: row.credit, reasons: [{ effect: row.credit === 1 ? 'earned' : 'lost', text: row.feedback, evidence: row.evidence }] };
}

/** Key findings: the weighted share of discriminating findings in hand before the final diagnosis. */
export function scoreKeyFindings(key: ScoringKey, seenBeforeFinal: ReadonlySet<string>, label: (id: string) => string): Part {
  const total = key.keyFindings.reduce((s, k) => s + k.weight, 0);
  let got = 0;
  const reasons: ScoreReason[] = [];
  for (const k of key.keyFindings) {
    if (seenBeforeFinal.has(k.finding)) {
      got += k.weight;
      reasons.push({ effect: 'earned', text: `In hand: ${label(k.finding)}.` });
    } else {
      // The why of each finding is shown once, in the debrief's key-findings list.
      reasons.push({ effect: 'lost', text: `Missing before the final diagnosis: ${label(k.finding)}.` });
    }
  }
  return { fraction: total > 0 ? got / total : 1, reasons };
}

/** Stewardship: each low-value or harmful action costs its penalty once. */
export function scoreStewardship(key: ScoringKey, actionsTaken: readonly string[], label: (id: string) => string): Part {
  const taken = new Set(actionsTaken);
  let penalty = 0;
  const reasons: ScoreReason[] = [];
  for (const s of key.stewardship) {
    if (!taken.has(s.action)) continue;
    penalty += s.penalty;
    reasons.push({ effect: 'lost', text: `${label(s.action)} (${s.severity}): ${s.reason}`, evidence: s.evidence });
  }
  if (reasons.length === 0) reasons.push({ effect: 'earned', text: 'No low-value or harmful orders or treatments.' });
  return { fraction: clamp01(1 - penalty), reasons };
}

/**
 * Revision: every period of holding a wrong working diagnosis (credit below 1) should end with a
 * move to a better-credited one. With no wrong working diagnosis there is nothing to revise.
 */
export function scoreRevision(
  key: ScoringKey,
  commits: readonly Pick<Commit, 'diagnosis' | 'day'>[],
  label: (id: string) => string,
  day: (n: number) => string = (n) => `day ${n}`,
): Part {
  type Period = { diagnosis: string; day: number; outcome: 'held' | 'improved' | 'sideways'; endDay?: number };
  const periods: Period[] = [];
  let open: Period | null = null;
  for (const c of commits) {
    if (open && c.diagnosis !== open.diagnosis) {
      open.outcome = creditOf(key, c.diagnosis) > creditOf(key, open.diagnosis) ? 'improved' : 'sideways';
      open.endDay = c.day;
      open = null;
    }
    if (!open && creditOf(key, c.diagnosis) < 1) {
      open = { diagnosis: c.diagnosis, day: c.day, outcome: 'held' };
      periods.push(open);
    }
  }
  if (periods.length === 0) return { fraction: 1, reasons: [{ effect: 'earned', text: 'No wrong working diagnosis to revise.' }] };
  const reasons: ScoreReason[] = periods.map((p) => {
    if (p.outcome === 'improved') return { effect: 'earned', text: `You revised ${label(p.diagnosis)} (held from ${day(p.day)}) to a better-supported diagnosis on ${day(p.endDay!)}.` };
    if (p.outcome === 'sideways') return { effect: 'lost', text: `On ${day(p.endDay!)} you replaced ${label(p.diagnosis)} with a diagnosis no better supported.` };
    return { effect: 'lost', text: `You held ${label(p.diagnosis)} from ${day(p.day)} to the end without revising it.` };
  });
  return { fraction: periods.filter((p) => p.outcome === 'improved').length / periods.length, reasons };
}

/** The Brier score of always saying 50%: the forecast of someone who knows nothing. */
export const UNINFORMED_BRIER = 0.25;

/**
 * Calibration: the Brier skill score of each commit's stated confidence against its credit,
 * relative to an uninformed 50% forecast: 1 for perfect, 0 for no better than a coin (or worse).
 * An affine transform of the Brier score, so it stays a proper scoring rule: stating your true
 * belief maximises it.
 */
export function scoreCalibration(key: ScoringKey, commits: readonly Pick<Commit, 'diagnosis' | 'confidence'>[], label: (id: string) => string): Part {
  if (commits.length === 0) return { fraction: 0, reasons: [{ effect: 'lost', text: 'No diagnosis was committed, so there is no confidence to calibrate.' }] };
  let brier = 0;
  const reasons: ScoreReason[] = [];
  for (const c of commits) {
    const outcome = creditOf(key, c.diagnosis);
    const err = (c.confidence - outcome) ** 2;
    brier += err;
    const pct = Math.round(c.confidence * 100);
    if (err >= UNINFORMED_BRIER)
      reasons.push({ effect: 'lost', text: `${label(c.diagnosis)} at ${pct}% confidence: ${outcome < c.confidence ? 'more sure than the evidence allowed' : 'less sure than the evidence allowed'} (credit ${outcome}).` });
  }
  const mean = brier / commits.length;
  const skill = clamp01(1 - mean / UNINFORMED_BRIER);
  reasons.unshift({
    effect: skill >= 0.8 ? 'earned' : 'lost',
    text: `Mean Brier score ${mean.toFixed(3)} over ${commits.length} commitment${commits.length === 1 ? '' : 's'} (0 is perfect; always saying 50% scores 0.25 and earns nothing here).`,
  });
  return { fraction: skill, reasons };
}

/** Recognisable errors: the documented misdiagnosis, anchoring, premature closure. */
export function detectFlags(
  key: ScoringKey,
  trace: readonly TraceEntry[],
  finished: boolean,
  keyFindingFraction: number,
  label: (id: string) => string,
): ScoreFlag[] {
  const flags: ScoreFlag[] = [];
  const finalIdx = finalCommitIndex(trace);
  if (finalIdx < 0) return flags;
  const final = trace[finalIdx] as Commit;
  const wrong = creditOf(key, final.diagnosis) < 1;

  if (key.documentedMisdiagnosis && final.diagnosis === key.documentedMisdiagnosis.diagnosis) {
    flags.push({
      id: 'documented-misdiagnosis',
      message: `${label(final.diagnosis)} is the diagnosis the treating team made first and later abandoned: ${key.documentedMisdiagnosis.feedback}`,
      evidence: key.documentedMisdiagnosis.evidence,
    });
  }
  if (wrong) {
    // When did the learner first commit to the diagnosis they ended with, in its last unbroken run?
    let since = finalIdx;
    for (let i = finalIdx - 1; i >= 0; i--) {
      const e = trace[i]!;
      if (e.kind === 'commit') {
        if (e.diagnosis !== final.diagnosis) break;
        since = i;
      }
    }
    const against = key.contradictions.filter((c) => c.diagnosis === final.diagnosis);
    const seenBefore = revealedBy(trace, since);
    const seenAfter = revealedBy(trace, trace.length - 1);
    const contradicting = against.flatMap((c) => c.findings).filter((f) => seenAfter.has(f) && !seenBefore.has(f));
    if (contradicting.length > 0) {
      flags.push({
        id: 'anchoring',
        message: `You kept ${label(final.diagnosis)} after evidence against it came in (${contradicting.map(label).join('; ')}). ${against.map((c) => c.explanation).join(' ')}`,
      });
    }
  }
  if (finished && keyFindingFraction < 0.5) {
    flags.push({ id: 'premature-closure', message: `You closed the case with ${Math.round(keyFindingFraction * 100)}% of the discriminating findings in hand: gather the evidence that separates the candidates before committing.` });
  }
  return flags;
}

/** The whole score of an attempt from its trace. */
export function scoreAttempt(def: CaseDefinition, trace: readonly TraceEntry[], finished: boolean): Score {
  const key = def.scoring;
  const label = labeller(def);
  const finalIdx = finalCommitIndex(trace);
  const final = finalIdx >= 0 ? (trace[finalIdx] as Commit) : null;
  const commits = commitsOf(trace);
  const actionsTaken = trace.flatMap((e) => (e.kind === 'order' ? [e.action] : []));

  const parts: Record<Dimension, Part> = {
    diagnosis: scoreDiagnosis(key, final?.diagnosis ?? null),
    keyFindings: scoreKeyFindings(key, finalIdx >= 0 ? revealedBy(trace, finalIdx) : new Set(), label),
    stewardship: scoreStewardship(key, actionsTaken, label),
    revision: scoreRevision(key, commits, label, (n) => `${def.clock.short} ${n}`),
    calibration: scoreCalibration(key, commits, label),
  };
  const dimensions = Object.fromEntries(
    (Object.keys(parts) as Dimension[]).map((d) => {
      const max = key.weights[d];
      return [d, { dimension: d, fraction: parts[d].fraction, points: round1(parts[d].fraction * max), max, reasons: parts[d].reasons }];
    }),
  ) as Record<Dimension, DimensionScore>;
  const total = round1(Object.values(parts).reduce((s, p, i) => s + p.fraction * key.weights[(Object.keys(parts) as Dimension[])[i]!], 0));
  return { total: Math.min(100, Math.max(0, total)), dimensions, flags: detectFlags(key, trace, finished, parts.keyFindings.fraction, label) };
}

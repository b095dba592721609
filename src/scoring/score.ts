import type { CaseDefinition, Dimension, ScoringKey } from '../schemas/case';
import type { SourceRef } from '../schemas/provenance';
import type { DifferentialEntry } from '../schemas/events';
import { leadingLine } from '../schemas/differential';
import type { TraceEntry } from '../engine/machine';
import { LEGACY_SUMMARY } from '../engine/migrate';
import { labeller } from './describe';
import { matchQualifiers } from './summary-match';

export { labeller };

/**
 * Scoring: pure functions of the answer key and the trace of an attempt. No React, no Astro, no
 * clock: the same inputs always give the same score. Every rule is stated in the README (Scoring).
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

export type FlagId = 'documented-misdiagnosis' | 'anchoring' | 'premature-closure' | 'critical-error' | 'overtreatment';

export interface ScoreFlag {
  id: FlagId;
  /** What the learner did, in our own words. */
  message: string;
  evidence?: SourceRef;
}

/** A ceiling on the total, with why. */
export interface ScoreCap {
  flag: 'critical-error' | 'overtreatment';
  /** The most the total can be. */
  limit: number;
  /** Why, in our own words. */
  reason: string;
}

export interface Score {
  /** From 0 to 100, rounded to one decimal, after any cap. */
  total: number;
  /** The sum of the dimensions before any cap. */
  uncapped: number;
  /** The cap that applied, if any (the lowest one). */
  cap: ScoreCap | null;
  dimensions: Record<Dimension, DimensionScore>;
  flags: ScoreFlag[];
}

/**
 * A critical error (a harmful treatment the sources name) caps the total at 40: below every
 * module's pass mark (70) and below half marks, so no attempt that harms the patient this way can
 * pass, however good the rest. Body Interact's critical errors and OpenLabyrinth's must-avoid nodes
 * work the same way.
 */
export const CRITICAL_ERROR_CAP = 40;

/**
 * Low-value and harmful actions whose penalties, counted each time they are taken, add up to more
 * than the whole stewardship dimension cap the total at 50: care that does that much needless harm
 * or waste is not a passing performance, even with the right diagnosis.
 */
export const OVERTREATMENT_CAP = 50;

/** The share of key-finding weight in hand at the final commitment that earns the full diagnosis credit. */
export const FULL_EVIDENCE_SHARE = 0.8;
/** The part of the diagnosis credit a final diagnosis earns with no key finding in hand. */
export const EVIDENCE_FLOOR = 0.25;

type Commit = Extract<TraceEntry, { kind: 'commit' }>;

const round1 = (n: number) => Math.round(n * 10) / 10;
const clamp01 = (n: number) => Math.min(1, Math.max(0, n));
const pct = (n: number) => `${Math.round(n * 100)}%`;

/** The answer as a map from list id to its share. */
export function answerShares(key: ScoringKey): Map<string, number> {
  return new Map(key.answer.map((a) => [a.diagnosis, a.share] as const));
}

/** What the final differential earns before the evidence gate, with the feedback that explains it. */
export interface DiagnosisVerdict {
  /** The leading list id (the working diagnosis). */
  lead: string;
  /** From 0 to 1. */
  credit: number;
  feedback: string;
  evidence?: SourceRef;
  /** How the verdict was reached: the whole answer, part of it, a credited position, or the list's definition. */
  basis: 'answer' | 'part-of-answer' | 'credited' | 'definition';
}

/**
 * Feedback for a list entry this case does not credit, built from the list's sourced definition and
 * the case's documented key findings: a template over data, the same for every case.
 */
export function definitionFeedback(def: CaseDefinition, id: string): { feedback: string; evidence?: SourceRef } {
  const entry = def.diagnoses.find((d) => d.id === id);
  const label = labeller(def);
  const answer = def.scoring.answer.map((a) => label(a.diagnosis)).join(' with ');
  const deciding = [...def.scoring.keyFindings]
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 3)
    .map((k) => label(k.finding).toLowerCase());
  const what = entry ? `${entry.label} is ${entry.definition}.` : `"${id}" is not on the course list.`;
  return {
    feedback: `${what} That is not what this case documents: its deciding findings (${deciding.join('; ')}) point to ${answer.toLowerCase()}.`,
    evidence: entry?.evidence,
  };
}

/**
 * The verdict on a differential. A single answer: the lead must be it. An answer of several
 * processes: the lead must be one of them, and the credit is the sum of the shares of those on the
 * differential (all of them: full credit). Another lead earns its credited position, or nothing.
 */
export function diagnosisVerdict(def: CaseDefinition, differential: readonly DifferentialEntry[]): DiagnosisVerdict {
  const key = def.scoring;
  const lead = leadingLine(differential).diagnosis;
  const component = key.answer.find((a) => a.diagnosis === lead);
  if (component) {
    const named = new Set(differential.map((d) => d.diagnosis));
    const credit = key.answer.reduce((s, a) => s + (named.has(a.diagnosis) ? a.share : 0), 0);
    const whole = credit >= 1 - 1e-9;
    if (whole && key.combined) return { lead, credit: 1, feedback: key.combined.feedback, evidence: key.combined.evidence, basis: 'answer' };
    return { lead, credit: Math.min(1, credit), feedback: component.feedback, evidence: component.evidence, basis: whole ? 'answer' : 'part-of-answer' };
  }
  const row = key.credits.find((c) => c.diagnosis === lead);
  if (row) return { lead, credit: row.credit, feedback: row.feedback, evidence: row.evidence, basis: 'credited' };
  return { lead, credit: 0, ...definitionFeedback(def, lead), basis: 'definition' };
}

/** The credit of a differential's lead (the verdict's credit, without building its feedback), for revision and class results. */
export function creditOf(def: CaseDefinition, differential: readonly DifferentialEntry[] | null): number {
  if (!differential || differential.length === 0) return 0;
  const key = def.scoring;
  const lead = leadingLine(differential).diagnosis;
  if (key.answer.some((a) => a.diagnosis === lead)) {
    const named = new Set(differential.map((d) => d.diagnosis));
    return Math.min(
      1,
      key.answer.reduce((s, a) => s + (named.has(a.diagnosis) ? a.share : 0), 0),
    );
  }
  return key.credits.find((c) => c.diagnosis === lead)?.credit ?? 0;
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

/** The weighted share of the key findings among `seen`. */
export function keyFindingShare(key: ScoringKey, seen: ReadonlySet<string>): number {
  const total = key.keyFindings.reduce((s, k) => s + k.weight, 0);
  const got = key.keyFindings.reduce((s, k) => s + (seen.has(k.finding) ? k.weight : 0), 0);
  return total > 0 ? got / total : 1;
}

/**
 * The evidence gate: the part of its credit a final diagnosis keeps, given the share of key-finding
 * weight in hand when it was committed. 25% with nothing in hand, rising in a straight line to 100%
 * at 80% of the weight.
 */
export function evidenceFactor(share: number): number {
  return EVIDENCE_FLOOR + (1 - EVIDENCE_FLOOR) * Math.min(1, share / FULL_EVIDENCE_SHARE);
}

type Part = { fraction: number; reasons: ScoreReason[] };

/** Diagnosis: the verdict on the final differential, times the evidence gate. */
export function scoreDiagnosis(def: CaseDefinition, final: Commit | null, shareAtFinal: number): Part {
  if (final === null) return { fraction: 0, reasons: [{ effect: 'lost', text: 'No final diagnosis was committed.' }] };
  const v = diagnosisVerdict(def, final.differential);
  const gate = evidenceFactor(shareAtFinal);
  const reasons: ScoreReason[] = [{ effect: v.credit >= 1 ? 'earned' : 'lost', text: v.feedback, evidence: v.evidence }];
  if (v.credit > 0 && gate < 1)
    reasons.push({
      effect: 'lost',
      text:
        `Committed with ${pct(shareAtFinal)} of the discriminating findings in hand, so it keeps ${pct(gate)} of its credit ` +
        `(full credit needs ${pct(FULL_EVIDENCE_SHARE)}).`,
    });
  return { fraction: v.credit * gate, reasons };
}

/** Key findings: the weighted share of discriminating findings in hand before the final diagnosis. */
export function scoreKeyFindings(key: ScoringKey, seenBeforeFinal: ReadonlySet<string>, label: (id: string) => string): Part {
  const reasons: ScoreReason[] = key.keyFindings.map((k) =>
    seenBeforeFinal.has(k.finding)
      ? { effect: 'earned', text: `In hand: ${label(k.finding)}.` }
      : { effect: 'lost', text: `Missing before the final diagnosis: ${label(k.finding)}.` },
  );
  return { fraction: keyFindingShare(key, seenBeforeFinal), reasons };
}

/**
 * The fewest information-gathering actions (not treatments) that reveal every key finding a stage
 * does not present, by a greedy cover over the case data: the yardstick for "low cost".
 */
export function minimumInformationOrders(def: CaseDefinition): number {
  const presented = new Set(def.stages.flatMap((s) => [...s.presents]));
  const needed = new Set(def.scoring.keyFindings.map((k) => k.finding).filter((f) => !presented.has(f)));
  const actions = def.actions.filter((a) => a.kind !== 'treatment');
  let count = 0;
  while (needed.size > 0) {
    let best: { n: number; reveals: string[] } = { n: 0, reveals: [] };
    for (const a of actions) {
      const n = a.reveals.filter((f) => needed.has(f)).length;
      if (n > best.n) best = { n, reveals: a.reveals };
    }
    if (best.n === 0) break;
    best.reveals.forEach((f) => needed.delete(f));
    count++;
  }
  return count;
}

const budgets = new WeakMap<CaseDefinition, number>();

/** The information orders stewardship allows at full marks: twice the minimum, plus one per stage (computed once per case). */
export function informationBudget(def: CaseDefinition): number {
  let b = budgets.get(def);
  if (b === undefined) {
    b = 2 * minimumInformationOrders(def) + def.stages.length;
    budgets.set(def, b);
  }
  return b;
}

/**
 * Stewardship: the needed information at low cost. The share of key-finding weight obtained by the
 * end (ordering nothing earns little), times the efficiency of the information orders (full up to
 * the budget, then budget ÷ orders), minus the penalty of every low-value or harmful action each
 * time it is taken.
 */
export function scoreStewardship(def: CaseDefinition, trace: readonly TraceEntry[], label: (id: string) => string): Part & { penaltyTotal: number } {
  const key = def.scoring;
  const kinds = new Map(def.actions.map((a) => [a.id, a.kind] as const));
  const orders = trace.flatMap((e) => (e.kind === 'order' ? [e.action] : []));
  const infoOrders = orders.filter((a) => kinds.get(a) !== 'treatment').length;
  const budget = informationBudget(def);
  const yieldShare = keyFindingShare(key, revealedBy(trace, trace.length - 1));
  const efficiency = infoOrders <= budget ? 1 : budget / infoOrders;
  const reasons: ScoreReason[] = [];
  reasons.push({
    effect: yieldShare >= FULL_EVIDENCE_SHARE ? 'earned' : 'lost',
    text: `You obtained ${pct(yieldShare)} of the discriminating findings; stewardship rewards getting what is needed, not ordering nothing.`,
  });
  reasons.push({
    effect: efficiency >= 1 ? 'earned' : 'lost',
    text:
      `${infoOrders} history, examination, test and consult orders against a budget of ${budget} for this ` +
      `case${efficiency < 1 ? `: ${pct(1 - efficiency)} of this part lost to needless orders` : ''}.`,
  });
  let penalty = 0;
  const counted = new Map<string, number>();
  for (const a of orders) counted.set(a, (counted.get(a) ?? 0) + 1);
  for (const s of key.stewardship) {
    const times = counted.get(s.action) ?? 0;
    if (times === 0) continue;
    penalty += s.penalty * times;
    reasons.push({
      effect: 'lost',
      text: `${label(s.action)}${times > 1 ? ` (${times} times)` : ''} (${s.critical ? 'critical error' : s.severity}): ${s.reason}`,
      evidence: s.evidence,
    });
  }
  return { fraction: clamp01(yieldShare * efficiency - penalty), reasons, penaltyTotal: penalty };
}

/**
 * Revision: every period of holding a wrong working diagnosis (credit below 1) should end with a
 * move to a better-credited one. With no wrong working diagnosis there is nothing to revise, and
 * the dimension is earned in proportion to the evidence gate: a first guess held without looking is
 * not a revision well made.
 */
export function scoreRevision(def: CaseDefinition, commits: readonly Commit[], shareAtFinal: number, day: (n: number) => string): Part {
  const label = labeller(def);
  type Period = { diagnosis: string; day: number; credit: number; outcome: 'held' | 'improved' | 'sideways'; endDay?: number };
  const periods: Period[] = [];
  let open: Period | null = null;
  for (const c of commits) {
    const credit = creditOf(def, c.differential);
    if (open && c.diagnosis !== open.diagnosis) {
      open.outcome = credit > open.credit ? 'improved' : 'sideways';
      open.endDay = c.day;
      open = null;
    }
    if (!open && credit < 1) {
      open = { diagnosis: c.diagnosis, day: c.day, credit, outcome: 'held' };
      periods.push(open);
    }
  }
  if (periods.length === 0) {
    const gate = evidenceFactor(shareAtFinal);
    return {
      fraction: commits.length ? gate : 0,
      reasons: [
        {
          effect: gate >= 1 ? 'earned' : 'lost',
          text: `No wrong working diagnosis to revise${gate < 1 ? `; earned in proportion to the evidence in hand (${pct(gate)})` : ''}.`,
        },
      ],
    };
  }
  const reasons: ScoreReason[] = periods.map((p) => {
    if (p.outcome === 'improved')
      return { effect: 'earned', text: `You revised ${label(p.diagnosis)} (held from ${day(p.day)}) to a better-supported diagnosis on ${day(p.endDay!)}.` };
    if (p.outcome === 'sideways')
      return { effect: 'lost', text: `On ${day(p.endDay!)} you replaced ${label(p.diagnosis)} with a diagnosis no better supported.` };
    return { effect: 'lost', text: `You held ${label(p.diagnosis)} from ${day(p.day)} to the end without revising it.` };
  });
  return { fraction: periods.filter((p) => p.outcome === 'improved').length / periods.length, reasons };
}

/** One scored commitment: the differential in force when a stage was left (or at the end, unfinished). */
export interface CalibrationPoint {
  stage: string;
  day: number;
  differential: DifferentialEntry[];
  /** The probability given to the answer (the sum over its components), 0 to 1. */
  givenToAnswer: number;
  /** The multi-category Brier score, 0 (perfect) to 2. */
  brier: number;
  /** The Brier skill score against a uniform differential over the list, 0 to 1 (floored at 0). */
  skill: number;
  /** The weight of this commitment in the dimension, 0 to 1 (the weights add up to 1). */
  weight: number;
}

/** The multi-category Brier score of a differential against the answer shares, over every list entry. */
export function brierScore(listIds: readonly string[], differential: readonly DifferentialEntry[], shares: ReadonlyMap<string, number>): number {
  const given = new Map(differential.map((d) => [d.diagnosis, d.probability / 100] as const));
  let b = 0;
  for (const id of listIds) b += ((given.get(id) ?? 0) - (shares.get(id) ?? 0)) ** 2;
  return b;
}

/**
 * The commitments calibration scores: for each stage the learner left (moved on or finished), the
 * differential in force then; an unfinished attempt adds the differential in force now. Each is
 * weighted by the share of the case's key-finding weight that exists by its stage, so that a stage
 * where little can be known counts little.
 */
interface CalibrationFrame {
  listIds: string[];
  shares: Map<string, number>;
  stageIndex: Map<string, number>;
  /** Per stage index, the share of key-finding weight that exists by then. */
  existsBy: number[];
  /** The Brier score of a uniform differential over the list: the skill score's reference. */
  reference: number;
}
const frames = new WeakMap<CaseDefinition, CalibrationFrame>();

/** What calibration needs of a case, computed once per case. */
function calibrationFrame(def: CaseDefinition): CalibrationFrame {
  let f = frames.get(def);
  if (!f) {
    const listIds = def.diagnoses.map((d) => d.id);
    const shares = answerShares(def.scoring);
    const stageIndex = new Map(def.stages.map((s, i) => [s.id, i] as const));
    const from = new Map(def.findings.map((x) => [x.id, x.from === undefined ? 0 : (stageIndex.get(x.from) ?? 0)] as const));
    const total = def.scoring.keyFindings.reduce((s, k) => s + k.weight, 0) || 1;
    const existsBy = def.stages.map(
      (_, stage) => def.scoring.keyFindings.reduce((s, k) => s + ((from.get(k.finding) ?? 0) <= stage ? k.weight : 0), 0) / total,
    );
    const uniform = listIds.map((id) => ({ diagnosis: id, probability: 100 / listIds.length }));
    f = { listIds, shares, stageIndex, existsBy, reference: brierScore(listIds, uniform, shares) };
    frames.set(def, f);
  }
  return f;
}

export function calibrationPoints(def: CaseDefinition, trace: readonly TraceEntry[], finished: boolean): CalibrationPoint[] {
  const { listIds, shares, stageIndex, existsBy: exists, reference } = calibrationFrame(def);
  const existsBy = (stage: number) => exists[stage] ?? 1;
  const left: { stage: string; day: number; differential: DifferentialEntry[] }[] = [];
  let working: Commit | null = null;
  let current: { stage: string; day: number } | null = null;
  for (const e of trace) {
    if (e.kind === 'stage') {
      if (current && working) left.push({ ...current, differential: working.differential });
      current = { stage: e.stage, day: e.day };
    }
    if (e.kind === 'commit') working = e;
    if (e.kind === 'finish' && current && working) {
      left.push({ ...current, differential: working.differential });
      current = null;
    }
  }
  if (!finished && current && working) left.push({ ...current, differential: working.differential });
  const raw = left.map((l) => ({ ...l, w: Math.max(existsBy(stageIndex.get(l.stage) ?? 0), 1e-6) }));
  const wsum = raw.reduce((s, r) => s + r.w, 0);
  return raw.map((r) => {
    const brier = brierScore(listIds, r.differential, shares);
    const givenToAnswer = r.differential.reduce((s, d) => s + (shares.has(d.diagnosis) ? d.probability / 100 : 0), 0);
    return { stage: r.stage, day: r.day, differential: r.differential, givenToAnswer, brier, skill: clamp01(1 - brier / reference), weight: r.w / wsum };
  });
}

/**
 * Calibration: the weighted mean Brier skill score of the committed differentials against the
 * answer. The Brier score over the whole differential is strictly proper: stating your true belief
 * is the only way to maximise its expectation, and probability put on a half-right entry counts as
 * probability off the answer.
 */
export function scoreCalibration(def: CaseDefinition, points: readonly CalibrationPoint[]): Part {
  if (points.length === 0) return { fraction: 0, reasons: [{ effect: 'lost', text: 'No differential was committed, so there is nothing to calibrate.' }] };
  const when = (p: CalibrationPoint) => `${def.clock.short} ${p.day}`;
  const fraction = points.reduce((s, p) => s + p.skill * p.weight, 0);
  const reasons: ScoreReason[] = points.map((p) => ({
    effect: p.skill >= 0.8 ? 'earned' : 'lost',
    text: `${when(p)}: you gave the answer ${pct(p.givenToAnswer)} (Brier ${p.brier.toFixed(3)}, skill ${pct(p.skill)}, weight ${pct(p.weight)}).`,
  }));
  return { fraction, reasons };
}

/** Problem representation: the share of the expert's qualifiers the first summary names. */
export function scoreSummary(key: ScoringKey, summary: string | null): Part & { found: string[]; missing: string[] } {
  const qs = key.problemRepresentation.qualifiers;
  if (summary === null) return { fraction: 0, found: [], missing: qs.map((q) => q.id), reasons: [{ effect: 'lost', text: 'No summary was written.' }] };
  if (summary === LEGACY_SUMMARY)
    return {
      fraction: 0,
      found: [],
      missing: qs.map((q) => q.id),
      reasons: [{ effect: 'lost', text: 'This attempt was made before the course asked for a summary, so this dimension earns nothing.' }],
    };
  const { found, missing } = matchQualifiers(summary, qs);
  const reasons: ScoreReason[] = [
    ...found.map((f): ScoreReason => ({ effect: 'earned', text: `Your summary says ${f.qualifier.label} ("${f.matched}").` })),
    ...missing.map((q): ScoreReason => ({ effect: 'lost', text: `Your summary does not say ${q.label}.` })),
  ];
  return { fraction: found.length / qs.length, found: found.map((f) => f.qualifier.id), missing: missing.map((q) => q.id), reasons };
}

/** Recognisable errors: the documented misdiagnosis, anchoring, premature closure, critical errors, overtreatment. */
export function detectFlags(
  def: CaseDefinition,
  trace: readonly TraceEntry[],
  finished: boolean,
  keyFindingFraction: number,
  penaltyTotal: number,
): ScoreFlag[] {
  const key = def.scoring;
  const label = labeller(def);
  const flags: ScoreFlag[] = [];
  const orders = new Set(trace.flatMap((e) => (e.kind === 'order' ? [e.action] : [])));
  for (const s of key.stewardship) {
    if (s.critical && orders.has(s.action))
      flags.push({
        id: 'critical-error',
        message: `Critical error: ${label(s.action)}. ${s.reason} The total is capped at ${CRITICAL_ERROR_CAP}.`,
        evidence: s.evidence,
      });
  }
  if (penaltyTotal > 1)
    flags.push({
      id: 'overtreatment',
      message:
        `Your low-value and harmful actions cost ${pct(penaltyTotal)} of the stewardship dimension, more than all of it: ` +
        `the total is capped at ${OVERTREATMENT_CAP}.`,
    });
  const finalIdx = finalCommitIndex(trace);
  if (finalIdx < 0) return flags;
  const final = trace[finalIdx] as Commit;
  const wrong = creditOf(def, final.differential) < 1;

  const mis = key.documentedMisdiagnosis;
  if (mis && commitsOf(trace).some((c) => c.diagnosis === mis.diagnosis)) {
    const kept = final.diagnosis === mis.diagnosis;
    flags.push({
      id: 'documented-misdiagnosis',
      message:
        `${kept ? 'Your final working diagnosis is' : 'At one point you led with'} ${label(mis.diagnosis)}, the diagnosis ` +
        `the treating team made first and later abandoned${kept ? '' : ' (you revised it, as they did)'}: ${mis.feedback}`,
      evidence: mis.evidence,
    });
  }
  if (wrong) {
    // When did the learner first lead with the diagnosis they ended with, in its last unbroken run?
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
        message:
          `You kept ${label(final.diagnosis)} after evidence against it came in ` +
          `(${contradicting.map(label).join('; ')}). ${against.map((c) => c.explanation).join(' ')}`,
      });
    }
  }
  if (finished && keyFindingFraction < 0.5) {
    flags.push({
      id: 'premature-closure',
      message:
        `You closed the case with ${pct(keyFindingFraction)} of the discriminating findings in hand: gather the evidence ` +
        `that separates the candidates before committing.`,
    });
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
  const seenAtFinal = finalIdx >= 0 ? revealedBy(trace, finalIdx) : new Set<string>();
  const shareAtFinal = keyFindingShare(key, seenAtFinal);
  const stewardship = scoreStewardship(def, trace, label);
  const firstSummary = commits.find((c) => c.summary !== undefined)?.summary ?? null;

  const parts: Record<Dimension, Part> = {
    diagnosis: scoreDiagnosis(def, final, shareAtFinal),
    keyFindings: scoreKeyFindings(key, seenAtFinal, label),
    stewardship,
    revision: scoreRevision(def, commits, shareAtFinal, (n) => `${def.clock.short} ${n}`),
    calibration: scoreCalibration(def, calibrationPoints(def, trace, finished)),
    summary: scoreSummary(key, firstSummary),
  };
  const dims = Object.keys(parts) as Dimension[];
  const dimensions = Object.fromEntries(
    dims.map((d) => {
      const max = key.weights[d];
      return [d, { dimension: d, fraction: parts[d].fraction, points: round1(parts[d].fraction * max), max, reasons: parts[d].reasons }];
    }),
  ) as Record<Dimension, DimensionScore>;
  // No clamp here: every fraction is within 0 to 1 and the weights add up to 100, so a total outside
  // 0 to 100 would be a bug the model-based tests must see, not one to hide.
  const uncapped = round1(dims.reduce((s, d) => s + parts[d].fraction * key.weights[d], 0));
  const flags = detectFlags(def, trace, finished, parts.keyFindings.fraction, stewardship.penaltyTotal);
  const caps: ScoreCap[] = [];
  if (flags.some((f) => f.id === 'critical-error'))
    caps.push({ flag: 'critical-error', limit: CRITICAL_ERROR_CAP, reason: 'a harmful treatment the sources name was given' });
  if (flags.some((f) => f.id === 'overtreatment'))
    caps.push({ flag: 'overtreatment', limit: OVERTREATMENT_CAP, reason: 'low-value and harmful actions cost more than the whole stewardship dimension' });
  const cap = caps.sort((a, b) => a.limit - b.limit)[0] ?? null;
  return { total: cap ? Math.min(uncapped, cap.limit) : uncapped, uncapped, cap, dimensions, flags };
}

/** The credit of a diagnosis led alone (a differential of that one entry at 100%), for tables that know only the lead. */
export function creditOfLead(def: CaseDefinition, id: string): number {
  return creditOf(def, [{ diagnosis: id, probability: 100 }]);
}

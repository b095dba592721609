import type { CaseDefinition } from '../schemas/case';
import type { SourceRef } from '../schemas/provenance';
import { replayTeamPath } from './team-path';
import type { TraceEntry } from '../engine/machine';
import {
  calibrationPoints,
  commitsOf,
  CRITICAL_ERROR_CAP,
  diagnosisVerdict,
  evidenceFactor,
  finalCommitIndex,
  FULL_EVIDENCE_SHARE,
  keyFindingShare,
  revealedBy,
  scoreAttempt,
  scoreSummary,
  type CalibrationPoint,
  type DiagnosisVerdict,
  type Score,
} from './score';
import { describeDifferential, describeTrace, labeller, type PathStep } from './describe';

export { describeTrace, describeDifferential, type PathStep };

export interface KeyFindingReview {
  id: string;
  label: string;
  why: string;
  /** Whether the learner had it before the final diagnosis. */
  seen: boolean;
}

/** Calibration for the debrief's words and small chart: one point per scored commitment. */
export interface CalibrationReview {
  /** Per commitment: when, what was given to the answer, and the score. */
  points: (CalibrationPoint & { when: string; summary: string })[];
  /** The dimension's fraction, 0 to 1. */
  fraction: number;
  /** The calibration in words. */
  words: string;
}

/** The evidence gate on the final diagnosis, for the debrief. */
export interface EvidenceGateReview {
  /** The share of key-finding weight in hand at the final commitment, 0 to 1. */
  shareInHand: number;
  /** The part of the diagnosis credit kept, 0.25 to 1. */
  factor: number;
  /** The rule in words. */
  rule: string;
}

/** The learner's summary beside the expert's. */
export interface SummaryReview {
  learner: string | null;
  expert: string;
  evidence: SourceRef;
  found: { id: string; label: string }[];
  missing: { id: string; label: string }[];
}

/** A critical error, with why and the source. */
export interface CriticalErrorReview {
  action: string;
  label: string;
  reason: string;
  evidence: SourceRef;
  cap: number;
}

export interface Debrief {
  finished: boolean;
  /** The final differential's verdict, with the leading diagnosis's label. */
  finalDiagnosis: (DiagnosisVerdict & { label: string; differential: string }) | null;
  /** The answer the source documents, with the feedback for the whole answer. */
  answer: { labels: string[]; feedback: string; evidence?: SourceRef };
  /** True when the learner at some point led with the diagnosis the treating team first (wrongly) made. */
  madeTeamsFirstCall: boolean;
  /** The team's documented misdiagnosis feedback, shown when the learner made the same call. */
  teamsFirstCall?: { label: string; feedback: string; evidence: SourceRef };
  score: Score;
  calibration: CalibrationReview;
  evidenceGate: EvidenceGateReview;
  summary: SummaryReview;
  criticalErrors: CriticalErrorReview[];
  learnerPath: PathStep[];
  teamPath: PathStep[];
  keyFindings: KeyFindingReview[];
  teachingPoints: CaseDefinition['teachingPoints'];
}

const pct = (n: number) => `${Math.round(n * 100)}%`;

/** The calibration in plain words, from its points. */
export function calibrationInWords(points: readonly CalibrationPoint[], fraction: number): string {
  if (points.length === 0) return 'You committed no differential, so there is no calibration to report.';
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const trend =
    points.length > 1
      ? ` You gave the answer ${pct(first.givenToAnswer)} at first and ${pct(last.givenToAnswer)} at the end.`
      : ` You gave the answer ${pct(last.givenToAnswer)}.`;
  const verdict =
    fraction >= 0.9
      ? 'Your stated probabilities matched the outcome closely.'
      : fraction >= 0.6
        ? 'Your probabilities leaned the right way but left room for doubt, or spread some weight onto wrong or half-right entries.'
        : 'Your probabilities were far from the outcome: much of your weight sat on diagnoses the source does not support.';
  return (
    `${verdict}${trend} Calibration is scored with the Brier score over your whole differential, so the best strategy is ` +
    `always to state what you actually believe.`
  );
}

/** The debrief of an attempt: score, calibration, evidence gate, summary, both paths, key findings, teaching points. */
export function buildDebrief(def: CaseDefinition, trace: readonly TraceEntry[], finished: boolean): Debrief {
  const label = labeller(def);
  const key = def.scoring;
  const score = scoreAttempt(def, trace, finished);
  const finalIdx = finalCommitIndex(trace);
  const final = finalIdx >= 0 ? (trace[finalIdx] as Extract<TraceEntry, { kind: 'commit' }>) : null;
  const seen = finalIdx >= 0 ? revealedBy(trace, finalIdx) : new Set<string>();
  const share = keyFindingShare(key, seen);
  const mis = key.documentedMisdiagnosis;
  const madeTeamsFirstCall = !!mis && trace.some((e) => e.kind === 'commit' && e.diagnosis === mis.diagnosis);

  const team = replayTeamPath(def);
  // Every event adds exactly one trace entry after the opening stage entry, so entry i + 1 is step i.
  const teamSteps = describeTrace(def, team.context.trace).slice(1);
  const teamPath = def.teamPath.map((step, i) => ({ ...teamSteps[i]!, note: step.note, evidence: step.evidence }));

  const points = calibrationPoints(def, trace, finished);
  const calFraction = score.dimensions.calibration.fraction;
  const firstSummary = commitsOf(trace).find((c) => c.summary !== undefined)?.summary ?? null;
  const summary = scoreSummary(key, firstSummary);
  const qLabel = new Map(key.problemRepresentation.qualifiers.map((q) => [q.id, q.label] as const));
  const orders = new Set(trace.flatMap((e) => (e.kind === 'order' ? [e.action] : [])));
  const whole = key.combined ?? key.answer[0]!;

  return {
    finished,
    finalDiagnosis: final
      ? { ...diagnosisVerdict(def, final.differential), label: label(final.diagnosis), differential: describeDifferential(def, final.differential) }
      : null,
    answer: { labels: key.answer.map((a) => label(a.diagnosis)), feedback: whole.feedback, evidence: whole.evidence },
    madeTeamsFirstCall,
    teamsFirstCall: mis && madeTeamsFirstCall ? { label: label(mis.diagnosis), feedback: mis.feedback, evidence: mis.evidence } : undefined,
    score,
    calibration: {
      points: points.map((p) => ({ ...p, when: `${def.clock.short} ${p.day}`, summary: describeDifferential(def, p.differential) })),
      fraction: calFraction,
      words: calibrationInWords(points, calFraction),
    },
    evidenceGate: {
      shareInHand: share,
      factor: evidenceFactor(share),
      rule:
        `A final diagnosis keeps 25% of its credit with no discriminating finding in hand, rising in a straight line to all ` +
        `of it at ${pct(FULL_EVIDENCE_SHARE)} of the key-finding weight.`,
    },
    summary: {
      learner: firstSummary,
      expert: key.problemRepresentation.expertSummary,
      evidence: key.problemRepresentation.evidence,
      found: summary.found.map((id) => ({ id, label: qLabel.get(id) ?? id })),
      missing: summary.missing.map((id) => ({ id, label: qLabel.get(id) ?? id })),
    },
    criticalErrors: key.stewardship
      .filter((s) => s.critical && orders.has(s.action))
      .map((s) => ({ action: s.action, label: label(s.action), reason: s.reason, evidence: s.evidence, cap: CRITICAL_ERROR_CAP })),
    learnerPath: describeTrace(def, trace),
    teamPath,
    keyFindings: key.keyFindings.map((k) => ({ id: k.finding, label: label(k.finding), why: k.why, seen: seen.has(k.finding) })),
    teachingPoints: def.teachingPoints,
  };
}

import type { CaseDefinition } from '../schemas/case';
import type { SourceRef } from '../schemas/provenance';
import { replay } from '../engine/attempt';
import type { TraceEntry } from '../engine/machine';
import { creditOf, finalCommitIndex, revealedBy, scoreAttempt, type Score } from './score';
import { describeTrace, labeller, type PathStep } from './describe';

export { describeTrace, type PathStep };

export interface KeyFindingReview {
  id: string;
  label: string;
  why: string;
  /** Whether the learner had it before the final diagnosis. */
  seen: boolean;
}

export interface Debrief {
  finished: boolean;
  finalDiagnosis: { id: string; label: string; credit: number; feedback: string; evidence: SourceRef } | null;
  /** True when the learner at some point held the diagnosis the treating team first (wrongly) made. */
  madeTeamsFirstCall: boolean;
  /** The team's documented misdiagnosis feedback, shown when the learner made the same call. */
  teamsFirstCall?: { label: string; feedback: string; evidence: SourceRef };
  score: Score;
  learnerPath: PathStep[];
  teamPath: PathStep[];
  keyFindings: KeyFindingReview[];
  teachingPoints: CaseDefinition['teachingPoints'];
}

/** The debrief of an attempt: score, both paths, key findings, teaching points. */
export function buildDebrief(def: CaseDefinition, trace: readonly TraceEntry[], finished: boolean): Debrief {
  const label = labeller(def);
  const score = scoreAttempt(def, trace, finished);
  const finalIdx = finalCommitIndex(trace);
  const finalId = finalIdx >= 0 ? (trace[finalIdx] as Extract<TraceEntry, { kind: 'commit' }>).diagnosis : null;
  const row = finalId ? def.scoring.credits.find((c) => c.diagnosis === finalId) : undefined;
  const seen = finalIdx >= 0 ? revealedBy(trace, finalIdx) : new Set<string>();
  const mis = def.scoring.documentedMisdiagnosis;
  const madeTeamsFirstCall = !!mis && trace.some((e) => e.kind === 'commit' && e.diagnosis === mis.diagnosis);

  const team = replay(def, def.teamPath.map((s) => s.event));
  // Every event adds exactly one trace entry after the opening stage entry, so entry i + 1 is step i.
  const teamSteps = describeTrace(def, team.context.trace).slice(1);
  const teamPath = def.teamPath.map((step, i) => ({ ...teamSteps[i]!, note: step.note, evidence: step.evidence }));

  return {
    finished,
    finalDiagnosis: finalId && row ? { id: finalId, label: label(finalId), credit: creditOf(def.scoring, finalId), feedback: row.feedback, evidence: row.evidence } : null,
    madeTeamsFirstCall,
    teamsFirstCall: mis && madeTeamsFirstCall ? { label: label(mis.diagnosis), feedback: mis.feedback, evidence: mis.evidence } : undefined,
    score,
    learnerPath: describeTrace(def, trace),
    teamPath,
    keyFindings: def.scoring.keyFindings.map((k) => ({ id: k.finding, label: label(k.finding), why: k.why, seen: seen.has(k.finding) })),
    teachingPoints: def.teachingPoints,
  };
}

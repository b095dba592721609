import type { CaseDefinition, Dimension } from '../schemas/case';
import { DIMENSIONS } from '../schemas/kinds';
import type { SourceRef } from '../schemas/provenance';
import { replay } from '../engine/attempt';
import type { PlayEvent } from '../schemas/events';
import { describeTrace, type PathStep } from '../scoring/debrief';
import { attemptReport, type AttemptReport } from '../scoring/report';
import { labeller } from '../scoring/score';

/**
 * The answer key of a case in the words the instructor page shows: every id resolved to its label,
 * rows sorted the way a teacher reads them (full credit first, the heaviest key finding first).
 * Pure; build time only.
 */

export interface AnswerKeyView {
  weights: { dimension: Dimension; points: number }[];
  credits: { diagnosis: string; label: string; credit: number; feedback: string; evidence: SourceRef; documentedMisdiagnosis: boolean }[];
  documentedMisdiagnosis: { label: string; feedback: string; evidence: SourceRef } | null;
  keyFindings: { finding: string; label: string; weight: number; share: number; why: string }[];
  stewardship: { action: string; label: string; severity: 'harmful' | 'low-value'; penalty: number; reason: string; evidence: SourceRef }[];
  contradictions: { diagnosis: string; label: string; findings: { id: string; label: string }[]; explanation: string }[];
}

export function answerKey(def: CaseDefinition): AnswerKeyView {
  const label = labeller(def);
  const key = def.scoring;
  const mis = key.documentedMisdiagnosis;
  const totalWeight = key.keyFindings.reduce((s, k) => s + k.weight, 0);
  return {
    weights: DIMENSIONS.map((d) => ({ dimension: d, points: key.weights[d] })),
    // The answer first (for an answer of several processes: all of them together, then each alone,
    // which earns its share), then the credited positions; other list entries get generated feedback.
    credits: [
      ...(key.combined
        ? [
            {
              diagnosis: key.answer.map((a) => a.diagnosis).join('+'),
              label: key.answer.map((a) => label(a.diagnosis)).join(' with '),
              credit: 1,
              feedback: key.combined.feedback,
              evidence: key.combined.evidence,
            },
          ]
        : []),
      ...key.answer.map((a) => ({
        diagnosis: a.diagnosis,
        label: label(a.diagnosis),
        credit: key.combined ? a.share : 1,
        feedback: a.feedback,
        evidence: a.evidence,
      })),
      ...key.credits.map((c) => ({ diagnosis: c.diagnosis, label: label(c.diagnosis), credit: c.credit, feedback: c.feedback, evidence: c.evidence })),
    ]
      .sort((a, b) => b.credit - a.credit || a.label.localeCompare(b.label))
      .map((c) => ({ ...c, documentedMisdiagnosis: mis?.diagnosis === c.diagnosis })),
    documentedMisdiagnosis: mis ? { label: label(mis.diagnosis), feedback: mis.feedback, evidence: mis.evidence } : null,
    keyFindings: [...key.keyFindings]
      .sort((a, b) => b.weight - a.weight)
      .map((k) => ({ finding: k.finding, label: label(k.finding), weight: k.weight, share: totalWeight ? k.weight / totalWeight : 0, why: k.why })),
    stewardship: [...key.stewardship]
      .sort((a, b) => b.penalty - a.penalty)
      .map((s) => ({ action: s.action, label: label(s.action), severity: s.severity, penalty: s.penalty, reason: s.reason, evidence: s.evidence })),
    contradictions: key.contradictions.map((c) => ({
      diagnosis: c.diagnosis,
      label: label(c.diagnosis),
      findings: c.findings.map((f) => ({ id: f, label: label(f) })),
      explanation: c.explanation,
    })),
  };
}

/** A path (the team's or the best) as readable steps with its notes, and its score. */
export function pathWithScore(
  def: CaseDefinition,
  steps: readonly { event: PlayEvent; note?: string | undefined }[],
): { steps: (PathStep & { note?: string })[]; report: AttemptReport } {
  const events = steps.map((s) => s.event);
  const described = describeTrace(def, replay(def, events).context.trace).slice(1);
  return {
    // Every event adds exactly one trace entry after the opening stage entry, so entry i + 1 is step i.
    steps: steps.map((s, i) => ({ ...described[i]!, ...(s.note ? { note: s.note } : {}) })),
    report: attemptReport(def, events),
  };
}

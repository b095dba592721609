import type { CaseDefinition } from '../schemas/case';

/**
 * What replaying and scoring need of a case, and nothing more: the class results page ships every
 * case, so the presentations, result texts, quotes, charts, teaching points and the answer key's
 * explanations are left out (the ids, labels, weights and credits that scoring reads stay).
 */
export function replayableCase(def: CaseDefinition): CaseDefinition {
  return {
    ...def,
    summary: '',
    patient: { ...def.patient, oneLiner: '', evidence: { source: def.patient.evidence.source } },
    stages: def.stages.map((s) => ({ ...s, presentation: '' })),
    findings: def.findings.map((f) => ({
      id: f.id,
      label: f.label,
      ...(f.from ? { from: f.from } : {}),
      report: '-',
      evidence: { source: f.evidence.source },
    })),
    actions: def.actions.map((a) => ({
      id: a.id,
      kind: a.kind,
      label: a.label,
      ...(a.from ? { from: a.from } : {}),
      ...(a.until ? { until: a.until } : {}),
      reveals: a.reveals,
      ...(a.notReported ? { notReported: '-' } : {}),
    })),
    // The scoring texts feed the debrief's reasons, which this page does not show; the numbers stay.
    scoring: {
      ...def.scoring,
      answer: def.scoring.answer.map((a) => ({ ...a, feedback: '-', evidence: { source: a.evidence.source } })),
      ...(def.scoring.combined ? { combined: { feedback: '-', evidence: { source: def.scoring.combined.evidence.source } } } : {}),
      credits: def.scoring.credits.map((c) => ({ ...c, feedback: '-', evidence: { source: c.evidence.source } })),
      problemRepresentation: {
        ...def.scoring.problemRepresentation,
        expertSummary: '-',
        evidence: { source: def.scoring.problemRepresentation.evidence.source },
      },
      ...(def.scoring.documentedMisdiagnosis
        ? {
            documentedMisdiagnosis: {
              diagnosis: def.scoring.documentedMisdiagnosis.diagnosis,
              feedback: '-',
              evidence: { source: def.scoring.documentedMisdiagnosis.evidence.source },
            },
          }
        : {}),
      keyFindings: def.scoring.keyFindings.map((k) => ({ ...k, why: '-' })),
      stewardship: def.scoring.stewardship.map((x) => ({ ...x, reason: '-', evidence: { source: x.evidence.source } })),
      contradictions: def.scoring.contradictions.map((c) => ({ ...c, explanation: '-' })),
    },
    diagnoses: def.diagnoses.map((d) => ({ id: d.id, label: d.label, synonyms: [], definition: '-' })),
    teamPath: def.teamPath.map((s) => ({ event: s.event, note: '-' })),
    teachingPoints: [],
    charts: [],
    tables: [],
    labUnits: {},
  };
}

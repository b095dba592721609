import type { CaseData } from '../schemas/case';
import { unknownIdMessage, type ContentProblem } from '../schemas/content-errors';

/**
 * Cross-reference checks a schema cannot express: every id a case mentions must exist, stage
 * windows must be in order, and the documented team path must be playable.
 * Returns problems rather than throwing, so that an author sees them all at once.
 */
export function checkCaseReferences(file: string, data: CaseData, sourceIds: ReadonlySet<string>, listIds: ReadonlySet<string> = new Set()): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ file, field, message });

  const stageIndex = new Map<string, number>();
  const findingIds = new Set<string>();
  const actionIds = new Set<string>();
  const diagnosisIds = listIds;

  const unique = (ids: Set<string> | Map<string, number>, id: string, field: string, what: string) => {
    if (ids.has(id)) problem(field, `duplicate ${what} id "${id}"`);
  };
  data.stages.forEach((s, i) => {
    unique(stageIndex, s.id, `stages[${i}].id`, 'stage');
    stageIndex.set(s.id, i);
    if (i > 0 && s.day < data.stages[i - 1]!.day)
      problem(`stages[${i}].day`, `day ${s.day} comes before the previous stage's day ${data.stages[i - 1]!.day}; stages must be in clock order`);
  });
  data.findings.forEach((f, i) => {
    unique(findingIds, f.id, `findings[${i}].id`, 'finding');
    findingIds.add(f.id);
  });
  data.actions.forEach((a, i) => {
    unique(actionIds, a.id, `actions[${i}].id`, 'action');
    actionIds.add(a.id);
  });

  const known = (set: { has(id: string): boolean }, id: string, field: string, what: string, list: string) => {
    if (!set.has(id)) problem(field, unknownIdMessage(what, id, list === '(none)' ? [] : list.split(', ')));
  };
  const listOf = (ids: Iterable<string>) => [...ids].join(', ');
  const stages = listOf(stageIndex.keys());
  const findings = listOf(findingIds);
  const actions = listOf(actionIds);
  const diagnoses = listOf(diagnosisIds);
  const stage = (id: string, field: string) => known(stageIndex, id, field, 'stage', stages);
  const finding = (id: string, field: string) => known(findingIds, id, field, 'finding', findings);
  const action = (id: string, field: string) => known(actionIds, id, field, 'action', actions);
  const diagnosis = (id: string, field: string) => known(diagnosisIds, id, field, 'diagnosis (content/diagnoses.yaml)', diagnoses);
  const source = (id: string, field: string) => known(sourceIds, id, field, 'source', listOf(sourceIds) || '(none)');

  source(data.source, 'source');
  source(data.patient.evidence.source, 'patient.evidence.source');

  data.stages.forEach((s, i) => {
    s.presents.forEach((f, j) => finding(f, `stages[${i}].presents[${j}]`));
    s.presentsIf.forEach((c, j) => {
      action(c.after, `stages[${i}].presentsIf[${j}].after`);
      c.presents.forEach((f, k) => finding(f, `stages[${i}].presentsIf[${j}].presents[${k}]`));
    });
  });
  data.findings.forEach((f, i) => {
    if (f.from !== undefined) stage(f.from, `findings[${i}].from`);
    source(f.evidence.source, `findings[${i}].evidence.source`);
  });
  data.actions.forEach((a, i) => {
    if (a.from !== undefined) stage(a.from, `actions[${i}].from`);
    if (a.until !== undefined) stage(a.until, `actions[${i}].until`);
    const from = a.from === undefined ? 0 : stageIndex.get(a.from);
    const until = a.until === undefined ? data.stages.length - 1 : stageIndex.get(a.until);
    if (from !== undefined && until !== undefined && until < from) problem(`actions[${i}].until`, `stage "${a.until}" comes before \`from\` stage "${a.from}"`);
    a.reveals.forEach((f, j) => finding(f, `actions[${i}].reveals[${j}]`));
    if (a.consequence) source(a.consequence.evidence.source, `actions[${i}].consequence.evidence.source`);
  });

  const key = data.scoring;
  const credited = new Set<string>();
  key.answer.forEach((a, i) => {
    diagnosis(a.diagnosis, `scoring.answer[${i}].diagnosis`);
    if (credited.has(a.diagnosis)) problem(`scoring.answer[${i}].diagnosis`, `diagnosis "${a.diagnosis}" is in the answer twice`);
    credited.add(a.diagnosis);
    source(a.evidence.source, `scoring.answer[${i}].evidence.source`);
  });
  key.credits.forEach((c, i) => {
    diagnosis(c.diagnosis, `scoring.credits[${i}].diagnosis`);
    if (credited.has(c.diagnosis)) problem(`scoring.credits[${i}].diagnosis`, `diagnosis "${c.diagnosis}" already has a row in the answer or the credit table`);
    credited.add(c.diagnosis);
    source(c.evidence.source, `scoring.credits[${i}].evidence.source`);
  });
  Object.entries(data.legacyDiagnoses).forEach(([old, ids]) => {
    (Array.isArray(ids) ? ids : [ids]).forEach((id, j) => diagnosis(id, `legacyDiagnoses.${old}${Array.isArray(ids) ? `[${j}]` : ''}`));
  });
  source(key.problemRepresentation.evidence.source, 'scoring.problemRepresentation.evidence.source');
  const qualifierIds = new Set<string>();
  key.problemRepresentation.qualifiers.forEach((q, i) => {
    unique(qualifierIds, q.id, `scoring.problemRepresentation.qualifiers[${i}].id`, 'qualifier');
    qualifierIds.add(q.id);
  });
  if (key.documentedMisdiagnosis) {
    diagnosis(key.documentedMisdiagnosis.diagnosis, 'scoring.documentedMisdiagnosis.diagnosis');
    source(key.documentedMisdiagnosis.evidence.source, 'scoring.documentedMisdiagnosis.evidence.source');
  }
  key.keyFindings.forEach((k, i) => finding(k.finding, `scoring.keyFindings[${i}].finding`));
  key.stewardship.forEach((s, i) => {
    action(s.action, `scoring.stewardship[${i}].action`);
    if (s.critical && data.actions.find((a) => a.id === s.action)?.kind !== 'treatment')
      problem(`scoring.stewardship[${i}].critical`, `only a treatment can be a critical error; "${s.action}" is not one`);
    source(s.evidence.source, `scoring.stewardship[${i}].evidence.source`);
  });
  key.contradictions.forEach((c, i) => {
    diagnosis(c.diagnosis, `scoring.contradictions[${i}].diagnosis`);
    c.findings.forEach((f, j) => finding(f, `scoring.contradictions[${i}].findings[${j}]`));
  });
  data.teamPath.forEach((step, i) => {
    const e = step.event;
    if (e.type === 'ORDER') action(e.action, `teamPath[${i}].event.action`);
    if (e.type === 'COMMIT') e.differential.forEach((d, j) => diagnosis(d.diagnosis, `teamPath[${i}].event.differential[${j}].diagnosis`));
    if (step.evidence) source(step.evidence.source, `teamPath[${i}].evidence.source`);
  });
  data.teachingPoints.forEach((t, i) => source(t.evidence.source, `teachingPoints[${i}].evidence.source`));

  return problems;
}

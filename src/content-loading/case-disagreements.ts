import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseData } from '../schemas/case';
import type { ContentProblem } from '../schemas/content-errors';

/** Where in a case a text links to a point of disagreement: the field path and the disagreement id. */
export interface CaseDisagreementRef {
  field: string;
  disagreement: string;
}

/** Every `disagreement` reference in a case's answer key and teaching points, with its field path. */
export function caseDisagreementRefs(data: CaseData): CaseDisagreementRef[] {
  const refs: CaseDisagreementRef[] = [];
  const add = (field: string, id: string | undefined) => id && refs.push({ field, disagreement: id });
  const key = data.scoring;
  key.answer.forEach((a, i) => add(`scoring.answer[${i}].disagreement`, a.disagreement));
  add('scoring.combined.disagreement', key.combined?.disagreement);
  key.credits.forEach((c, i) => add(`scoring.credits[${i}].disagreement`, c.disagreement));
  key.keyFindings.forEach((k, i) => add(`scoring.keyFindings[${i}].disagreement`, k.disagreement));
  key.contradictions.forEach((c, i) => add(`scoring.contradictions[${i}].disagreement`, c.disagreement));
  data.teachingPoints.forEach((t, i) => add(`teachingPoints[${i}].disagreement`, t.disagreement));
  return refs;
}

/** The ids of the disagreements collection: the file names under `content/disagreements/`. */
export function disagreementIdsIn(contentDir: string): Set<string> {
  const dir = join(contentDir, 'disagreements');
  if (!existsSync(dir)) return new Set();
  return new Set(
    readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => f.replace(/\.ya?ml$/, '')),
  );
}

/** A problem for each reference to a disagreement the collection does not hold. */
export function checkCaseDisagreements(file: string, data: CaseData, ids: ReadonlySet<string>): ContentProblem[] {
  const known = [...ids].sort().join(', ') || '(none)';
  return caseDisagreementRefs(data)
    .filter((r) => !ids.has(r.disagreement))
    .map((r) => ({ file, field: r.field, message: `"${r.disagreement}" is not a disagreement in content/disagreements/ (known: ${known})` }));
}

import { describe, expect, it } from 'vitest';
import { attemptReport } from '../../src/scoring/report';
import { caseDisagreementRefs, checkCaseDisagreements, disagreementIdsIn } from '../../src/content-loading/case-disagreements';
import { scoringVersion } from '../../src/utils/case-version';
import type { CaseDefinition } from '../../src/schemas/case';
import { contentDir, course } from '../helpers/content';

const disagreementIds = disagreementIdsIn(contentDir);

/** A copy of a case with every editorial note on its findings and actions removed. */
function withoutEditorialNotes(def: CaseDefinition): CaseDefinition {
  const copy = structuredClone(def);
  for (const f of copy.findings) delete f.editorialNote;
  for (const a of copy.actions) delete a.editorialNote;
  return copy;
}

describe('contested points in the cases', () => {
  it('links every contested text in a case to a disagreement the collection holds', () => {
    const refs = course.cases.flatMap((c) => caseDisagreementRefs(c).map((r) => ({ slug: c.slug, ...r })));
    expect(refs.length, 'the revised cases link their contested feedback to the disagreements').toBeGreaterThan(0);
    const unknown = refs.filter((r) => !disagreementIds.has(r.disagreement));
    expect(unknown).toEqual([]);
  });

  it('reports a link to a disagreement that does not exist, naming the file and the field', () => {
    const def = structuredClone(course.cases[0]!);
    def.teachingPoints[0]!.disagreement = 'no-such-disagreement';
    const problems = checkCaseDisagreements('content/cases/x/case.yaml', def, disagreementIds);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'content/cases/x/case.yaml', field: 'teachingPoints[0].disagreement' });
    expect(problems[0]!.message).toMatch(/no-such-disagreement/);
  });
});

describe('editorial notes beside case data', () => {
  it('keeps editorial notes out of scoring: removing them changes neither the scoring version nor any score', () => {
    const withNotes = course.cases.filter((c) => c.findings.some((f) => f.editorialNote) || c.actions.some((a) => a.editorialNote));
    expect(withNotes.length).toBeGreaterThan(0);
    for (const def of withNotes) {
      const bare = withoutEditorialNotes(def);
      expect(scoringVersion(bare), def.slug).toBe(scoringVersion(def));
      const events = def.teamPath.map((s) => s.event);
      expect(attemptReport(bare, events).score.total, def.slug).toBe(attemptReport(def, events).score.total);
    }
  });

  it('marks the printed thiosulfate doses of the hip-ulcer case as probable misprints, beside the printed value', () => {
    const def = course.cases.find((c) => c.slug === 'hip-ulcer-cirrhosis')!;
    const doses = def.findings.filter((f) => /\b(25|12\.5) mg\b/.test(f.report ?? ''));
    expect(doses.length).toBeGreaterThan(0);
    for (const f of doses) expect(f.editorialNote?.text, f.id).toMatch(/misprint/);
  });
});

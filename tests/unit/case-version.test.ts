import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCourseContent } from '../../src/content-loading/load-content';
import { analyseClass } from '../../src/faculty/class-results';
import { attemptReport } from '../../src/scoring/report';
import { attemptKey, loadAttempt, newAttempt, saveAttempt } from '../../src/progress/saved-attempt';
import type { AttemptRecord } from '../../src/engine/attempt';
import type { CaseDefinition } from '../../src/schemas/case';
import { contentDir, projectRoot } from '../helpers/content';
import { MemoryStorage } from '../../src/progress/memory-storage';

const SLUG = 'liver-transplant-calcification';
const now = new Date('2026-11-22T10:00:00Z');
const best = JSON.parse(readFileSync(join(projectRoot, `tests/fixtures/attempts/${SLUG}/best.json`), 'utf8')).events as AttemptRecord['events'];

/** The case as loaded from a copy of the content folder, after `edit` changed its case.yaml text. */
function editedCase(edit: (yaml: string) => string): CaseDefinition {
  const dir = mkdtempSync(join(tmpdir(), 'calx-version-'));
  cpSync(contentDir, dir, { recursive: true });
  const file = join(dir, 'cases', SLUG, 'case.yaml');
  const before = readFileSync(file, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(file, after);
  return loadCourseContent(dir, projectRoot).cases.find((c) => c.slug === SLUG)!;
}

const original = editedCase((y) => `${y}\n`);
// Two words added to the first stage's presentation.
const proseEdit = editedCase((y) =>
  y.replace('Our patient received an orthotopic liver transplant', 'Our patient, a woman, received an orthotopic liver transplant'),
);
// An evidence quote edited (as a correction to the transcription would).
const quoteEdit = editedCase((y) => y.replace('"46-year-old woman with end-stage liver disease @', '"46-year-old woman with end-stage liver disease. @'));
// A credit changed in the answer key: the first partial credit of a diagnosis becomes 0.1.
const creditEdit = editedCase((y) => y.replace(/(\n\s+credit:) 0\n/, '$1 0.1\n'));

const finished = (def: CaseDefinition): AttemptRecord => {
  const report = attemptReport(def, best);
  return {
    ...newAttempt(def, new Date('2026-11-20T09:00:00Z')),
    events: best,
    updatedAt: '2026-11-20T09:30:00.000Z',
    result: { total: report.score.total, diagnosis: report.diagnosis!, diagnosisLabel: report.diagnosis!, finishedAt: '2026-11-20T09:30:00.000Z' },
  };
};
const inProgress = (def: CaseDefinition): AttemptRecord => ({ ...newAttempt(def, new Date('2026-11-20T09:00:00Z')), events: best.slice(0, 6) });

function resumeOn(record: AttemptRecord, def: CaseDefinition) {
  const storage = new MemoryStorage();
  saveAttempt(storage, record);
  const outcome = loadAttempt(storage, def, now);
  return { outcome, storage };
}

describe('case versions: scoring apart from wording', () => {
  it.each([
    ['a stage’s prose', proseEdit],
    ['an evidence quote', quoteEdit],
  ])('a wording change (%s) keeps the scoring version and changes only the text revision', (_name, edited) => {
    expect(edited.version).toBe(original.version);
    expect(edited.textRevision).not.toBe(original.textRevision);
  });

  it('a credit change is a new scoring version', () => {
    expect(creditEdit.version).not.toBe(original.version);
  });

  it.each([
    ['a stage’s prose', proseEdit],
    ['an evidence quote', quoteEdit],
  ])('after a wording change (%s) saved attempts resume as they were, in progress or finished, and exported files count', (_name, edited) => {
    for (const record of [inProgress(original), finished(original)]) {
      const { outcome } = resumeOn(record, edited);
      expect(outcome.kind).toBe('resumed');
      if (outcome.kind === 'resumed') expect(outcome.rescoredFrom).toBeUndefined();
    }
    const results = analyseClass([{ name: 'alice.json', text: JSON.stringify(finished(original)) }], [edited]);
    expect(results.rows[0]).toMatchObject({ counted: true, flags: [] });
  });

  it('after a scoring change saved attempts that still replay are kept and re-scored on the current version', () => {
    for (const record of [inProgress(original), finished(original)]) {
      const { outcome, storage } = resumeOn(record, creditEdit);
      expect(outcome.kind).toBe('resumed');
      if (outcome.kind !== 'resumed') continue;
      expect(outcome.rescoredFrom).toBe(original.version);
      expect(outcome.record.caseVersion).toBe(creditEdit.version);
      expect(outcome.record.events).toEqual(record.events);
      // Nothing was set aside or removed: the stored attempt is still there until the page saves the re-scored one.
      expect(storage.getItem(attemptKey(SLUG))).toBe(JSON.stringify(record));
    }
  });

  it('after a scoring change an exported file is re-scored by replay and flagged as made on another version', () => {
    const results = analyseClass([{ name: 'alice.json', text: JSON.stringify(finished(original)) }], [creditEdit]);
    const row = results.rows[0]!;
    expect(row.flags.map((f) => f.kind)).toContain('other-version');
    expect(row.score?.total).toBe(attemptReport(creditEdit, best).score.total);
  });

  it('after a scoring change an attempt whose events no longer apply is set aside with the reason, never lost', () => {
    const noLongerApplies = { ...inProgress(original), caseVersion: '0000000000000000', events: [{ type: 'ORDER' as const, action: 'a-retired-action' }] };
    const { outcome, storage } = resumeOn(noLongerApplies, creditEdit);
    expect(outcome.kind).toBe('set-aside');
    if (outcome.kind === 'set-aside') {
      expect(outcome.reason).toContain('changed in a way that affects scoring');
      expect(JSON.parse(storage.getItem(outcome.key)!).raw).toBe(JSON.stringify(noLongerApplies));
    }
  });
});

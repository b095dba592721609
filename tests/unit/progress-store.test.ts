import { describe, expect, it } from 'vitest';
import { emptyProgress, loadProgress, migrateProgress, PROGRESS_KEY, saveProgress, updateProgress, upsertQuizResult } from '../../src/progress/quiz-progress';
import { SET_ASIDE_PREFIX } from '../../src/progress/keys';
import { caseStatus, latestAnswers, objectiveCoverage, quizScores, reviewSummary } from '../../src/progress/summary';
import { reviewItem } from '../../src/quiz/schedule';
import { MemoryStorage } from '../../src/progress/memory-storage';
import { quizResult } from '../helpers/quiz-results';

const now = new Date('2026-11-22T10:00:00.000Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

describe('progress store', () => {
  it('starts empty when nothing was saved', () => {
    expect(loadProgress(new MemoryStorage(), now)).toEqual({ data: emptyProgress(), setAside: null });
  });

  it('reads back what was saved', () => {
    const storage = new MemoryStorage();
    const data = upsertQuizResult(emptyProgress(), quizResult());
    saveProgress(storage, data);
    expect(loadProgress(storage, now)).toEqual({ data, setAside: null });
  });

  it.each([
    ['damaged JSON', '{"format": "calx-prog', 'could not be read (the stored data is damaged)'],
    ['a value that is not ours', '[1,2,3]', 'it is not a Calx progress record'],
    [
      'a newer format',
      JSON.stringify({ ...emptyProgress(), version: 7 }),
      'it was saved by a newer version of Calx (progress format 7; this version reads up to 1)',
    ],
    [
      'a malformed quiz result',
      JSON.stringify({ ...emptyProgress(), quizResults: [{ ...quizResult(), mode: 'exam' }] }),
      'quiz result 1: `mode` must be one of practice, test, review, found "exam"',
    ],
    [
      'a malformed review card',
      JSON.stringify({ ...emptyProgress(), review: { x: { due: 'soon' } } }),
      'the review card of "x": `due` must be a date (ISO 8601), found "soon"',
    ],
  ])('sets aside %s with the reason, keeping the raw data, and starts empty', (_name, raw, reason) => {
    // Arrange
    const storage = new MemoryStorage();
    storage.setItem(PROGRESS_KEY, raw);
    // Act
    const loaded = loadProgress(storage, now);
    // Assert
    expect(loaded.data).toEqual(emptyProgress());
    expect(loaded.setAside!.reason).toContain(reason);
    expect(storage.getItem(PROGRESS_KEY)).toBeNull();
    expect(storage.keysStartingWith(SET_ASIDE_PREFIX)).toEqual([loaded.setAside!.key]);
    expect(JSON.parse(storage.getItem(loaded.setAside!.key!)!)).toEqual({ reason: loaded.setAside!.reason, setAsideAt: now.toISOString(), raw });
  });

  it('saves over a set-aside store without losing the set-aside copy', () => {
    const storage = new MemoryStorage();
    storage.setItem(PROGRESS_KEY, 'not json');
    const updated = updateProgress(storage, now, (d) => upsertQuizResult(d, quizResult()));
    expect(updated.setAside).not.toBeNull();
    expect(loadProgress(storage, now).data.quizResults).toHaveLength(1);
    expect(storage.keysStartingWith(SET_ASIDE_PREFIX)).toHaveLength(1);
  });

  it('replaces the saved result of the same sitting and keeps other sittings', () => {
    let data = upsertQuizResult(emptyProgress(), quizResult({ finishedAt: null }));
    data = upsertQuizResult(data, quizResult({ startedAt: at(60), updatedAt: at(61) }));
    data = upsertQuizResult(data, quizResult({ updatedAt: at(9) }));
    expect(data.quizResults.map((r) => [r.startedAt, r.updatedAt])).toEqual([
      [at(0), at(9)],
      [at(60), at(61)],
    ]);
  });
});

describe('migrations', () => {
  it('brings an older store up to the current version step by step', () => {
    // Arrange: a made-up version 1 without `review`, migrated to a version 2 that adds it.
    const old = { format: 'calx-progress', version: 1, quizResults: [] };
    const migrations = { 1: (v: Record<string, unknown>) => ({ ...v, review: {} }) };
    // Act
    const result = migrateProgress(old, migrations, 2);
    // Assert
    expect(result).toEqual({ value: { format: 'calx-progress', version: 2, quizResults: [], review: {} } });
  });

  it('refuses a version it has no migration for', () => {
    expect(migrateProgress({ format: 'calx-progress', version: 0 })).toEqual({
      problem: 'it uses progress format 0, which this version of Calx cannot convert',
    });
  });
});

describe('progress summary', () => {
  it('gives the best and the last score of each finished quiz, leaving out review sessions and unfinished sittings', () => {
    // Arrange
    const results = [
      quizResult({ startedAt: at(0), finishedAt: at(5) }), // 50%
      quizResult({ startedAt: at(10), finishedAt: at(15), answers: quizResult().answers.map((a) => ({ ...a, credit: 1 })) }), // 100%
      quizResult({ startedAt: at(20), finishedAt: at(25), answers: [] }), // 0%
      quizResult({ startedAt: at(30), finishedAt: null }),
      quizResult({ quiz: 'review', mode: 'review', startedAt: at(40) }),
    ];
    // Act
    const scores = quizScores(results);
    // Assert
    expect([...scores.keys()]).toEqual(['processes']);
    expect(scores.get('processes')).toMatchObject({ best: { percent: 100, at: at(15) }, last: { percent: 0, at: at(25) }, sittings: 3 });
  });

  it('covers an objective when every item answered for it was right on the latest try', () => {
    const latest = latestAnswers([
      quizResult(),
      quizResult({ startedAt: at(30), answers: [{ item: 'numeric-1', answer: { type: 'numeric', value: 95.4 }, credit: 1, at: at(31) }] }),
    ]);
    const coverage = objectiveCoverage(
      [
        { id: 'calc', text: 'Calculate', items: ['numeric-1', 'other'] },
        { id: 'dist', text: 'Distinguish', items: ['single-1', 'multiple-1'] },
        { id: 'none', text: 'Nothing yet', items: ['x'] },
      ],
      latest,
    );
    expect(coverage.map((c) => [c.id, c.status, c.answered, c.right, c.total])).toEqual([
      ['calc', 'covered', 1, 1, 2],
      ['dist', 'covered', 1, 1, 2],
      ['none', 'not-started', 0, 0, 1],
    ]);
    expect(objectiveCoverage([{ id: 'calc', text: '', items: ['numeric-1'] }], latestAnswers([quizResult()]))[0]!.status).toBe('practising');
  });

  it('counts the items due now and those scheduled later', () => {
    const review = { a: reviewItem(undefined, 0, now)!, b: reviewItem(undefined, 0.5, now)! };
    expect(reviewSummary(review, new Date(now.getTime() + 86_400_000))).toMatchObject({ due: ['a'], scheduled: 1 });
  });

  it.each([
    [null, { kind: 'not-started' }],
    ['{broken', { kind: 'unreadable' }],
    [JSON.stringify({ caseVersion: 'old', events: [] }), { kind: 'older-version' }],
    [JSON.stringify({ caseVersion: 'v1', events: [{ type: 'ORDER', action: 'pth' }], updatedAt: at(1) }), { kind: 'in-progress', steps: 1, updatedAt: at(1) }],
    [
      JSON.stringify({
        caseVersion: 'v1',
        events: [{ type: 'FINISH' }],
        updatedAt: at(2),
        result: { total: 97, diagnosis: 'x', diagnosisLabel: 'X', finishedAt: at(2) },
      }),
      { kind: 'finished', total: 97, finishedAt: at(2), diagnosisLabel: 'X' },
    ],
  ])('reads a case status from the saved attempt %s', (raw, status) => {
    expect(caseStatus(raw, 'v1')).toEqual(status);
  });
});

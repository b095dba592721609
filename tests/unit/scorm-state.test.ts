import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../../src/engine/attempt';
import { ATTEMPT_STORAGE_PREFIX, HISTORY_PREFIX, SET_ASIDE_PREFIX } from '../../src/progress/keys';
import { PROGRESS_KEY } from '../../src/progress/quiz-progress';
import { bestKey, moduleKeys, moduleStatus, QUIZ_PROGRESS_KEY, readSnapshot, restoreSnapshot, type PackageConfig } from '../../src/scorm/state';
import { MemoryStorage } from '../../src/progress/memory-storage';
import { quizResult } from '../helpers/quiz-results';

const config: Pick<PackageConfig, 'steps'> = {
  steps: [
    { kind: 'case', id: 'case-a', title: 'A', href: 'cases/case-a/index.html' },
    { kind: 'case', id: 'case-b', title: 'B', href: 'cases/case-b/index.html' },
    { kind: 'lesson', id: 'synthesis', title: 'S', href: 'lessons/synthesis/index.html' },
    { kind: 'quiz', id: 'processes', title: 'Q', href: 'quizzes/processes/index.html' },
  ],
};
const now = new Date('2026-11-22T12:00:00.000Z');

function attempt(slug: string, events: AttemptRecord['events'], over: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    format: 'calx-attempt',
    formatVersion: 1,
    case: slug,
    caseVersion: 'v1',
    events,
    startedAt: '2026-11-22T10:00:00.000Z',
    updatedAt: '2026-11-22T10:05:00.000Z',
    ...over,
  };
}
const finished = (slug: string, total: number, over: Partial<AttemptRecord> = {}) =>
  attempt(slug, [{ type: 'ORDER', action: 'x' }, { type: 'COMMIT', diagnosis: 'd', confidence: 0.8 }, { type: 'FINISH' }], {
    result: { total, diagnosis: 'd', diagnosisLabel: 'D', finishedAt: '2026-11-22T10:05:00.000Z' },
    ...over,
  });

describe('the module snapshot and status', () => {
  it('uses the quiz store key of src/progress', () => {
    expect(QUIZ_PROGRESS_KEY).toBe(PROGRESS_KEY);
  });

  it('reads nothing from an empty browser: nothing started, no score, not complete', () => {
    const snap = readSnapshot(new MemoryStorage(), config);
    expect(snap).toEqual({ attempts: {}, best: {}, quizzes: [] });
    const s = moduleStatus(config, snap, 70);
    expect(s).toMatchObject({ scored: 3, done: 0, raw: null, completed: false, passed: null });
    expect(s.steps.map((x) => x.state)).toEqual(['not-started', 'not-started', 'not-started', 'not-started']);
  });

  it('counts an unfinished step as 0 in the mean, and passes once every scored step is done at the pass mark', () => {
    const storage = new MemoryStorage();
    storage.setItem(`${ATTEMPT_STORAGE_PREFIX}case-a`, JSON.stringify(finished('case-a', 90)));
    storage.setItem(`${ATTEMPT_STORAGE_PREFIX}case-b`, JSON.stringify(attempt('case-b', [{ type: 'ORDER', action: 'x' }])));
    let s = moduleStatus(config, readSnapshot(storage, config), 70);
    expect(s.steps.map((x) => x.state)).toEqual(['done', 'in-progress', 'not-started', 'not-started']);
    expect(s).toMatchObject({ done: 1, raw: 30, completed: false, passed: null });

    storage.setItem(`${ATTEMPT_STORAGE_PREFIX}case-b`, JSON.stringify(finished('case-b', 60)));
    storage.setItem(PROGRESS_KEY, JSON.stringify({ format: 'calx-progress', version: 1, quizResults: [quizResult({ itemCount: 2 })], review: {} }));
    s = moduleStatus(config, readSnapshot(storage, config), 70);
    // The quiz sitting has one of two right: 50%. Mean (90 + 60 + 50) / 3.
    expect(s).toMatchObject({ done: 3, raw: 66.67, completed: true, passed: false });
    expect(moduleStatus(config, readSnapshot(storage, config), 66).passed).toBe(true);
  });

  it('keeps the best finished result of a case across "play again" (history) and earlier sessions', () => {
    const storage = new MemoryStorage();
    storage.setItem(`${HISTORY_PREFIX}case-a`, JSON.stringify([finished('case-a', 40), finished('case-a', 85)]));
    storage.setItem(`${ATTEMPT_STORAGE_PREFIX}case-a`, JSON.stringify(attempt('case-a', [{ type: 'ORDER', action: 'x' }])));
    const snap = readSnapshot(storage, config, { [bestKey('case', 'case-b')]: { total: 77, finishedAt: now.toISOString() } });
    expect(snap.best).toEqual({
      'case:case-a': { total: 85, finishedAt: '2026-11-22T10:05:00.000Z' },
      'case:case-b': { total: 77, finishedAt: now.toISOString() },
    });
    expect(
      moduleStatus(config, snap, 70)
        .steps.slice(0, 2)
        .map((x) => [x.state, x.score]),
    ).toEqual([
      ['done', 85],
      ['done', 77],
    ]);
  });

  it('keeps of each module quiz its latest sitting and its best finished one, and nothing of other quizzes', () => {
    const storage = new MemoryStorage();
    const best = quizResult({
      startedAt: '2026-11-20T10:00:00.000Z',
      updatedAt: '2026-11-20T10:05:00.000Z',
      answers: quizResult().answers.map((a) => ({ ...a, credit: 1 })),
    });
    const worse = quizResult({ startedAt: '2026-11-21T10:00:00.000Z', updatedAt: '2026-11-21T10:05:00.000Z' });
    const latest = quizResult({
      startedAt: '2026-11-22T10:00:00.000Z',
      updatedAt: '2026-11-22T10:01:00.000Z',
      finishedAt: null,
      answers: quizResult().answers.slice(0, 1),
    });
    const other = quizResult({ quiz: 'laboratory' });
    const review = quizResult({ quiz: 'processes', mode: 'review', startedAt: '2026-11-19T10:00:00.000Z', updatedAt: '2026-11-19T10:00:00.000Z' });
    storage.setItem(PROGRESS_KEY, JSON.stringify({ format: 'calx-progress', version: 1, quizResults: [review, best, worse, latest, other], review: {} }));
    const snap = readSnapshot(storage, config);
    expect(snap.quizzes).toEqual([best, latest]);
    expect(snap.best['quiz:processes']?.total).toBe(100);
  });

  it('ignores what it cannot read (the player and the quiz store set it aside themselves)', () => {
    const storage = new MemoryStorage();
    storage.setItem(`${ATTEMPT_STORAGE_PREFIX}case-a`, '{not json');
    storage.setItem(`${ATTEMPT_STORAGE_PREFIX}case-b`, JSON.stringify({ ...finished('case-b', 50), case: 'case-a' }));
    storage.setItem(PROGRESS_KEY, '"nothing"');
    expect(readSnapshot(storage, config)).toEqual({ attempts: {}, best: {}, quizzes: [] });
  });

  it('lists the keys that hold the module’s data', () => {
    expect(moduleKeys(config)).toEqual([
      `${ATTEMPT_STORAGE_PREFIX}case-a`,
      `${HISTORY_PREFIX}case-a`,
      `${ATTEMPT_STORAGE_PREFIX}case-b`,
      `${HISTORY_PREFIX}case-b`,
      PROGRESS_KEY,
    ]);
  });
});

describe('restoring the LMS copy into the browser', () => {
  const key = `${ATTEMPT_STORAGE_PREFIX}case-a`;
  const steps = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'ORDER' as const, action: `a${i}` }));

  it('writes attempts and quiz sittings into an empty browser, where the player and the quizzes read them', () => {
    const storage = new MemoryStorage();
    const q = quizResult();
    const written = restoreSnapshot(storage, { attempts: { 'case-a': attempt('case-a', steps(3)) }, best: {}, quizzes: [q] }, now);
    expect(written).toEqual([key, PROGRESS_KEY]);
    expect(JSON.parse(storage.getItem(key)!)).toEqual(attempt('case-a', steps(3)));
    expect(JSON.parse(storage.getItem(PROGRESS_KEY)!)).toEqual({ format: 'calx-progress', version: 1, quizResults: [q], review: {} });
  });

  it('keeps a local copy of the same attempt that is further along (the LMS never got its last steps)', () => {
    const storage = new MemoryStorage();
    storage.setItem(key, JSON.stringify(attempt('case-a', steps(5))));
    expect(restoreSnapshot(storage, { attempts: { 'case-a': attempt('case-a', steps(3)) }, best: {}, quizzes: [] }, now)).toEqual([]);
    expect(JSON.parse(storage.getItem(key)!).events).toHaveLength(5);
  });

  it('replaces a local copy of the same attempt that is behind', () => {
    const storage = new MemoryStorage();
    storage.setItem(key, JSON.stringify(attempt('case-a', steps(2))));
    restoreSnapshot(storage, { attempts: { 'case-a': attempt('case-a', steps(4)) }, best: {}, quizzes: [] }, now);
    expect(JSON.parse(storage.getItem(key)!).events).toHaveLength(4);
    expect(storage.keysStartingWith(SET_ASIDE_PREFIX)).toEqual([]);
  });

  it('a different attempt: the one changed last wins, and a replaced local one is set aside, never lost', () => {
    const storage = new MemoryStorage();
    const local = attempt('case-a', steps(2), { startedAt: '2026-11-21T09:00:00.000Z', updatedAt: '2026-11-21T09:10:00.000Z' });
    storage.setItem(key, JSON.stringify(local));
    restoreSnapshot(storage, { attempts: { 'case-a': attempt('case-a', steps(1)) }, best: {}, quizzes: [] }, now);
    expect(JSON.parse(storage.getItem(key)!).events).toHaveLength(1);
    const aside = storage.keysStartingWith(SET_ASIDE_PREFIX);
    expect(aside).toHaveLength(1);
    expect(JSON.parse(JSON.parse(storage.getItem(aside[0]!)!).raw)).toEqual(local);

    const newer = new MemoryStorage();
    newer.setItem(key, JSON.stringify(attempt('case-a', steps(2), { startedAt: '2026-11-22T11:00:00.000Z', updatedAt: '2026-11-22T11:10:00.000Z' })));
    expect(restoreSnapshot(newer, { attempts: { 'case-a': attempt('case-a', steps(1)) }, best: {}, quizzes: [] }, now)).toEqual([]);
  });

  it('sets an unreadable local value aside before writing', () => {
    const storage = new MemoryStorage();
    storage.setItem(key, '{damaged');
    storage.setItem(PROGRESS_KEY, '[1,2]');
    restoreSnapshot(storage, { attempts: { 'case-a': attempt('case-a', steps(1)) }, best: {}, quizzes: [quizResult()] }, now);
    expect(
      storage
        .keysStartingWith(SET_ASIDE_PREFIX)
        .map((k) => JSON.parse(storage.getItem(k)!).raw)
        .sort(),
    ).toEqual(['[1,2]', '{damaged']);
    expect(JSON.parse(storage.getItem(PROGRESS_KEY)!).quizResults).toHaveLength(1);
  });

  it('unites quiz sittings with the local store, the later copy of a sitting winning, and keeps the rest of the store', () => {
    const storage = new MemoryStorage();
    const mine = quizResult({ quiz: 'laboratory' });
    const sameOld = quizResult({ updatedAt: '2026-11-22T10:01:00.000Z' });
    storage.setItem(PROGRESS_KEY, JSON.stringify({ format: 'calx-progress', version: 1, quizResults: [mine, sameOld], review: { 'item-1': { due: 'x' } } }));
    const sameNew = quizResult({ updatedAt: '2026-11-22T10:09:00.000Z' });
    restoreSnapshot(storage, { attempts: {}, best: {}, quizzes: [sameNew] }, now);
    const p = JSON.parse(storage.getItem(PROGRESS_KEY)!);
    expect(p.quizResults).toEqual([sameNew, mine].sort((a, b) => a.quiz.localeCompare(b.quiz)));
    expect(p.review).toEqual({ 'item-1': { due: 'x' } });
  });
});

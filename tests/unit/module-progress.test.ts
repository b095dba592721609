import { describe, expect, it } from 'vitest';
import {
  describeOutcome,
  moduleProgress,
  type CaseReading,
  type ModuleStepRef,
  type ProgressReader,
  type QuizReading,
} from '../../src/faculty/module-progress';
import { storageReader } from '../../src/faculty/storage-reader';
import { MemoryStorage } from '../../src/progress/memory-storage';

const STEPS: ModuleStepRef[] = [
  { kind: 'case', id: 'case-a', version: 'v1' },
  { kind: 'case', id: 'case-b', version: 'v1' },
  { kind: 'lesson', id: 'telling-them-apart' },
  { kind: 'quiz', id: 'processes' },
];

function reader(cases: Record<string, CaseReading>, quizzes: Record<string, QuizReading>): ProgressReader {
  return { caseReading: (slug) => cases[slug] ?? { state: 'not-started' }, quizReading: (topic) => quizzes[topic] ?? { state: 'not-started' } };
}

describe('module progress against the pass mark', () => {
  it('passes when every scored step is done and the mean reaches the pass mark; lessons do not count', () => {
    const p = moduleProgress(
      STEPS,
      70,
      reader({ 'case-a': { state: 'done', score: 90 }, 'case-b': { state: 'done', score: 60 } }, { processes: { state: 'done', score: 60 } }),
    );
    expect(p).toMatchObject({ scored: 3, done: 3, mean: 70, outcome: 'passed' });
    expect(p.steps.map((s) => s.state)).toEqual(['done', 'done', 'not-scored', 'done']);
    expect(describeOutcome(p)).toBe('Passed: all 3 scored steps done, with a mean score of 70 against a pass mark of 70.');
  });

  it('is below the pass mark when everything is done but the mean falls short', () => {
    const p = moduleProgress(
      STEPS,
      70,
      reader({ 'case-a': { state: 'done', score: 90 }, 'case-b': { state: 'done', score: 60 } }, { processes: { state: 'done', score: 59 } }),
    );
    expect(p).toMatchObject({ mean: 69.7, outcome: 'below-pass-mark' });
    expect(describeOutcome(p)).toMatch(/^Not passed yet: all 3 scored steps are done, but the mean score of 69.7 is below the pass mark of 70/);
  });

  it('is not passed while a scored step is missing, however high the mean', () => {
    const p = moduleProgress(
      STEPS,
      70,
      reader({ 'case-a': { state: 'done', score: 100 }, 'case-b': { state: 'in-progress' } }, { processes: { state: 'done', score: 100 } }),
    );
    expect(p).toMatchObject({ done: 2, mean: 100, outcome: 'in-progress' });
    expect(p.steps[1]).toMatchObject({ state: 'in-progress', score: null });
  });

  it('does not count an attempt made on an older version of a case', () => {
    const p = moduleProgress(
      STEPS,
      0,
      reader({ 'case-a': { state: 'older-version' }, 'case-b': { state: 'done', score: 50 } }, { processes: { state: 'done', score: 50 } }),
    );
    expect(p).toMatchObject({ done: 2, outcome: 'in-progress' });
    expect(p.steps[0]!.state).toBe('older-version');
  });

  it('is not started when nothing scored is done', () => {
    const p = moduleProgress(STEPS, 70, reader({}, { processes: { state: 'in-progress' } }));
    expect(p).toMatchObject({ done: 0, mean: null, outcome: 'not-started' });
  });
});

describe('reading progress from browser storage', () => {
  const attempt = (over: Record<string, unknown>) =>
    JSON.stringify({
      format: 'calx-attempt',
      formatVersion: 1,
      case: 'case-a',
      caseVersion: 'v1',
      events: [{ type: 'ADVANCE' }, { type: 'FINISH' }],
      startedAt: '2026-01-01T10:00:00.000Z',
      updatedAt: '2026-01-01T10:20:00.000Z',
      ...over,
    });
  const result = (total: number) => ({ total, diagnosis: 'x', diagnosisLabel: 'X', finishedAt: '2026-01-01T10:20:00.000Z' });
  const quiz = (quizId: string, credits: number[], finished: boolean) => ({
    quiz: quizId,
    title: quizId,
    mode: 'practice',
    seed: 's',
    startedAt: '2026-01-02T10:00:00.000Z',
    updatedAt: '2026-01-02T10:05:00.000Z',
    finishedAt: finished ? '2026-01-02T10:05:00.000Z' : null,
    itemCount: credits.length,
    answers: credits.map((credit, i) => ({ item: `item-${i}`, answer: { type: 'single', choice: 'a' }, credit, at: '2026-01-02T10:01:00.000Z' })),
    timeLimitMinutes: null,
    overTime: false,
  });

  it("reads a finished attempt's cached score, on the current version only", () => {
    const s = new MemoryStorage();
    s.setItem('calx:v1:attempt:case-a', attempt({ result: result(88.5) }));
    s.setItem('calx:v1:attempt:case-b', attempt({ case: 'case-b', caseVersion: 'v0', result: result(99) }));
    const r = storageReader(s);
    expect(r.caseReading('case-a', 'v1')).toEqual({ state: 'done', score: 88.5 });
    expect(r.caseReading('case-b', 'v1')).toEqual({ state: 'older-version' });
    expect(r.caseReading('case-c', 'v1')).toEqual({ state: 'not-started' });
  });

  it('counts the best finished attempt, including those kept in the history by "play again"', () => {
    const s = new MemoryStorage();
    s.setItem('calx:v1:attempt:case-a', attempt({ events: [{ type: 'ORDER', action: 'pth' }] }));
    s.setItem('calx:v1:history:case-a', `[${attempt({ result: result(61) })},${attempt({ result: result(77) })}]`);
    expect(storageReader(s).caseReading('case-a', 'v1')).toEqual({ state: 'done', score: 77 });
  });

  it('treats an unfinished attempt as in progress and damaged data as not started, without writing anything', () => {
    const s = new MemoryStorage();
    s.setItem('calx:v1:attempt:case-a', attempt({ events: [{ type: 'ORDER', action: 'pth' }] }));
    s.setItem('calx:v1:attempt:case-b', '{not json');
    s.setItem('calx:v1:progress', '{also not json');
    const before = new Map(s.items);
    const r = storageReader(s);
    expect(r.caseReading('case-a', 'v1')).toEqual({ state: 'in-progress' });
    expect(r.caseReading('case-b', 'v1')).toEqual({ state: 'not-started' });
    expect(r.quizReading('processes')).toEqual({ state: 'not-started' });
    expect(s.items).toEqual(before);
  });

  it('reads the best finished sitting of a quiz from the self-assessment store', () => {
    const s = new MemoryStorage();
    s.setItem(
      'calx:v1:progress',
      JSON.stringify({ format: 'calx-progress', version: 1, quizResults: [quiz('processes', [1, 0, 1, 1], true), quiz('laboratory', [1], false)], review: {} }),
    );
    const r = storageReader(s);
    expect(r.quizReading('processes')).toEqual({ state: 'done', score: 75 });
    expect(r.quizReading('laboratory')).toEqual({ state: 'in-progress' });
    expect(r.quizReading('imaging-and-pathology')).toEqual({ state: 'not-started' });
  });
});

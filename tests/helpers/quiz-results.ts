import type { QuizResult } from '../../src/progress/quiz-progress';

const now = new Date('2026-11-22T10:00:00.000Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

/** A finished practice sitting of two items, one right and one wrong; `over` changes fields. */
export function quizResult(over: Partial<QuizResult> = {}): QuizResult {
  return {
    quiz: 'processes',
    title: 'Telling the processes apart',
    mode: 'practice',
    seed: 'abc123',
    startedAt: at(0),
    updatedAt: at(5),
    finishedAt: at(5),
    itemCount: 2,
    answers: [
      { item: 'single-1', answer: { type: 'single', choice: 'calciphylaxis' }, credit: 1, at: at(1) },
      { item: 'numeric-1', answer: { type: 'numeric', value: 19.6 }, credit: 0, at: at(2) },
    ],
    timeLimitMinutes: null,
    overTime: false,
    ...over,
  };
}

import { describe, expect, it } from 'vitest';
import { QuizSession, quizQuery, readQuizQuery, formatClock } from '../../src/islands/quiz/quiz-session';
import { loadProgress } from '../../src/progress/quiz-progress';
import { MemoryStorage } from '../../src/progress/memory-storage';
import { allItems, ordering, single } from '../helpers/quiz-items';

const T0 = new Date('2026-11-22T10:00:00.000Z');

/** A session on a clock the test moves by hand. */
function session(storage = new MemoryStorage()) {
  let now = T0.getTime();
  const s = new QuizSession({ quiz: 'fixture', title: 'Fixture quiz', items: allItems, shuffleItems: true }, storage, () => new Date(now));
  return { s, storage, advance: (ms: number) => (now += ms) };
}

describe('quiz session (framework-free store behind the Quiz island)', () => {
  it('in practice, checks one item at a time, saves each answer and schedules the missed one', () => {
    // Arrange
    const { s, storage } = session();
    s.start({ mode: 'practice', seed: 'abc', timeLimitMinutes: null });
    // Act
    s.setAnswer('single-1', { type: 'single', choice: 'dystrophic' });
    s.check('single-1');
    // Assert
    const view = s.getView();
    expect(view.results['single-1']).toMatchObject({ verdict: 'incorrect' });
    expect(view.focus?.target).toBe('feedback:single-1');
    expect(view.announcement).toMatch(/^Question \d: Another option is better\.$/);
    const saved = loadProgress(storage, T0).data;
    expect(saved.quizResults).toHaveLength(1);
    expect(saved.quizResults[0]).toMatchObject({ quiz: 'fixture', mode: 'practice', seed: 'abc', finishedAt: null, itemCount: 5 });
    expect(Object.keys(saved.review)).toEqual(['single-1']);
  });

  it('refuses to check an unanswered item and says what to do, scoring nothing', () => {
    const { s, storage } = session();
    s.start({ mode: 'practice', seed: 'abc', timeLimitMinutes: null });
    s.check('single-1');
    expect(s.getView().problems['single-1']).toBe('Choose an answer first.');
    expect(s.getView().results['single-1']).toBeUndefined();
    expect(storage.getItem('calx:v1:progress')).toBeNull();
  });

  it('in a test, scores everything only on submission, and finishes the saved result', () => {
    // Arrange
    const { s, storage } = session();
    s.start({ mode: 'test', seed: 'abc', timeLimitMinutes: null });
    s.setAnswer('single-1', { type: 'single', choice: 'calciphylaxis' });
    s.check('single-1'); // no per-item checks in a test
    expect(s.getView().results).toEqual({});
    // Act
    s.submit();
    // Assert
    const view = s.getView();
    expect(view.phase).toBe('done');
    expect(view.score).toMatchObject({ count: 5 });
    expect(Object.keys(view.results)).toHaveLength(5);
    expect(view.focus?.target).toBe('summary');
    expect(loadProgress(storage, T0).data.quizResults[0]!.finishedAt).toBe(T0.toISOString());
  });

  it('counts down a time limit, warns at one minute, says when time is up, and never submits by itself', () => {
    // Arrange
    const { s, advance } = session();
    s.start({ mode: 'test', seed: 'abc', timeLimitMinutes: 2 });
    // Act and assert
    advance(61_000);
    s.tick();
    expect([s.getView().secondsLeft, s.getView().announcement]).toEqual([59, '1 minute left.']);
    advance(60_000);
    s.tick();
    expect(s.getView()).toMatchObject({
      secondsLeft: 0,
      timeUp: true,
      phase: 'running',
      announcement: 'Time is up. Nothing has been submitted: finish your answers if you wish, then submit.',
    });
    s.submit();
    expect(s.getView().phase).toBe('done');
  });

  it('moves an ordering step, announces its new place and keeps focus on it', () => {
    const { s } = session();
    s.start({ mode: 'practice', seed: 'abc', timeLimitMinutes: null });
    const before = (s.getView().answers['ordering-1'] as { order: string[] }).order;
    s.move('ordering-1', before[2]!, 'up');
    const after = (s.getView().answers['ordering-1'] as { order: string[] }).order;
    expect(after).toEqual([before[0], before[2], before[1], before[3]]);
    expect(s.getView().announcement).toMatch(/moved to position 2 of 4\.$/);
    expect(s.getView().focus?.target).toBe(`step:${before[2]}:up`);
    expect(ordering.steps).toHaveLength(4);
  });

  it('keeps working without storage, saying progress will not be kept', () => {
    const s = new QuizSession({ quiz: 'q', title: 'Q', items: [single], shuffleItems: false });
    s.attach(null);
    s.start({ mode: 'practice', seed: 'x', timeLimitMinutes: null });
    s.setAnswer('single-1', { type: 'single', choice: 'calciphylaxis' });
    s.check('single-1');
    expect(s.getView()).toMatchObject({ phase: 'done', notice: { tone: 'warning' } });
  });
});

describe('quiz address', () => {
  it('round-trips the seed, mode and time limit through the query', () => {
    expect(readQuizQuery(quizQuery({ seed: 'k3x9p2', mode: 'test', timeLimitMinutes: 10 }))).toEqual({ seed: 'k3x9p2', mode: 'test', time: 10 });
    expect(readQuizQuery('?seed=Bad!&mode=exam&time=-3')).toEqual({ seed: null, mode: null, time: null });
  });

  it('writes the countdown as minutes and seconds', () => {
    expect([formatClock(300), formatClock(59), formatClock(0)]).toEqual(['5:00', '0:59', '0:00']);
  });
});

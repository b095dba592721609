import { describe, expect, it } from 'vitest';
import { Rating } from 'ts-fsrs';
import { ratingFromCredit, reviewItem, scheduleAnswers } from '../../src/quiz/schedule';
import { dueDeck, nextDue, reviewCardProblem, type ReviewCard } from '../../src/quiz/review-card';

const T0 = new Date('2026-11-22T10:00:00.000Z');
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);

describe('rating from credit', () => {
  it.each([
    [1, Rating.Good],
    [0.75, Rating.Hard],
    [0.5, Rating.Hard],
    [0.49, Rating.Again],
    [0, Rating.Again],
  ])('rates credit %d as %d', (credit, rating) => {
    expect(ratingFromCredit(credit)).toBe(rating);
  });
});

describe('spaced review on a fixed clock', () => {
  it('gives no card to an item answered right the first time', () => {
    expect(reviewItem(undefined, 1, T0)).toBeUndefined();
  });

  it('schedules a missed item for the next day', () => {
    // Act
    const card = reviewItem(undefined, 0, T0)!;
    // Assert
    expect(card.due).toBe(days(1).toISOString());
    expect(card.lastReview).toBe(T0.toISOString());
    expect([card.reps, card.state]).toEqual([1, 2]);
    expect(reviewCardProblem(card)).toBeNull();
  });

  it('schedules a partly right (hard) item, no later than a right one would have been', () => {
    const hard = reviewItem(undefined, 0.5, T0)!;
    expect(Date.parse(hard.due)).toBeGreaterThan(T0.getTime());
    expect(Date.parse(hard.due)).toBeLessThanOrEqual(days(2).getTime());
  });

  it('gives the same schedule for the same answers at the same times (no fuzz)', () => {
    const a = reviewItem(reviewItem(undefined, 0, T0), 1, days(1));
    const b = reviewItem(reviewItem(undefined, 0, T0), 1, days(1));
    expect(a).toEqual(b);
  });

  it('pushes an item further out after each right answer, and brings it back after a miss', () => {
    // Arrange
    let card = reviewItem(undefined, 0, T0)!;
    const intervals: number[] = [];
    let now = new Date(card.due);
    // Act: three right answers, each on the day it falls due
    for (let i = 0; i < 3; i++) {
      card = reviewItem(card, 1, now)!;
      intervals.push(card.scheduledDays);
      now = new Date(card.due);
    }
    const afterMiss = reviewItem(card, 0, now)!;
    // Assert
    expect(intervals[1]!).toBeGreaterThan(intervals[0]!);
    expect(intervals[2]!).toBeGreaterThan(intervals[1]!);
    expect(afterMiss.lapses).toBe(1);
    expect(afterMiss.scheduledDays).toBeLessThan(intervals[2]!);
  });

  it('applies a quiz answers in order, adding cards for missed items only', () => {
    const review = scheduleAnswers(
      {},
      [
        { item: 'a', credit: 1 },
        { item: 'b', credit: 0 },
        { item: 'c', credit: 0.5 },
      ],
      T0,
    );
    expect(Object.keys(review).sort()).toEqual(['b', 'c']);
  });
});

describe('the due deck', () => {
  const card = (due: Date): ReviewCard => ({ ...reviewItem(undefined, 0, T0)!, due: due.toISOString() });
  const review = { late: card(days(1)), later: card(days(3)), earliest: card(days(0.5)), gone: card(days(0.2)) };

  it('lists the items due now, the longest overdue first, across quizzes', () => {
    expect(dueDeck(review, days(2))).toEqual(['gone', 'earliest', 'late']);
  });

  it('leaves out items no longer in the bank', () => {
    expect(dueDeck(review, days(2), new Set(['late', 'later', 'earliest']))).toEqual(['earliest', 'late']);
  });

  it('is empty before anything falls due, and says when the next item does', () => {
    expect(dueDeck(review, T0)).toEqual([]);
    expect(nextDue(review, T0)).toEqual(days(0.2));
    expect(nextDue(review, days(4))).toBeNull();
  });
});

import { createEmptyCard, fsrs, Rating, type Card, type Grade } from 'ts-fsrs';
import type { ReviewCard } from './review-card';

/**
 * Spaced review with FSRS (the `ts-fsrs` library): an item the learner missed, or got only partly,
 * gets a card and comes back on the schedule FSRS computes; each later answer moves it. Every
 * function takes the time as an argument, so that tests run on a fixed clock.
 *
 * Fuzz is off so that the same answers at the same times always give the same schedule, and the
 * short-term (minutes) steps are off: a course's review deck works in days, so a missed item is
 * due the next day rather than in a minute.
 */
export const scheduler = fsrs({ enable_fuzz: false, enable_short_term: false });

/** The FSRS rating an answer earns: full credit is Good, at least half is Hard, less is Again. */
export function ratingFromCredit(credit: number): Grade {
  if (credit >= 1 - 1e-9) return Rating.Good;
  if (credit >= 0.5) return Rating.Hard;
  return Rating.Again;
}

function toCard(c: ReviewCard): Card {
  return {
    due: new Date(c.due),
    stability: c.stability,
    difficulty: c.difficulty,
    // Deprecated in ts-fsrs 5 and recomputed from last_review; kept at 0 so the stored card does not depend on it.
    elapsed_days: 0,
    scheduled_days: c.scheduledDays,
    learning_steps: c.learningSteps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    last_review: new Date(c.lastReview),
  };
}

function fromCard(c: Card, reviewedAt: Date): ReviewCard {
  return {
    due: c.due.toISOString(),
    stability: c.stability,
    difficulty: c.difficulty,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state as ReviewCard['state'],
    lastReview: (c.last_review ?? reviewedAt).toISOString(),
  };
}

/**
 * The card after one answer. An item answered fully right with no card yet needs no review and
 * gets none (undefined); missed and hard items get a card; an item with a card is always rescheduled.
 */
export function reviewItem(card: ReviewCard | undefined, credit: number, now: Date): ReviewCard | undefined {
  const rating = ratingFromCredit(credit);
  if (!card && rating === Rating.Good) return undefined;
  const next = scheduler.next(card ? toCard(card) : createEmptyCard(now), now, rating);
  return fromCard(next.card, now);
}

/** Applies answers in order to the review state; returns a new state (the old one is not changed). */
export function scheduleAnswers(
  review: Readonly<Record<string, ReviewCard>>,
  answers: readonly { item: string; credit: number }[],
  now: Date,
): Record<string, ReviewCard> {
  const out = { ...review };
  for (const a of answers) {
    const card = reviewItem(out[a.item], a.credit, now);
    if (card) out[a.item] = card;
  }
  return out;
}

/**
 * How a missed item comes back if it is then answered right each time: the days between reviews,
 * computed by the scheduler itself (so the deck's explanation cannot drift from what it does).
 */
export function comebackDays(reviews: number, start = new Date('2026-01-01T09:00:00.000Z')): number[] {
  let card = reviewItem(undefined, 0, start)!;
  const days = [Math.round((Date.parse(card.due) - start.getTime()) / 86_400_000)];
  for (let i = 1; i < reviews; i++) {
    const at = new Date(card.due);
    card = reviewItem(card, 1, at)!;
    days.push(Math.round((Date.parse(card.due) - at.getTime()) / 86_400_000));
  }
  return days;
}

export { reviewCardProblem, type ReviewCard } from '../schemas/review-card';
import type { ReviewCard } from '../schemas/review-card';

export function isDue(card: ReviewCard, now: Date): boolean {
  return Date.parse(card.due) <= now.getTime();
}

/**
 * The "due for review" deck across all quizzes: the items due at `now`, the longest overdue first.
 * Items no longer in the bank (`known`) are left out rather than shown broken.
 */
export function dueDeck(review: Readonly<Record<string, ReviewCard>>, now: Date, known?: ReadonlySet<string>): string[] {
  return Object.entries(review)
    .filter(([id, card]) => isDue(card, now) && (!known || known.has(id)))
    .sort(([a, x], [b, y]) => Date.parse(x.due) - Date.parse(y.due) || a.localeCompare(b))
    .map(([id]) => id);
}

/** The next time something falls due after `now`, or null when nothing is scheduled. */
export function nextDue(review: Readonly<Record<string, ReviewCard>>, now: Date, known?: ReadonlySet<string>): Date | null {
  let next: number | null = null;
  for (const [id, card] of Object.entries(review)) {
    const t = Date.parse(card.due);
    if (t > now.getTime() && (!known || known.has(id)) && (next === null || t < next)) next = t;
  }
  return next === null ? null : new Date(next);
}

import type { Question } from '../schemas/question';
import type { ItemAnswer } from './answers';
import { scoreItem, type ItemResult } from './score-item';

export interface QuizScore {
  /** Per item, in the order given. */
  items: ItemResult[];
  /** The sum of the items' credits. */
  credit: number;
  /** The number of items. */
  count: number;
  /** credit / count as a whole percentage. */
  percent: number;
}

/** A quiz's score: every item scored on its own, then summed. An unanswered item scores 0. */
export function scoreQuiz(items: readonly Question[], answers: Readonly<Record<string, ItemAnswer | undefined>>): QuizScore {
  const results = items.map((item) => scoreItem(item, answers[item.id]));
  const credit = results.reduce((sum, r) => sum + r.credit, 0);
  return { items: results, credit, count: items.length, percent: percentOf(credit, items.length) };
}

export function percentOf(credit: number, count: number): number {
  return count === 0 ? 0 : Math.round((credit / count) * 100);
}

/** "6.5 of 8" without float noise. */
export function formatCredit(credit: number): string {
  return String(Math.round(credit * 100) / 100);
}

/**
 * The review state of one item, as stored and exported: an FSRS card in plain JSON (ISO dates,
 * camelCase). Reading it needs no scheduler, so that the progress page can count what is due
 * without loading the FSRS library; only answering (src/quiz/schedule.ts) does.
 */
export interface ReviewCard {
  /** When the item is next due (ISO 8601). */
  due: string;
  /** FSRS memory state. */
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  /** How many times it was reviewed, and how many of those were lapses (rated Again after learning). */
  reps: number;
  lapses: number;
  /** FSRS state: 0 new, 1 learning, 2 review, 3 relearning. */
  state: 0 | 1 | 2 | 3;
  /** When it was last answered (ISO 8601); import keeps the card with the later one. */
  lastReview: string;
}

const isDate = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

/** Why a value is not a review card, or null. */
export function reviewCardProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not a review card (an object)';
  const c = value as Record<string, unknown>;
  for (const k of ['due', 'lastReview'] as const) if (!isDate(c[k])) return `\`${k}\` must be a date (ISO 8601), found ${JSON.stringify(c[k]) ?? 'nothing'}`;
  for (const k of ['stability', 'difficulty', 'scheduledDays', 'learningSteps', 'reps', 'lapses'] as const)
    if (!isNumber(c[k]) || (c[k] as number) < 0) return `\`${k}\` must be a number of 0 or more, found ${JSON.stringify(c[k]) ?? 'nothing'}`;
  if (![0, 1, 2, 3].includes(c.state as number)) return `\`state\` must be 0, 1, 2 or 3, found ${JSON.stringify(c.state) ?? 'nothing'}`;
  return null;
}

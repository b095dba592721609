import { isRecord } from '../utils/is-record';
import { answerShapeProblem, type ItemAnswer } from './item-answer';
import { reviewCardProblem, type ReviewCard } from './review-card';

/**
 * A learner's quiz progress as stored in the browser (one versioned value under one key), and the
 * rules that check it. Plain TypeScript rather than a zod schema: the quiz and review pages read this
 * store on every visit and are within 6 KB of their 95 KB JavaScript budget, less than the schema
 * library would add (as src/schemas/differential.ts does for the case page). The progress export's
 * schema (progress-export.ts) checks its quiz results and review cards with these same rules.
 */

export const PROGRESS_FORMAT = 'calx-progress';
/** Bump it, and add a migration to MIGRATIONS (src/progress/quiz-progress.ts), when the stored shape changes. */
export const PROGRESS_VERSION = 1;

export type QuizMode = 'practice' | 'test' | 'review';
export const QUIZ_MODES: readonly QuizMode[] = ['practice', 'test', 'review'];

/** One answer to one item, with the credit it earned when it was given. */
export interface AnswerRecord {
  item: string;
  answer: ItemAnswer;
  /** 0 to 1. */
  credit: number;
  /** When it was answered (ISO 8601). */
  at: string;
}

/** One sitting of one quiz (or of the review deck). Saved as it goes in practice, at submission in a test. */
export interface QuizResult {
  /** The quiz id: a topic id, `lesson:<page>` for a lesson's closing quiz, or `review` for the review deck. */
  quiz: string;
  /** The quiz's title when it was taken, so that a result can be named without the catalogue. */
  title: string;
  mode: QuizMode;
  /** The shuffle seed: the same seed shows the same order again. */
  seed: string;
  startedAt: string;
  updatedAt: string;
  /** When every item had been answered (practice) or the test was submitted; null while unfinished. */
  finishedAt: string | null;
  /** How many items the quiz had. */
  itemCount: number;
  answers: AnswerRecord[];
  /** The time limit shown, in minutes, or null. */
  timeLimitMinutes: number | null;
  /** Whether the test was submitted after the time limit had run out (shown, never enforced). */
  overTime: boolean;
}

export interface ProgressData {
  format: typeof PROGRESS_FORMAT;
  version: number;
  /** Every quiz sitting, oldest first. */
  quizResults: QuizResult[];
  /** Item id to its review card. */
  review: Record<string, ReviewCard>;
}

const isDate = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
/** A short, safe rendering of a found value for a message (never throws, never long); progress exports use it too. */
export const found = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.slice(0, 40));
  try {
    return JSON.stringify(v).slice(0, 40);
  } catch {
    return 'a value too deeply nested to show';
  }
};

/** Why a value is not a quiz result, as "`field` ..." relative to the result, or null. */
export function quizResultProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'is not a quiz result (an object)';
  const r = value;
  for (const k of ['quiz', 'title', 'seed'] as const) if (typeof r[k] !== 'string' || r[k] === '') return `\`${k}\` must be text, found ${found(r[k])}`;
  if (!QUIZ_MODES.includes(r.mode as QuizMode)) return `\`mode\` must be one of ${QUIZ_MODES.join(', ')}, found ${found(r.mode)}`;
  for (const k of ['startedAt', 'updatedAt'] as const) if (!isDate(r[k])) return `\`${k}\` must be a date (ISO 8601), found ${found(r[k])}`;
  if (r.finishedAt !== null && !isDate(r.finishedAt)) return `\`finishedAt\` must be a date or null, found ${found(r.finishedAt)}`;
  if (!Number.isInteger(r.itemCount) || (r.itemCount as number) < 1) return `\`itemCount\` must be a whole number of 1 or more, found ${found(r.itemCount)}`;
  if (r.timeLimitMinutes !== null && !(typeof r.timeLimitMinutes === 'number' && r.timeLimitMinutes > 0))
    return `\`timeLimitMinutes\` must be a number of minutes or null, found ${found(r.timeLimitMinutes)}`;
  if (typeof r.overTime !== 'boolean') return `\`overTime\` must be true or false, found ${found(r.overTime)}`;
  if (!Array.isArray(r.answers)) return `\`answers\` must be a list, found ${found(r.answers)}`;
  for (let i = 0; i < r.answers.length; i++) {
    const a: unknown = r.answers[i];
    const at = `answers[${i}]`;
    if (!isRecord(a)) return `\`${at}\` is not an answer record (an object)`;
    if (typeof a.item !== 'string' || a.item === '') return `\`${at}.item\` must be an item id, found ${found(a.item)}`;
    if (typeof a.credit !== 'number' || !(a.credit >= 0 && a.credit <= 1)) return `\`${at}.credit\` must be a number from 0 to 1, found ${found(a.credit)}`;
    if (!isDate(a.at)) return `\`${at}.at\` must be a date (ISO 8601), found ${found(a.at)}`;
    const shape = answerShapeProblem(a.answer);
    if (shape) return `\`${at}.answer\`: ${shape}`;
  }
  return null;
}

/** Why a value is not a usable progress store of the current version, or null. */
export function progressProblem(value: unknown): string | null {
  if (!isRecord(value) || value.format !== PROGRESS_FORMAT) return 'it is not a Calx progress record';
  if (value.version !== PROGRESS_VERSION) return `it uses progress format ${found(value.version)}, which this version of Calx does not read`;
  if (!Array.isArray(value.quizResults)) return '`quizResults` is not a list';
  for (let i = 0; i < value.quizResults.length; i++) {
    const p = quizResultProblem(value.quizResults[i]);
    if (p) return `quiz result ${i + 1}: ${p}`;
  }
  if (!isRecord(value.review)) return '`review` is not a mapping of item ids to cards';
  for (const [id, card] of Object.entries(value.review)) {
    const p = reviewCardProblem(card);
    if (p) return `the review card of "${id}": ${p}`;
  }
  return null;
}

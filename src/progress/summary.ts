import type { ReviewCard } from '../quiz/review-card';
import { dueDeck, nextDue } from '../quiz/review-card';
import { percentOf } from '../quiz/score-quiz';
import type { AnswerRecord, ProgressData, QuizResult } from './quiz-progress';

/**
 * What the progress page shows, derived from stored data by pure functions: the status of each
 * case, the best and last score of each quiz, what is due for review, and which learning
 * objectives the learner has covered.
 */

export type CaseStatus =
  | { kind: 'not-started' }
  | { kind: 'in-progress'; steps: number; updatedAt: string }
  | { kind: 'finished'; total: number | null; finishedAt: string; diagnosisLabel: string | null }
  | { kind: 'older-version' }
  | { kind: 'unreadable' }
  /** Nothing current, but earlier data for the case was set aside (listed on the progress page). */
  | { kind: 'set-aside'; count: number };

/**
 * A case's status from its saved attempt, without replaying it (the progress page does not ship the
 * case machines): the cached result of a finished attempt, the number of steps of one in progress.
 */
export function caseStatus(raw: string | null, version: string, setAsideCount = 0): CaseStatus {
  if (raw === null) return setAsideCount > 0 ? { kind: 'set-aside', count: setAsideCount } : { kind: 'not-started' };
  let rec: Record<string, unknown>;
  try {
    rec = JSON.parse(raw) as Record<string, unknown>;
    if (typeof rec !== 'object' || rec === null || !Array.isArray(rec.events)) return { kind: 'unreadable' };
  } catch {
    return { kind: 'unreadable' };
  }
  if (rec.caseVersion !== version) return { kind: 'older-version' };
  const events = rec.events as { type?: unknown }[];
  const result = rec.result as { total?: unknown; finishedAt?: unknown; diagnosisLabel?: unknown } | undefined;
  if (events.at(-1)?.type === 'FINISH')
    return {
      kind: 'finished',
      total: typeof result?.total === 'number' ? result.total : null,
      finishedAt: typeof result?.finishedAt === 'string' ? result.finishedAt : String(rec.updatedAt),
      diagnosisLabel: typeof result?.diagnosisLabel === 'string' ? result.diagnosisLabel : null,
    };
  if (events.length === 0) return setAsideCount > 0 ? { kind: 'set-aside', count: setAsideCount } : { kind: 'not-started' };
  return { kind: 'in-progress', steps: events.length, updatedAt: String(rec.updatedAt) };
}

export interface ScoreAt {
  percent: number;
  /** When the sitting finished. */
  at: string;
}
export interface QuizScores {
  quiz: string;
  title: string;
  best: ScoreAt;
  last: ScoreAt;
  /** How many times it was finished. */
  sittings: number;
}

/** The credit a sitting earned: its answers' credits over its item count. */
export function resultPercent(r: QuizResult): number {
  return percentOf(
    r.answers.reduce((s, a) => s + a.credit, 0),
    r.itemCount,
  );
}

/** Best and last score of every quiz finished at least once (review-deck sessions are not quizzes). */
export function quizScores(results: readonly QuizResult[]): Map<string, QuizScores> {
  const out = new Map<string, QuizScores>();
  const finished = results.filter((r) => r.finishedAt !== null && r.mode !== 'review').sort((a, b) => Date.parse(a.finishedAt!) - Date.parse(b.finishedAt!));
  for (const r of finished) {
    const score = { percent: resultPercent(r), at: r.finishedAt! };
    const seen = out.get(r.quiz);
    if (!seen) out.set(r.quiz, { quiz: r.quiz, title: r.title, best: score, last: score, sittings: 1 });
    else out.set(r.quiz, { ...seen, title: r.title, best: score.percent >= seen.best.percent ? score : seen.best, last: score, sittings: seen.sittings + 1 });
  }
  return out;
}

/** The latest answer to every item, across all quizzes and the review deck. */
export function latestAnswers(results: readonly QuizResult[]): Map<string, AnswerRecord> {
  const out = new Map<string, AnswerRecord>();
  for (const r of results)
    for (const a of r.answers) {
      const seen = out.get(a.item);
      if (!seen || Date.parse(a.at) >= Date.parse(seen.at)) out.set(a.item, a);
    }
  return out;
}

export type CoverageStatus = 'not-started' | 'practising' | 'covered';
export interface ObjectiveCoverage {
  id: string;
  text: string;
  /** Items that assess the objective. */
  total: number;
  /** Of those, answered at least once. */
  answered: number;
  /** Of those, fully right on the latest answer. */
  right: number;
  /**
   * covered: at least one item answered and every answered item right on its latest try;
   * practising: something answered but some latest answer is not fully right; not-started: nothing answered.
   */
  status: CoverageStatus;
}

export function objectiveCoverage(
  objectives: readonly { id: string; text: string; items: readonly string[] }[],
  latest: ReadonlyMap<string, AnswerRecord>,
): ObjectiveCoverage[] {
  return objectives.map((o) => {
    const answered = o.items.filter((id) => latest.has(id));
    const right = answered.filter((id) => latest.get(id)!.credit >= 1).length;
    const status: CoverageStatus = answered.length === 0 ? 'not-started' : right === answered.length ? 'covered' : 'practising';
    return { id: o.id, text: o.text, total: o.items.length, answered: answered.length, right, status };
  });
}

export interface ReviewSummary {
  /** Items due now, the longest overdue first. */
  due: string[];
  /** Items scheduled for later. */
  scheduled: number;
  /** When the next one falls due, if any. */
  next: Date | null;
}

export function reviewSummary(review: Readonly<Record<string, ReviewCard>>, now: Date, known?: ReadonlySet<string>): ReviewSummary {
  const due = dueDeck(review, now, known);
  const total = Object.keys(review).filter((id) => !known || known.has(id)).length;
  return { due, scheduled: total - due.length, next: nextDue(review, now, known) };
}

/** Everything the progress page needs from the quiz store. */
export function progressSummary(data: ProgressData, now: Date, known?: ReadonlySet<string>) {
  return { scores: quizScores(data.quizResults), latest: latestAnswers(data.quizResults), review: reviewSummary(data.review, now, known) };
}

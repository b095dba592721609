import { readAttemptRecord, type AttemptRecord, type AttemptResultSummary } from '../schemas/attempt-record';
import { emptyProgress, PROGRESS_FORMAT, PROGRESS_KEY, quizResultProblem, type ProgressData, type QuizResult } from '../progress/quiz-progress';
import { isRecord } from '../utils/is-record';
import type { StorageLike } from '../progress/saved-attempt';
import { ATTEMPT_STORAGE_PREFIX, HISTORY_PREFIX } from '../progress/keys';
import { putAside } from '../progress/put-aside';

/**
 * What a module's SCORM package keeps about a learner, read from and written back to the browser's
 * storage (the stores the case player and the quizzes already use), and the module's status derived
 * from it. Framework-free and free of the engine: the runtime ships without the case machines, so it
 * trusts the result cached in a finished attempt, as the home and progress pages do. Graded use
 * should re-score exported attempts (see the README).
 */

/** The quiz store's key. */
export const QUIZ_PROGRESS_KEY = PROGRESS_KEY;
/** The runtime's own record per module: whose data this browser holds, and the best results. */
export const SCORM_KEY_PREFIX = 'calx:v1:scorm:';

/** One step of a module as the package knows it. */
export interface PackageStep {
  kind: 'case' | 'lesson' | 'quiz';
  /** The case or lesson slug, or the quiz topic. */
  id: string;
  title: string;
  /** The step's page, relative to the package root. */
  href: string;
  /** A case's former slugs: LMS data saved under one of them belongs to this step. */
  formerIds?: string[];
}

/** What the entry page tells the runtime (a JSON block written at packaging time). */
export interface PackageConfig {
  edition: '1.2' | '2004';
  module: string;
  title: string;
  /** 0 to 100. */
  passMark: number;
  steps: PackageStep[];
  /** The module overview page, relative to the package root. */
  overview: string;
}

/**
 * The best finished result of a case or a quiz (0 to 100), kept apart from attempts and sittings so
 * that "play again" never lowers it and so that it survives when the details do not fit in the LMS.
 */
export type BestResult = Pick<AttemptResultSummary, 'total' | 'finishedAt'>;

/** Keys of `ModuleSnapshot.best`. */
export const bestKey = (kind: 'case' | 'quiz', id: string) => `${kind}:${id}`;

/** Everything the package saves for one learner and one module. */
export interface ModuleSnapshot {
  /** The current attempt of each case of the module that has one (case slug to record). */
  attempts: Record<string, AttemptRecord>;
  /** The best finished result of each case and quiz, by `bestKey` ("case:<slug>", "quiz:<topic>"). */
  best: Record<string, BestResult>;
  /** Sittings of the module's quizzes: for each quiz, the latest sitting and the best finished one. */
  quizzes: QuizResult[];
}

export const emptySnapshot = (): ModuleSnapshot => ({ attempts: {}, best: {}, quizzes: [] });

function parse(raw: string | null): unknown {
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/** A stored attempt with the fields the package needs, or null (the player sets damaged ones aside itself). */
function asAttempt(v: unknown, slug: string): AttemptRecord | null {
  const read = readAttemptRecord(v);
  return 'record' in read && read.record.case === slug ? read.record : null;
}

const finishedResult = (a: AttemptRecord | null): BestResult | null =>
  a?.result && typeof a.result.total === 'number' && a.events.at(-1)?.type === 'FINISH' ? { total: a.result.total, finishedAt: a.result.finishedAt } : null;

const better = (a: BestResult | undefined | null, b: BestResult | undefined | null): BestResult | null => {
  if (!a) return b ?? null;
  if (!b) return a;
  return b.total > a.total ? b : a;
};

const caseIds = (config: Pick<PackageConfig, 'steps'>) => config.steps.filter((s) => s.kind === 'case').map((s) => s.id);
const quizIds = (config: Pick<PackageConfig, 'steps'>) => config.steps.filter((s) => s.kind === 'quiz').map((s) => s.id);

export function quizPercent(r: QuizResult): number {
  // As src/quiz/score-quiz.ts percentOf: credit over item count, rounded.
  const credit = r.answers.reduce((s, a) => s + a.credit, 0);
  return r.itemCount === 0 ? 0 : Math.round((credit / r.itemCount) * 100);
}

const isFinishedQuiz = (r: QuizResult) => r.finishedAt !== null && r.mode !== 'review';

/** For each quiz: its latest sitting and its best finished one (one record when they are the same). */
export function keepQuizSittings(results: readonly QuizResult[], quizzes: readonly string[]): QuizResult[] {
  const out: QuizResult[] = [];
  for (const quiz of quizzes) {
    const mine = results.filter((r) => r.quiz === quiz);
    if (mine.length === 0) continue;
    const latest = mine.reduce((a, b) => (Date.parse(b.updatedAt) > Date.parse(a.updatedAt) ? b : a));
    const finished = mine.filter(isFinishedQuiz);
    const best = finished.length ? finished.reduce((a, b) => (quizPercent(b) > quizPercent(a) ? b : a)) : null;
    out.push(latest);
    if (best && best !== latest) out.push(best);
  }
  return out.sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.quiz.localeCompare(b.quiz));
}

/** Reads the module's data from storage; `known` adds best results remembered from earlier sessions. */
export function readSnapshot(storage: StorageLike, config: Pick<PackageConfig, 'steps'>, known: Record<string, BestResult> = {}): ModuleSnapshot {
  const snap = emptySnapshot();
  for (const slug of caseIds(config)) {
    const current = asAttempt(parse(storage.getItem(`${ATTEMPT_STORAGE_PREFIX}${slug}`)), slug);
    if (current) snap.attempts[slug] = current;
    let best = better(known[bestKey('case', slug)], finishedResult(current));
    const history = parse(storage.getItem(`${HISTORY_PREFIX}${slug}`));
    if (Array.isArray(history)) for (const h of history) best = better(best, finishedResult(asAttempt(h, slug)));
    if (best) snap.best[bestKey('case', slug)] = best;
  }
  for (const quiz of quizIds(config)) if (known[bestKey('quiz', quiz)]) snap.best[bestKey('quiz', quiz)] = known[bestKey('quiz', quiz)]!;
  const progress = parse(storage.getItem(QUIZ_PROGRESS_KEY));
  if (isRecord(progress) && Array.isArray(progress.quizResults)) {
    // Each readable sitting counts, even when another in the store is damaged (the quiz pages set such a store aside).
    const results = (progress.quizResults as unknown[]).filter((r): r is QuizResult => quizResultProblem(r) === null);
    snap.quizzes = keepQuizSittings(results, quizIds(config));
    for (const r of snap.quizzes.filter(isFinishedQuiz)) {
      const k = bestKey('quiz', r.quiz);
      const b = better(snap.best[k], { total: quizPercent(r), finishedAt: r.finishedAt! });
      if (b) snap.best[k] = b;
    }
  }
  return snap;
}

export interface StepStatus {
  step: PackageStep;
  state: 'not-started' | 'in-progress' | 'done';
  /** 0 to 100 for a done case or quiz; null otherwise (lessons are not scored). */
  score: number | null;
}

export interface ModuleStatus {
  steps: StepStatus[];
  /** Scored steps (cases and quizzes) and how many of them are done. */
  scored: number;
  done: number;
  /** The module score, 0 to 100: the mean over all scored steps, an unfinished step counting 0; null before any is done. */
  raw: number | null;
  /** Every scored step is done. */
  completed: boolean;
  /** Once completed: whether the score reaches the pass mark; null before. */
  passed: boolean | null;
}

/** The module's status: the pass rule of src/schemas/module.ts (every scored step done, mean score at least the pass mark). */
export function moduleStatus(config: Pick<PackageConfig, 'steps'>, snap: ModuleSnapshot, passMark: number): ModuleStatus {
  const steps: StepStatus[] = config.steps.map((step) => {
    if (step.kind === 'lesson') return { step, state: 'not-started', score: null };
    const best = snap.best[bestKey(step.kind, step.id)];
    if (best) return { step, state: 'done', score: best.total };
    const started =
      step.kind === 'case' ? (snap.attempts[step.id]?.events.length ?? 0) > 0 : snap.quizzes.some((r) => r.quiz === step.id && r.answers.length > 0);
    return { step, state: started ? 'in-progress' : 'not-started', score: null };
  });
  const scoredSteps = steps.filter((s) => s.step.kind !== 'lesson');
  const done = scoredSteps.filter((s) => s.state === 'done');
  const raw = done.length === 0 ? null : Math.round((done.reduce((s, x) => s + (x.score ?? 0), 0) / scoredSteps.length) * 100) / 100;
  const completed = scoredSteps.length === done.length;
  return { steps, scored: scoredSteps.length, done: done.length, raw, completed, passed: completed ? (raw ?? 0) >= passMark : null };
}

/** Moves a stored value aside (never deleting it), as the player and the quiz store do. Returns its new key. */
export function setAsideKey(storage: StorageLike, key: string, reason: string, now: Date): string | null {
  const raw = storage.getItem(key);
  if (raw === null) return null;
  const aside = putAside(storage, `scorm:${key}`, raw, reason, now);
  storage.removeItem(key);
  return aside;
}

/** Every key of this browser's storage that holds the module's data. */
export function moduleKeys(config: Pick<PackageConfig, 'steps'>): string[] {
  return [...caseIds(config).flatMap((s) => [`${ATTEMPT_STORAGE_PREFIX}${s}`, `${HISTORY_PREFIX}${s}`]), QUIZ_PROGRESS_KEY];
}

const newer = (a: string, b: string) => Date.parse(a) > Date.parse(b);

/**
 * Moves what a snapshot holds under a case's former slug to its current slug (suspend data saved
 * before the case was renamed). Never overwrites: an attempt already under the current slug stays,
 * and the better of two best results is kept.
 */
export function withCurrentSlugs(snap: ModuleSnapshot, config: Pick<PackageConfig, 'steps'>): ModuleSnapshot {
  const currentOf = new Map<string, string>();
  for (const s of config.steps) if (s.kind === 'case') for (const f of s.formerIds ?? []) currentOf.set(f, s.id);
  if (currentOf.size === 0) return snap;
  const attempts: Record<string, AttemptRecord> = {};
  for (const [slug, record] of Object.entries(snap.attempts)) if (!currentOf.has(slug)) attempts[slug] = record;
  for (const [slug, record] of Object.entries(snap.attempts)) {
    const to = currentOf.get(slug);
    if (to && !attempts[to]) attempts[to] = { ...record, case: to };
  }
  const best: Record<string, BestResult> = {};
  for (const [key, result] of Object.entries(snap.best)) {
    const to = key.startsWith('case:') ? currentOf.get(key.slice(5)) : undefined;
    const k = to ? bestKey('case', to) : key;
    best[k] = better(best[k], result)!;
  }
  return { ...snap, attempts, best };
}

/**
 * Writes a snapshot (from the LMS) into storage so that the player and the quizzes find it. It merges
 * rather than overwrites: a stored attempt newer than the LMS's copy (one the LMS never received) is
 * kept; quiz sittings are united, the later copy of the same sitting winning. A stored value that is
 * not readable is set aside first, never deleted. Returns the keys it wrote.
 */
export function restoreSnapshot(storage: StorageLike, snap: ModuleSnapshot, now: Date): string[] {
  const written: string[] = [];
  for (const [slug, remote] of Object.entries(snap.attempts)) {
    const key = `${ATTEMPT_STORAGE_PREFIX}${slug}`;
    const raw = storage.getItem(key);
    const local = asAttempt(parse(raw), slug);
    if (raw !== null && !local) setAsideKey(storage, key, 'unreadable when the LMS copy was restored', now);
    if (local) {
      // The same attempt (same start): events only ever append, so the longer log is ahead.
      if (local.startedAt === remote.startedAt && local.events.length >= remote.events.length) continue;
      // Another attempt: the one changed last wins, and the other is kept aside, never overwritten.
      if (local.startedAt !== remote.startedAt) {
        if (!newer(remote.updatedAt, local.updatedAt)) continue;
        if (local.events.length > 0) setAsideKey(storage, key, 'replaced by a newer attempt from the LMS', now);
      }
    }
    storage.setItem(key, JSON.stringify(remote));
    written.push(key);
  }
  if (snap.quizzes.length) {
    const raw = storage.getItem(QUIZ_PROGRESS_KEY);
    const progress = parse(raw);
    // Only what the merge needs is checked: the rest of the store (review cards, other sittings) is kept as it is,
    // and the quiz pages set the store aside themselves if any of it is damaged.
    const mergeable = isRecord(progress) && progress.format === PROGRESS_FORMAT && Array.isArray(progress.quizResults);
    if (raw !== null && !mergeable) setAsideKey(storage, QUIZ_PROGRESS_KEY, 'unreadable when the LMS copy was restored', now);
    const base = mergeable ? (progress as Record<string, unknown> & Pick<ProgressData, 'quizResults'>) : emptyProgress();
    const results = [...base.quizResults];
    let changed = false;
    for (const r of snap.quizzes) {
      const i = results.findIndex((x) => x.quiz === r.quiz && x.startedAt === r.startedAt);
      if (i === -1) results.push(r);
      else if (newer(r.updatedAt, results[i]!.updatedAt)) results[i] = r;
      else continue;
      changed = true;
    }
    if (changed) {
      results.sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.quiz.localeCompare(b.quiz));
      storage.setItem(QUIZ_PROGRESS_KEY, JSON.stringify({ ...base, quizResults: results }));
      written.push(QUIZ_PROGRESS_KEY);
    }
  }
  return written;
}

import { answerShapeProblem, type ItemAnswer } from '../quiz/answers';
import { reviewCardProblem, type ReviewCard } from '../quiz/review-card';
import { SET_ASIDE_PREFIX } from './keys';
import type { StorageLike } from './saved-attempt';

/**
 * The learner's self-assessment progress in the browser: quiz results with every answer, and the
 * FSRS review state. One versioned JSON value under one key. A stored value that cannot be used
 * (damaged, not ours, from a newer Calx) is never deleted and never crashes a page: it is moved
 * under a set-aside key with the reason, and the caller reports it.
 */

export const PROGRESS_KEY = 'calx:v1:progress';
export const PROGRESS_FORMAT = 'calx-progress';
/** Bump it, and add a migration to MIGRATIONS, when the stored shape changes. */
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

export const emptyProgress = (): ProgressData => ({ format: PROGRESS_FORMAT, version: PROGRESS_VERSION, quizResults: [], review: {} });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
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
  if (r.timeLimitMinutes !== null && !(typeof r.timeLimitMinutes === 'number' && r.timeLimitMinutes > 0)) return `\`timeLimitMinutes\` must be a number of minutes or null, found ${found(r.timeLimitMinutes)}`;
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

/** A step from one stored version to the next: `MIGRATIONS[n]` turns version n into n + 1. */
export type Migration = (value: Record<string, unknown>) => Record<string, unknown>;
/** None yet: version 1 is the first. Add one here, never edit an old one, when the shape changes. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

/** Brings an older stored value up to `target` through the migrations; a newer or unknown one is a problem. */
export function migrateProgress(value: unknown, migrations: Readonly<Record<number, Migration>> = MIGRATIONS, target = PROGRESS_VERSION): { value: unknown } | { problem: string } {
  if (!isRecord(value) || value.format !== PROGRESS_FORMAT) return { problem: 'it is not a Calx progress record' };
  let v = value;
  let version = v.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) return { problem: `it has no format version (found ${found(version)})` };
  if (version > target) return { problem: `it was saved by a newer version of Calx (progress format ${version}; this version reads up to ${target})` };
  while (version < target) {
    const step = migrations[version];
    if (!step) return { problem: `it uses progress format ${version}, which this version of Calx cannot convert` };
    v = { ...step(v), version: version + 1 };
    version += 1;
  }
  return { value: v };
}

/** Moves a raw stored value aside with its reason; returns the key it now lives under. */
export function setProgressAside(storage: StorageLike, raw: string, reason: string, now: Date): string {
  const key = `${SET_ASIDE_PREFIX}progress:${now.toISOString()}`;
  storage.setItem(key, JSON.stringify({ reason, setAsideAt: now.toISOString(), raw }));
  storage.removeItem(PROGRESS_KEY);
  return key;
}

export interface ProgressLoad {
  data: ProgressData;
  /**
   * Set when the stored value could not be used: why, and where it was kept. `key` is null when
   * storage refused the move: the value then stays where it was, and nothing may be saved over it.
   */
  setAside: { reason: string; key: string | null } | null;
}

/** Reads the store, migrating an older one; an unusable one is set aside and an empty store returned. */
export function loadProgress(storage: StorageLike, now: Date): ProgressLoad {
  const raw = storage.getItem(PROGRESS_KEY);
  if (raw === null) return { data: emptyProgress(), setAside: null };
  const aside = (reason: string): ProgressLoad => {
    try {
      return { data: emptyProgress(), setAside: { reason, key: setProgressAside(storage, raw, reason, now) } };
    } catch {
      return { data: emptyProgress(), setAside: { reason, key: null } };
    }
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return aside('Your saved quiz progress could not be read (the stored data is damaged).');
  }
  const migrated = migrateProgress(parsed);
  if ('problem' in migrated) return aside(`Your saved quiz progress could not be used: ${migrated.problem}.`);
  const problem = progressProblem(migrated.value);
  if (problem) return aside(`Your saved quiz progress could not be used: ${problem}.`);
  return { data: migrated.value as ProgressData, setAside: null };
}

/** What to tell the learner about quiz progress that could not be used. */
export function setAsideNotice(setAside: { reason: string; key: string | null }, degraded: string | null = null): string {
  if (setAside.key === null || degraded)
    return `${setAside.reason} It stays untouched where it was saved (${degraded ?? 'browser storage refused to move it'}), and nothing will be saved over it; download your progress from the progress page to keep a copy.`;
  return `${setAside.reason} It has been set aside (kept in this browser under "${setAside.key}"; the progress page lists it).`;
}

export function saveProgress(storage: StorageLike, data: ProgressData): void {
  storage.setItem(PROGRESS_KEY, JSON.stringify(data));
}

/**
 * Reads, changes and writes the store in one go. Reading afresh before each write means two open
 * tabs add to each other's progress instead of overwriting it.
 */
export function updateProgress(storage: StorageLike, now: Date, change: (data: ProgressData) => ProgressData): ProgressLoad {
  const loaded = loadProgress(storage, now);
  // The unusable store could not be moved aside: writing now would overwrite it.
  if (loaded.setAside && loaded.setAside.key === null) throw new Error('browser storage refused to set the damaged quiz progress aside, so nothing is saved over it');
  const data = change(loaded.data);
  saveProgress(storage, data);
  return { data, setAside: loaded.setAside };
}

const sameSitting = (a: QuizResult, b: QuizResult) => a.quiz === b.quiz && a.startedAt === b.startedAt;

/** Adds a quiz result, or replaces the saved one of the same sitting (same quiz, same start). Keeps the list oldest first. */
export function upsertQuizResult(data: ProgressData, result: QuizResult): ProgressData {
  const others = data.quizResults.filter((r) => !sameSitting(r, result));
  return { ...data, quizResults: sortResults([...others, result]) };
}

export function sortResults(results: readonly QuizResult[]): QuizResult[] {
  return [...results].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.quiz.localeCompare(b.quiz));
}

import { putAside } from './put-aside';
import type { StorageLike } from './saved-attempt';

/**
 * The learner's self-assessment progress in the browser: quiz results with every answer, and the
 * FSRS review state. One versioned JSON value under one key. A stored value that cannot be used
 * (damaged, not ours, from a newer Calx) is never deleted and never crashes a page: it is moved
 * under a set-aside key with the reason, and the caller reports it.
 */

export const PROGRESS_KEY = 'calx:v1:progress';
export {
  found,
  progressProblem,
  PROGRESS_FORMAT,
  PROGRESS_VERSION,
  QUIZ_MODES,
  quizResultProblem,
  type AnswerRecord,
  type ProgressData,
  type QuizMode,
  type QuizResult,
} from '../schemas/quiz-result';
import { found, progressProblem, PROGRESS_FORMAT, PROGRESS_VERSION, type ProgressData, type QuizResult } from '../schemas/quiz-result';
import { isRecord } from '../utils/is-record';

export const emptyProgress = (): ProgressData => ({ format: PROGRESS_FORMAT, version: PROGRESS_VERSION, quizResults: [], review: {} });

/** A step from one stored version to the next: `MIGRATIONS[n]` turns version n into n + 1. */
export type Migration = (value: Record<string, unknown>) => Record<string, unknown>;
/** None yet: version 1 is the first. Add one here, never edit an old one, when the shape changes. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

/** Brings an older stored value up to `target` through the migrations; a newer or unknown one is a problem. */
export function migrateProgress(
  value: unknown,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  target = PROGRESS_VERSION,
): { value: unknown } | { problem: string } {
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
  const key = putAside(storage, 'progress', raw, reason, now);
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
    return (
      `${setAside.reason} It stays untouched where it was saved (${degraded ?? 'browser storage refused to move it'}), and ` +
      `nothing will be saved over it; download your progress from the progress page to keep a copy.`
    );
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
  if (loaded.setAside && loaded.setAside.key === null)
    throw new Error('browser storage refused to set the damaged quiz progress aside, so nothing is saved over it');
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

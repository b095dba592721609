import type { CaseDefinition } from '../schemas/case';
import { AttemptError, replay, type Replayed } from '../engine/attempt';
import { ATTEMPT_FORMAT_VERSION, attemptRecordProblem, type AttemptRecord } from '../engine/attempt-record';
import { migrateEvents } from '../engine/migrate';

export { attemptRecordProblem };
import { ATTEMPT_STORAGE_PREFIX, HISTORY_PREFIX, SET_ASIDE_PREFIX } from './keys';
import { degradedReason } from './guarded-storage';

/**
 * Saved attempts in the browser. A saved attempt that cannot be used (unreadable, another case
 * version, an event the case no longer accepts) is never deleted and never crashes the page: it is
 * moved under a set-aside key with the reason, and the learner is told.
 */

/** The part of the Web Storage API used here, so tests can pass an in-memory store. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type LoadOutcome =
  | { kind: 'none' }
  /**
   * A usable attempt. `rescoredFrom` is set when it was made on another scoring version of the case
   * and still replays on this one: it resumes, re-scored on the current version (its record now
   * names the current version; the events are unchanged).
   */
  | { kind: 'resumed'; record: AttemptRecord; replayed: Replayed; rescoredFrom?: string }
  | { kind: 'set-aside'; reason: string; key: string };

export const attemptKey = (slug: string) => `${ATTEMPT_STORAGE_PREFIX}${slug}`;

/** The slugs an attempt on this case may name: the current one and the case's former ones. */
export const slugsOf = (def: Pick<CaseDefinition, 'slug' | 'formerSlugs'>): string[] => [def.slug, ...(def.formerSlugs ?? [])];

/**
 * Moves what was saved under a former slug of the case to its current keys, once, on first read.
 * Never overwrites: a current attempt that exists already stays, and the former one joins the
 * history; a history is appended to, never replaced; a former key is removed only after its data
 * was written under the new one (a guarded storage that has switched to memory removes nothing).
 */
export function migrateFormerSlugs(storage: StorageLike, def: Pick<CaseDefinition, 'slug' | 'formerSlugs'>): void {
  for (const former of def.formerSlugs ?? []) {
    const oldCurrent = storage.getItem(attemptKey(former));
    const oldHistory = storage.getItem(`${HISTORY_PREFIX}${former}`);
    if (oldCurrent === null && oldHistory === null) continue;
    const renamed = (raw: string): unknown => {
      try {
        const v: unknown = JSON.parse(raw);
        return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as { case?: unknown }).case === former ? { ...v, case: def.slug } : v;
      } catch {
        return undefined;
      }
    };
    const history = readHistory(storage, def.slug);
    if (history === null) continue; // a damaged current history: leave everything where it is
    const moved: unknown[] = [];
    if (oldHistory !== null) {
      let list: unknown;
      try {
        list = JSON.parse(oldHistory);
      } catch {
        list = null;
      }
      if (!Array.isArray(list)) continue; // damaged: left under its former key for the set-aside listing
      moved.push(...list.map((entry) => (typeof entry === 'object' && entry !== null && (entry as { case?: unknown }).case === former ? { ...entry, case: def.slug } : entry)));
    }
    let current: string | null = null;
    if (oldCurrent !== null) {
      const value = renamed(oldCurrent);
      if (value === undefined) continue; // damaged: loadAttempt of the former slug's key is not ours to guess
      if (storage.getItem(attemptKey(def.slug)) === null) current = JSON.stringify(value);
      else moved.push(value);
    }
    if (moved.length) storage.setItem(`${HISTORY_PREFIX}${def.slug}`, JSON.stringify([...history, ...moved]));
    if (current !== null) storage.setItem(attemptKey(def.slug), current);
    if (degradedReason(storage) !== null) return;
    if (oldHistory !== null) storage.removeItem(`${HISTORY_PREFIX}${former}`);
    if (oldCurrent !== null) storage.removeItem(attemptKey(former));
  }
}

/** The case's history list, [] when there is none, null when it is damaged. */
function readHistory(storage: StorageLike, slug: string): unknown[] | null {
  const raw = storage.getItem(`${HISTORY_PREFIX}${slug}`);
  if (raw === null) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function newAttempt(def: CaseDefinition, now: Date): AttemptRecord {
  const t = now.toISOString();
  return { format: 'calx-attempt', formatVersion: ATTEMPT_FORMAT_VERSION, case: def.slug, caseVersion: def.version, events: [], startedAt: t, updatedAt: t };
}

/** Moves a raw saved value aside with its reason; returns the key it now lives under. */
export function setAside(storage: StorageLike, slug: string, raw: string, reason: string, now: Date): string {
  const key = `${SET_ASIDE_PREFIX}${slug}:${now.toISOString()}`;
  storage.setItem(key, JSON.stringify({ reason, setAsideAt: now.toISOString(), raw }));
  storage.removeItem(attemptKey(slug));
  return key;
}

/** Loads the saved attempt for a case, replaying it; anything unusable is set aside with a reason. */
export function loadAttempt(storage: StorageLike, def: CaseDefinition, now: Date): LoadOutcome {
  migrateFormerSlugs(storage, def);
  const raw = storage.getItem(attemptKey(def.slug));
  if (raw === null) return { kind: 'none' };
  const aside = (reason: string): LoadOutcome => ({ kind: 'set-aside', reason, key: setAside(storage, def.slug, raw, reason, now) });
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return aside('Your saved progress for this case could not be read (the stored data is damaged).');
  }
  const problem = attemptRecordProblem(parsed);
  if (problem) return aside(`Your saved progress for this case could not be used: ${problem}.`);
  let record = parsed as AttemptRecord;
  if (!slugsOf(def).includes(record.case)) return aside(`The progress saved under this case belongs to another case ("${record.case}").`);
  if (record.case !== def.slug) record = { ...record, case: def.slug };
  try {
    // A format-1 record is migrated (its commits become differentials) and saved as format 2 next time.
    const events = migrateEvents(def, record.events);
    const replayed = replay(def, events);
    const current = { ...record, formatVersion: ATTEMPT_FORMAT_VERSION, events };
    if (record.caseVersion === def.version) return { kind: 'resumed', record: current, replayed };
    // Made on another scoring version, and every step still applies: it carries on, re-scored here.
    return { kind: 'resumed', record: { ...current, caseVersion: def.version }, replayed, rescoredFrom: record.caseVersion };
  } catch (e) {
    if (!(e instanceof AttemptError)) throw e;
    if (record.caseVersion !== def.version)
      return aside(`This case has been changed in a way that affects scoring since you saved your progress, and your earlier attempt no longer replays on it (${e.message}).`);
    return aside(`Your saved progress includes a step this case does not accept (${e.message}).`);
  }
}

export function saveAttempt(storage: StorageLike, record: AttemptRecord): void {
  storage.setItem(attemptKey(record.case), JSON.stringify(record));
}

/** Keeps a finished attempt in the case's history and clears the current one, for "play again". */
export function archiveAttempt(storage: StorageLike, record: AttemptRecord): void {
  const key = `${HISTORY_PREFIX}${record.case}`;
  let history: unknown[] = [];
  try {
    const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]');
    if (Array.isArray(parsed)) history = parsed;
  } catch {
    // A damaged history is kept under its own set-aside key rather than overwritten.
    setAside(storage, `${record.case}:history`, storage.getItem(key) ?? '', 'damaged attempt history', new Date(record.updatedAt));
  }
  storage.setItem(key, JSON.stringify([...history, record]));
  storage.removeItem(attemptKey(record.case));
}

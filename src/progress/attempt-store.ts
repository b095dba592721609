import type { AttemptRecord } from '../schemas/attempt-record';
import { ATTEMPT_FORMAT_VERSION } from '../engine/attempt-format';
import type { CaseDefinition } from '../schemas/case';
import { ATTEMPT_STORAGE_PREFIX, HISTORY_PREFIX } from './keys';
import { putAside } from './put-aside';

/**
 * Starting, saving and archiving an attempt: what every case page needs. Reading a saved one back
 * (validating, migrating an old format, replaying) lives in saved-attempt.ts, which the case page
 * loads only when this browser holds something saved for the case.
 */

/** The part of the Web Storage API used here, so tests can pass an in-memory store. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const attemptKey = (slug: string) => `${ATTEMPT_STORAGE_PREFIX}${slug}`;

export function newAttempt(def: CaseDefinition, now: Date): AttemptRecord {
  const t = now.toISOString();
  return { format: 'calx-attempt', formatVersion: ATTEMPT_FORMAT_VERSION, case: def.slug, caseVersion: def.version, events: [], startedAt: t, updatedAt: t };
}

/** Moves a raw saved value aside with its reason; returns the key it now lives under. */
export function setAside(storage: StorageLike, slug: string, raw: string, reason: string, now: Date): string {
  const key = putAside(storage, slug, raw, reason, now);
  storage.removeItem(attemptKey(slug));
  return key;
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

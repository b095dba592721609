import * as z from 'zod/mini';
import { readAttemptRecord, type AttemptRecord } from '../schemas/attempt-record';
import { SetAsideRecordSchema, type SetAsideEntry } from '../schemas/set-aside';
import { attemptKey } from './former-slugs';
import { HISTORY_PREFIX, SET_ASIDE_PREFIX } from './keys';
import type { StorageLike } from './former-slugs';

/**
 * Data set aside in this browser (a damaged save, an attempt made on a version of a case it no
 * longer replays on, a store from a newer Calx, LMS data replaced on a shared computer): listed on
 * the progress page with what, when and why, included in the progress export, and restorable when
 * it is a readable case attempt. Nothing here deletes anything but a set-aside entry that was just
 * restored.
 */

export type { SetAsideEntry };

/** The kind of data an entry holds, for the listing. */
export type SetAsideKind = 'case-attempt' | 'case-history' | 'quiz-progress' | 'lms-data' | 'other';

/** A stored record read field by field: one written by an older version may lack a field, and what is there is still shown. */
const StoredSetAside = z.partial(SetAsideRecordSchema);
const WHEN_AT_END = /^(.*):(\d{4}-\d{2}-\d{2}T[\d:.]+Z)$/;

/** Reads one set-aside key; null when the value is not a set-aside record (it is then left alone). */
export function readSetAside(key: string, value: string | null): SetAsideEntry | null {
  if (!key.startsWith(SET_ASIDE_PREFIX) || value === null) return null;
  const rest = key.slice(SET_ASIDE_PREFIX.length);
  const m = WHEN_AT_END.exec(rest);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { key, what: m?.[1] ?? rest, reason: 'unknown (the set-aside record itself is damaged)', setAsideAt: m?.[2] ?? '', raw: value };
  }
  const stored = StoredSetAside.safeParse(parsed);
  const fields = stored.success ? stored.data : {};
  return { key, what: m?.[1] ?? rest, reason: fields.reason ?? 'unknown', setAsideAt: fields.setAsideAt ?? m?.[2] ?? '', raw: fields.raw ?? value };
}

export function setAsideKind(e: Pick<SetAsideEntry, 'what'>): SetAsideKind {
  if (e.what === 'progress') return 'quiz-progress';
  if (e.what.startsWith('scorm:')) return 'lms-data';
  if (e.what.endsWith(':history')) return 'case-history';
  if (/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(e.what)) return 'case-attempt';
  return 'other';
}

/** Every set-aside entry in storage, newest first. */
export function listSetAside(storage: StorageLike & { keys?(): string[]; length?: number; key?(i: number): string | null }): SetAsideEntry[] {
  const keys: string[] = [];
  if (storage.keys) keys.push(...storage.keys());
  else if (storage.length !== undefined && storage.key) for (let i = 0; i < storage.length; i++) keys.push(storage.key(i) ?? '');
  return keys
    .filter((k) => k.startsWith(SET_ASIDE_PREFIX))
    .map((k) => readSetAside(k, storage.getItem(k)))
    .filter((e): e is SetAsideEntry => e !== null)
    .sort((a, b) => b.setAsideAt.localeCompare(a.setAsideAt) || a.key.localeCompare(b.key));
}

/** The case slug an entry belongs to (current or former slug as stored), or null. */
export function setAsideCase(e: Pick<SetAsideEntry, 'what'>): string | null {
  const kind = setAsideKind(e);
  if (kind === 'case-attempt') return e.what;
  if (kind === 'case-history') return e.what.slice(0, -':history'.length);
  return null;
}

/** The attempt an entry holds, when it is a readable attempt record; null otherwise. */
export function restorableAttempt(e: SetAsideEntry): AttemptRecord | null {
  if (setAsideKind(e) !== 'case-attempt') return null;
  try {
    const read = readAttemptRecord(JSON.parse(e.raw));
    return 'record' in read ? read.record : null;
  } catch {
    return null;
  }
}

/**
 * Puts a set-aside attempt back: as the case's current attempt when there is none, otherwise at the
 * end of its history (so nothing current is replaced). `resolve` maps a former slug to the current
 * one. If the case page still cannot use it (it does not replay), it is set aside again, with the reason.
 * Returns where it went, or why it cannot be restored.
 */
export function restoreSetAside(
  storage: StorageLike,
  e: SetAsideEntry,
  resolve: (slug: string) => string | null,
): { restoredTo: string } | { problem: string } {
  const record = restorableAttempt(e);
  if (!record) return { problem: 'it is not a readable case attempt, so it can only be downloaded' };
  const slug = resolve(record.case);
  if (!slug) return { problem: `its case "${record.case.slice(0, 60)}" is not in this course` };
  const restored = { ...record, case: slug };
  const currentKey = attemptKey(slug);
  if (storage.getItem(currentKey) === null) {
    storage.setItem(currentKey, JSON.stringify(restored));
    storage.removeItem(e.key);
    return { restoredTo: currentKey };
  }
  const historyKey = `${HISTORY_PREFIX}${slug}`;
  const rawHistory = storage.getItem(historyKey);
  let history: unknown[] = [];
  if (rawHistory !== null) {
    try {
      const parsed: unknown = JSON.parse(rawHistory);
      if (!Array.isArray(parsed)) return { problem: 'the case history in this browser is damaged; restore it after that is set aside' };
      history = parsed;
    } catch {
      return { problem: 'the case history in this browser is damaged; restore it after that is set aside' };
    }
  }
  storage.setItem(historyKey, JSON.stringify([...history, restored]));
  storage.removeItem(e.key);
  return { restoredTo: historyKey };
}

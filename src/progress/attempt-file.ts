import type { AttemptRecord } from '../schemas/attempt-record';
import type { StorageLike } from './saved-attempt';

/**
 * The attempt file a learner downloads for their teacher: the attempt record, plus who made it and an
 * id that names this attempt and no other. The class results page tells learners apart by `learner`
 * (never by the file name, which browsers rename and learners share) and tells a second copy of the
 * same attempt from a different attempt by `attemptId`. Pure: no DOM, no clock.
 */
export interface AttemptFile extends AttemptRecord {
  /** The learner's name as they typed it (trimmed), e.g. "Alice Martin". */
  learner: string;
  /** Stable for one attempt however often it is downloaded; see attemptIdOf. */
  attemptId: string;
}

/** Where the learner's name is remembered in this browser, so it is asked for once. */
export const LEARNER_NAME_KEY = 'calx:v1:learner-name';
/** Longest name kept: enough for any real name, short enough for a table cell and a file name. */
export const LEARNER_NAME_MAX = 80;

/**
 * An id for an attempt: the case and the attempt's start time (to the millisecond) hashed to 12
 * base-36 characters. The same attempt always gets the same id (so a second download is recognised
 * as a copy); two attempts, even of the same case by the same learner, start at different times.
 */
export function attemptIdOf(record: Pick<AttemptRecord, 'case' | 'startedAt'>): string {
  // cyrb53: a small, well-distributed 53-bit string hash (public domain); not a security measure.
  const text = `${record.case}\u0000${record.startedAt}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36).padStart(11, '0').slice(-11);
}

/** A name as typed, tidied: inner runs of spaces collapsed, trimmed, at most LEARNER_NAME_MAX characters. */
export function tidyLearnerName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().slice(0, LEARNER_NAME_MAX);
}

/** Why a name cannot go in the file, or null. */
export function learnerNameProblem(name: string): string | null {
  const tidy = tidyLearnerName(name);
  if (!tidy) return 'Type your name first, so that your teacher can tell your attempt from others.';
  if (!/[\p{L}\p{N}]/u.test(tidy)) return 'Your name needs at least one letter or digit.';
  return null;
}

/** The attempt file for a record and a learner's name. */
export function attemptFile(record: AttemptRecord, learner: string): AttemptFile {
  return { ...record, learner: tidyLearnerName(learner), attemptId: attemptIdOf(record) };
}

/** A file name that carries the learner and the attempt: calx-<case>-<learner>-<attempt id>.json. */
export function attemptFileName(file: Pick<AttemptFile, 'case' | 'learner' | 'attemptId'>): string {
  const slug = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'learner';
  return `calx-${file.case}-${slug(file.learner)}-${file.attemptId}.json`;
}

/** The remembered name, or "" (storage may be missing or refuse). */
export function readLearnerName(storage: StorageLike | null): string {
  try {
    return tidyLearnerName(storage?.getItem(LEARNER_NAME_KEY) ?? '');
  } catch {
    return '';
  }
}

/** Remembers the name; false when this browser refuses to store it. */
export function writeLearnerName(storage: StorageLike | null, name: string): boolean {
  try {
    if (!storage) return false;
    storage.setItem(LEARNER_NAME_KEY, tidyLearnerName(name));
    return true;
  } catch {
    return false;
  }
}

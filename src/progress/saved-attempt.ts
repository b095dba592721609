import type { CaseDefinition } from '../schemas/case';
import { AttemptError, replay, type Replayed } from '../engine/attempt';
import { ATTEMPT_FORMAT_VERSION } from '../engine/attempt-format';
import { attemptRecordProblem, readAttemptRecord, type AttemptRecord } from '../schemas/attempt-record';
import { migrateEvents } from '../engine/migrate';

export { attemptRecordProblem };

/**
 * Saved attempts in the browser. A saved attempt that cannot be used (unreadable, another case
 * version, an event the case no longer accepts) is never deleted and never crashes the page: it is
 * moved under a set-aside key with the reason, and the learner is told.
 */

export { migrateFormerSlugs, slugsOf } from './former-slugs';
export { archiveAttempt, attemptKey, newAttempt, saveAttempt, setAside, type StorageLike } from './attempt-store';
import { migrateFormerSlugs, slugsOf } from './former-slugs';
import { attemptKey, setAside, type StorageLike } from './attempt-store';

export type LoadOutcome =
  | { kind: 'none' }
  /**
   * A usable attempt. `rescoredFrom` is set when it was made on another scoring version of the case
   * and still replays on this one: it resumes, re-scored on the current version (its record now
   * names the current version; the events are unchanged).
   */
  | { kind: 'resumed'; record: AttemptRecord; replayed: Replayed; rescoredFrom?: string }
  | { kind: 'set-aside'; reason: string; key: string };

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
  const read = readAttemptRecord(parsed);
  if ('problem' in read) return aside(`Your saved progress for this case could not be used: ${read.problem}.`);
  let record: AttemptRecord = read.record;
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
      return aside(
        `This case has been changed in a way that affects scoring since you saved your progress, and your earlier attempt no ` +
          `longer replays on it (${e.message}).`,
      );
    return aside(`Your saved progress includes a step this case does not accept (${e.message}).`);
  }
}

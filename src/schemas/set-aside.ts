import * as z from 'zod/mini';
import { SET_ASIDE_PREFIX } from './storage-keys';

export { SET_ASIDE_PREFIX };

/**
 * Data set aside in this browser: a damaged save, an attempt on a case version it no longer replays
 * on, a store from a newer Calx, LMS data replaced on a shared computer. Stored under
 * `calx:v1:set-aside:<what>:<when>` as `{ reason, setAsideAt, raw }`, listed on the progress page
 * and carried in the progress export with its key.
 */

/** The longest set-aside key read from a file (a case slug, `:history` and a date fit many times over). */
export const MAX_SET_ASIDE_KEY_LENGTH = 400;

/** The value stored under a set-aside key. */
export const SetAsideRecordSchema = z.object({
  /** Why it was set aside, in the words the learner was shown. */
  reason: z.string(),
  /** When (ISO 8601). */
  setAsideAt: z.string(),
  /** The stored text exactly as it was found. */
  raw: z.string(),
});
export type SetAsideRecord = z.infer<typeof SetAsideRecordSchema>;

/** One set-aside entry as listed and exported: its key and what it was, with the stored record. */
export const SetAsideEntrySchema = z.extend(SetAsideRecordSchema, {
  /** Its storage key (`calx:v1:set-aside:<what>:<when>`). */
  key: z.string().check(z.startsWith(SET_ASIDE_PREFIX), z.maxLength(MAX_SET_ASIDE_KEY_LENGTH)),
  /** What it was: a case slug, `<slug>:history`, `progress` (quiz progress) or `scorm:…` (LMS data). Derived from the key when absent. */
  what: z.optional(z.string()),
});
export type SetAsideEntry = z.infer<typeof SetAsideEntrySchema> & { what: string };

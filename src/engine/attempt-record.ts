/**
 * The stored form of an attempt, with no dependency on XState: pages that only store, export or
 * import attempts (progress, class results) need this, not the machine. The record's schema and its
 * reader live with the other schemas (src/schemas/attempt-record.ts); this re-exports them for the
 * engine's callers.
 */
export {
  AttemptRecordSchema,
  attemptRecordProblem,
  eventsBoundsProblem,
  MAX_EVENTS_PER_ATTEMPT,
  MAX_ID_LENGTH,
  READABLE_FORMAT_VERSIONS,
  readAttemptRecord,
  storedEventProblem,
  type AttemptRecord,
  type AttemptResultSummary,
  type StoredEvent,
} from '../schemas/attempt-record';
export { SOMETHING_ELSE_ID } from '../schemas/differential';
export { ATTEMPT_FORMAT_VERSION } from './attempt-format';

/**
 * The format version of a stored attempt, apart from the record's validators (attempt-record.ts) so
 * that the case page can start and save an attempt without loading the code that reads old ones.
 * Bump it, and add a migration, when the shape changes.
 */
export const ATTEMPT_FORMAT_VERSION = 2;

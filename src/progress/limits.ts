/**
 * The bounds on what Calx reads from files and storage, in one place (the README lists them). Each
 * is far above any real use, and exists so that a damaged or hostile input gets a clear message
 * instead of freezing or crashing a page or the CLI.
 */
export { MAX_ATTEMPTS_PER_FILE, MAX_EVENTS_PER_ATTEMPT, MAX_ID_LENGTH, MAX_SET_ASIDE_PER_FILE } from '../schemas/attempt-limits';

/** The largest file that progress import, class results and `npm run attempt` read (a real export of every case and quiz is under 1 MB). */
export const MAX_INPUT_FILE_BYTES = 20 * 1024 * 1024;

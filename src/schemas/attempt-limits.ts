/**
 * The bounds on attempts and progress files read from a file or from storage, apart from their
 * schemas (attempt-record.ts, progress-export.ts) so that code which only needs the numbers does
 * not bundle a schema library.
 */

/**
 * The most events one attempt may hold. A real attempt has tens (all five cases with every action
 * at every stage and a revision at each come to about 430 events in all); the cap keeps a damaged or
 * hostile file from tying up a page, while replay (linear) takes well under a second at the cap.
 */
export const MAX_EVENTS_PER_ATTEMPT = 10_000;
/** The longest case slug, case version, action or diagnosis id read from a file (real ones are under 60 characters). */
export const MAX_ID_LENGTH = 200;

/** The attempt formats this version reads: 1 (one option and a confidence per commit) is migrated on replay. */
export const READABLE_FORMAT_VERSIONS: readonly number[] = [1, 2];

/** The most case attempts one progress export may hold (a learner replaying every case daily for a year has under 2,000). */
export const MAX_ATTEMPTS_PER_FILE = 5_000;
/** The most set-aside entries one progress export may hold. */
export const MAX_SET_ASIDE_PER_FILE = 1_000;

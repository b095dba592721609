import type { LoadOutcome } from '../progress/saved-attempt';
import { degradedNotice } from '../progress/guarded-storage';
import type { SessionView } from './attempt-session';

/**
 * What the player says about a saved attempt it has read back: resumed (with a word when the case was
 * re-scored) or set aside, and whether storage is refusing writes. Loaded with the reader, only when this
 * browser holds something for the case, so a first visit does not download these messages.
 */
export function resumeNotice(outcome: Exclude<LoadOutcome, { kind: 'none' }>, degraded: string | null, finished: boolean): SessionView['notice'] {
  if (outcome.kind === 'set-aside') {
    // Storage that refused the move keeps the saved data exactly where it was: say so, never "set aside".
    const where = degraded
      ? `It stays untouched where it was saved (${degraded}, so it could not be moved aside), and this new attempt is kept on ` +
        `this page only: download it before you leave.`
      : `It has been set aside (kept in this browser under "${outcome.key}"; your progress page lists it), and the case starts afresh.`;
    return { tone: 'warning', text: `${outcome.reason} ${where}`, offerDownload: degraded !== null };
  }
  if (degraded) return { tone: 'warning', text: degradedNotice(degraded), offerDownload: true };
  const rescored = outcome.rescoredFrom
    ? ' This case has been updated since then in a way that affects scoring; every step you took still applies, so it has been ' +
      'replayed and scored on the current version.'
    : '';
  return {
    tone: 'info',
    text: (finished ? 'Showing your finished attempt.' : `Welcome back: your attempt is restored (${outcome.record.events.length} steps).`) + rescored,
  };
}

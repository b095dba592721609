import type { SetAsideRecord } from '../schemas/set-aside';
import { SET_ASIDE_PREFIX } from './keys';
import type { StorageLike } from './attempt-store';

/**
 * Writes a set-aside record: the one way anything is set aside (a damaged saved attempt or history,
 * unusable quiz progress, local data an import had to move). Free of the schema library, because the
 * case page sets a damaged save aside. Returns the key the record now lives under; removing the
 * original is the caller's business (an import keeps it until the merge is written).
 */
export function putAside(storage: StorageLike, what: string, raw: string, reason: string, now: Date): string {
  const key = `${SET_ASIDE_PREFIX}${what}:${now.toISOString()}`;
  const record: SetAsideRecord = { reason, setAsideAt: now.toISOString(), raw };
  storage.setItem(key, JSON.stringify(record));
  return key;
}

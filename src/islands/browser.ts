import { guardStorage, refusalReason, type GuardedStorage } from '../progress/guarded-storage';

let shared: GuardedStorage | null = null;

/**
 * This browser's local storage behind a guard: reads work whenever the browser allows them, and a
 * refused write (full, blocked) switches the page to memory instead of throwing. One per page, so
 * that every island sees the same memory copy. Inside a SCORM package's frame nothing differs: the
 * package's entry page hears each write as the browser's `storage` event and sends it to the LMS.
 */
export function browserStorage(): GuardedStorage {
  if (shared) return shared;
  try {
    const local = window.localStorage;
    local.getItem('calx:v1:preferences');
    shared = guardStorage(local);
  } catch (e) {
    shared = guardStorage(null, refusalReason(e));
  }
  return shared;
}

import { guardStorage, refusalReason, type GuardedStorage } from '../progress/guarded-storage';
import { packageRuntime, reportingStorage } from '../scorm/frame-storage';

let shared: GuardedStorage | null = null;

/**
 * This browser's local storage behind a guard: reads work whenever the browser allows them, and a
 * refused write (full, blocked) switches the page to memory instead of throwing. One per page, so
 * that every island sees the same memory copy. Inside a SCORM package's frame, every change is also
 * reported to the package's runtime, which sends it to the LMS.
 */
export function browserStorage(): GuardedStorage {
  if (shared) return shared;
  try {
    const local = window.localStorage;
    local.getItem('calx:v1:preferences');
    const runtime = packageRuntime(window);
    shared = guardStorage(runtime ? reportingStorage(local, runtime) : local);
  } catch (e) {
    shared = guardStorage(null, refusalReason(e));
  }
  return shared;
}

// Dates are formatted in the course's one locale (en-GB); kept here under their old name for the islands.
export { formatDate, formatDateTime } from '../utils/dates';

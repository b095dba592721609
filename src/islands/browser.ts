import type { EnumerableStorage } from '../progress/export';

/** This browser's local storage, or null when it is blocked or full (private modes, policies). */
export function browserStorage(): EnumerableStorage | null {
  try {
    const probe = '__calx_probe__';
    window.localStorage.setItem(probe, probe);
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    return null;
  }
}

// Dates are formatted in the course's one locale (en-GB); kept here under their old name for the islands.
export { formatDate, formatDateTime } from '../utils/dates';

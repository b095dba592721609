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

/** A date as the learner's browser writes it, e.g. "22 Nov 2026". */
export function formatDate(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

import type { StorageLike } from './saved-attempt';

/** The learner's display preferences, remembered across pages and visits. */
export type UnitSystem = 'conventional' | 'si';
export interface Preferences {
  units: UnitSystem;
}

export const PREFERENCES_KEY = 'calx:v1:preferences';
export const DEFAULT_PREFERENCES: Preferences = { units: 'conventional' };

/** Reads preferences; anything unreadable falls back to the defaults (a preference is not worth an error). */
export function readPreferences(storage: StorageLike | null): Preferences {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(PREFERENCES_KEY) ?? 'null');
    const units = (parsed as Partial<Preferences> | null)?.units;
    return { units: units === 'si' || units === 'conventional' ? units : DEFAULT_PREFERENCES.units };
  } catch {
    return DEFAULT_PREFERENCES;
  }
}

export function writePreferences(storage: StorageLike | null, prefs: Preferences): void {
  try {
    storage?.setItem(PREFERENCES_KEY, JSON.stringify(prefs));
  } catch {
    // Storage full or blocked: the choice still applies to this page.
  }
}

import type { CaseDefinition } from '../schemas/case';
import { HISTORY_PREFIX } from './keys';
import { attemptKey, type StorageLike } from './attempt-store';
import { degradedReason } from './guarded-storage';

export { attemptKey, type StorageLike };

/**
 * The storage keys of a case's attempts and the move from a former slug to the current one. Kept
 * apart from saved-attempt.ts, which replays attempts through the case engine, so that pages that
 * only list or move stored attempts (progress) do not load XState and the engine.
 */

/** The slugs an attempt on this case may name: the current one and the case's former ones. */
export const slugsOf = (def: Pick<CaseDefinition, 'slug' | 'formerSlugs'>): string[] => [def.slug, ...(def.formerSlugs ?? [])];

/**
 * Moves what was saved under a former slug of the case to its current keys, once, on first read.
 * Never overwrites: a current attempt that exists already stays, and the former one joins the
 * history; a history is appended to, never replaced; a former key is removed only after its data
 * was written under the new one (a guarded storage that has switched to memory removes nothing).
 */
export function migrateFormerSlugs(storage: StorageLike, def: Pick<CaseDefinition, 'slug' | 'formerSlugs'>): void {
  for (const former of def.formerSlugs ?? []) {
    const oldCurrent = storage.getItem(attemptKey(former));
    const oldHistory = storage.getItem(`${HISTORY_PREFIX}${former}`);
    if (oldCurrent === null && oldHistory === null) continue;
    const renamed = (raw: string): unknown => {
      try {
        const v: unknown = JSON.parse(raw);
        return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as { case?: unknown }).case === former ? { ...v, case: def.slug } : v;
      } catch {
        return undefined;
      }
    };
    const history = readHistory(storage, def.slug);
    if (history === null) continue; // a damaged current history: leave everything where it is
    const moved: unknown[] = [];
    if (oldHistory !== null) {
      let list: unknown;
      try {
        list = JSON.parse(oldHistory);
      } catch {
        list = null;
      }
      if (!Array.isArray(list)) continue; // damaged: left under its former key for the set-aside listing
      moved.push(
        ...list.map((entry) =>
          typeof entry === 'object' && entry !== null && (entry as { case?: unknown }).case === former ? { ...entry, case: def.slug } : entry,
        ),
      );
    }
    let current: string | null = null;
    if (oldCurrent !== null) {
      const value = renamed(oldCurrent);
      if (value === undefined) continue; // damaged: loadAttempt of the former slug's key is not ours to guess
      if (storage.getItem(attemptKey(def.slug)) === null) current = JSON.stringify(value);
      else moved.push(value);
    }
    if (moved.length) storage.setItem(`${HISTORY_PREFIX}${def.slug}`, JSON.stringify([...history, ...moved]));
    if (current !== null) storage.setItem(attemptKey(def.slug), current);
    if (degradedReason(storage) !== null) return;
    if (oldHistory !== null) storage.removeItem(`${HISTORY_PREFIX}${former}`);
    if (oldCurrent !== null) storage.removeItem(attemptKey(former));
  }
}

/** The case's history list, [] when there is none, null when it is damaged. */
function readHistory(storage: StorageLike, slug: string): unknown[] | null {
  const raw = storage.getItem(`${HISTORY_PREFIX}${slug}`);
  if (raw === null) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

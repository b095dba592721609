import type { EnumerableStorage } from './export';

/**
 * Browser storage that never throws and never half-writes. Every read and write to the browser's
 * storage is caught; the first one refused (storage full, blocked by a privacy setting, a security
 * error) switches the page to memory: from then on every change is kept in memory only, and the
 * browser's storage is neither written nor cleared. So an attempt that could not be moved aside is
 * never overwritten or removed (its removal is held in memory too), the page keeps working, and the
 * learner is told, with an export that reads the memory copy.
 */
export interface GuardedStorage extends EnumerableStorage {
  /** Null while every change reaches the browser's storage; otherwise why changes are kept in memory only. */
  readonly degraded: string | null;
  /** Every key, sorted (memory changes included). */
  keys(): string[];
  /**
   * Writes (a value) and removals (null) all or nothing: when the browser refuses one, the ones
   * already made are undone in the browser's storage and false is returned, with nothing changed
   * and the page still saving normally. While degraded, it refuses without trying.
   */
  applyAll(changes: ReadonlyMap<string, string | null>): boolean;
}

/** Why the browser refused, in words for the learner. */
export function refusalReason(error: unknown): string {
  const name = error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error) ? String((error as { name: unknown }).name) : '';
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return 'browser storage is full';
  if (name === 'SecurityError') return 'this browser does not let Calx store data here (a privacy setting or private mode)';
  return 'browser storage refused a change';
}

/** The notice a page shows while storage is degraded. */
export function degradedNotice(reason: string): string {
  return (
    `Calx cannot save in this browser right now (${reason}). What you do on this page is kept in memory only, and nothing ` +
    `already saved has been changed or removed. Download your progress before you leave the page.`
  );
}

/** Written and removed at once to learn whether storage takes writes; not a `calx:` key, so nothing else reads it. */
const PROBE_KEY = '__calx_probe__';

class Guarded implements GuardedStorage {
  /** Changes kept in memory once degraded: a value, or null for a removal. */
  private readonly memory = new Map<string, string | null>();
  private reason: string | null;

  constructor(
    private readonly backing: EnumerableStorage | null,
    blockedReason: string | null,
  ) {
    this.reason = backing ? null : (blockedReason ?? 'this browser does not let Calx store data here (a privacy setting or private mode)');
    // A one-byte probe, so that a page knows at once (not at the learner's first step) that it cannot save.
    if (backing && this.reason === null) {
      try {
        backing.setItem(PROBE_KEY, '1');
        backing.removeItem(PROBE_KEY);
      } catch (e) {
        this.degrade(e);
      }
    }
  }

  get degraded(): string | null {
    return this.reason;
  }

  private degrade(error: unknown) {
    this.reason ??= refusalReason(error);
  }

  getItem(key: string): string | null {
    if (this.memory.has(key)) return this.memory.get(key)!;
    if (!this.backing) return null;
    try {
      return this.backing.getItem(key);
    } catch (e) {
      this.degrade(e);
      return null;
    }
  }

  setItem(key: string, value: string): void {
    if (this.reason === null && this.backing) {
      try {
        this.backing.setItem(key, value);
        return;
      } catch (e) {
        this.degrade(e);
      }
    }
    this.memory.set(key, value);
  }

  removeItem(key: string): void {
    if (this.reason === null && this.backing) {
      try {
        this.backing.removeItem(key);
        return;
      } catch (e) {
        this.degrade(e);
      }
    }
    this.memory.set(key, null);
  }

  applyAll(changes: ReadonlyMap<string, string | null>): boolean {
    if (this.reason !== null || !this.backing) return false;
    const backing = this.backing;
    const before = new Map<string, string | null>();
    try {
      for (const [k, v] of changes) {
        before.set(k, backing.getItem(k));
        if (v === null) backing.removeItem(k);
        else backing.setItem(k, v);
      }
      return true;
    } catch {
      for (const [k, v] of before) {
        try {
          if (v === null) backing.removeItem(k);
          else backing.setItem(k, v);
        } catch {
          // Restoring an earlier value takes no more room than it had; nothing else to try.
        }
      }
      return false;
    }
  }

  keys(): string[] {
    const found = new Set<string>();
    if (this.backing) {
      try {
        for (let i = 0; i < this.backing.length; i++) {
          const k = this.backing.key(i);
          if (k !== null) found.add(k);
        }
      } catch (e) {
        this.degrade(e);
      }
    }
    for (const [k, v] of this.memory) {
      if (v === null) found.delete(k);
      else found.add(k);
    }
    return [...found].sort();
  }

  get length(): number {
    return this.keys().length;
  }

  key(index: number): string | null {
    return this.keys()[index] ?? null;
  }
}

/** Wraps the browser's storage (or null when it cannot even be reached) so that nothing throws and nothing is overwritten after a refusal. */
export function guardStorage(backing: EnumerableStorage | null, blockedReason: string | null = null): GuardedStorage {
  return new Guarded(backing, blockedReason);
}

/** Whether a storage is a guarded one that has switched to memory; plain storages report nothing. */
export function degradedReason(storage: unknown): string | null {
  return typeof storage === 'object' && storage !== null && 'degraded' in storage ? ((storage as GuardedStorage).degraded ?? null) : null;
}

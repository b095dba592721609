import type { EnumerableStorage } from '../progress/export';

/** What a step's page may ask of the package's runtime (src/scorm/runtime.ts), which sets it on the entry page. */
export interface PackageRuntime {
  /** Local storage changed: the runtime reads it and sends what changed to the LMS. */
  changed(): void;
}

/**
 * The runtime of the SCORM package whose entry page frames this page, or null on the web (no parent
 * frame, a parent of another origin, or a parent that is not a Calx package).
 */
export function packageRuntime(win: Window): PackageRuntime | null {
  try {
    return win.parent === win ? null : ((win.parent as unknown as { __calxScorm?: PackageRuntime }).__calxScorm ?? null);
  } catch {
    return null;
  }
}

/**
 * Local storage that tells the package's runtime after every change of a Calx key, so the LMS hears
 * of each step at once. The islands get it from `browserStorage()` in place of local storage; nothing
 * else changes for them.
 */
export function reportingStorage(local: EnumerableStorage, runtime: PackageRuntime): EnumerableStorage {
  const report = (key: string) => {
    if (!key.startsWith('calx:')) return;
    try {
      runtime.changed();
    } catch {
      /* the entry page is unloading: it reads storage once more as it finishes, and at the next launch */
    }
  };
  return {
    get length() {
      return local.length;
    },
    key: (i) => local.key(i),
    getItem: (key) => local.getItem(key),
    setItem(key, value) {
      local.setItem(key, value);
      report(key);
    },
    removeItem(key) {
      local.removeItem(key);
      report(key);
    },
  };
}

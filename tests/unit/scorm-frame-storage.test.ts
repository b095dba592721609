import { describe, expect, it } from 'vitest';
import { ATTEMPT_STORAGE_PREFIX } from '../../src/progress/keys';
import { MemoryStorage } from '../../src/progress/memory-storage';
import { guardStorage } from '../../src/progress/guarded-storage';
import { packageRuntime, reportingStorage } from '../../src/scorm/frame-storage';

/**
 * A step's page inside a SCORM package reports every change of Calx data to the package's runtime
 * through the storage the islands are given (no patched Storage.prototype, no poll).
 */

const counter = () => {
  const runtime = {
    calls: 0,
    changed() {
      runtime.calls++;
    },
  };
  return runtime;
};

describe('the storage of a step page in a SCORM package', () => {
  it('writes through to local storage and reports each change of a Calx key to the runtime', () => {
    const local = new MemoryStorage();
    const runtime = counter();
    const storage = reportingStorage(local, runtime);
    const key = `${ATTEMPT_STORAGE_PREFIX}case-a`;
    storage.setItem(key, '{"events":[]}');
    expect(local.getItem(key)).toBe('{"events":[]}');
    expect(runtime.calls).toBe(1);
    storage.removeItem(key);
    expect(local.getItem(key)).toBeNull();
    expect(runtime.calls).toBe(2);
    expect(storage.length).toBe(0);
  });

  it('does not report keys that are not Calx data (the guard’s write probe)', () => {
    const runtime = counter();
    const storage = reportingStorage(new MemoryStorage(), runtime);
    storage.setItem('__calx_probe__', '1');
    storage.removeItem('__calx_probe__');
    expect(runtime.calls).toBe(0);
  });

  it('behind the guard the islands use, an island’s save reaches the runtime once', () => {
    const runtime = counter();
    const guarded = guardStorage(reportingStorage(new MemoryStorage(), runtime));
    guarded.setItem(`${ATTEMPT_STORAGE_PREFIX}case-a`, '{}');
    expect(guarded.degraded).toBeNull();
    expect(runtime.calls).toBe(1);
  });

  it('keeps the write when the runtime is gone (the entry page unloading)', () => {
    const local = new MemoryStorage();
    const storage = reportingStorage(local, {
      changed: () => {
        throw new Error('gone');
      },
    });
    expect(() => storage.setItem('calx:v1:x', '1')).not.toThrow();
    expect(local.getItem('calx:v1:x')).toBe('1');
  });

  it('finds the runtime only in a package’s frame', () => {
    const runtime = counter();
    const top = {} as { parent?: unknown };
    top.parent = top;
    expect(packageRuntime(top as unknown as Window)).toBeNull();
    expect(packageRuntime({ parent: { __calxScorm: runtime } } as unknown as Window)).toBe(runtime);
    expect(packageRuntime({ parent: {} } as unknown as Window)).toBeNull();
    const foreign = {
      get parent(): unknown {
        return new Proxy(
          {},
          {
            get() {
              throw new DOMException('cross-origin', 'SecurityError');
            },
          },
        );
      },
    };
    expect(packageRuntime(foreign as unknown as Window)).toBeNull();
  });
});

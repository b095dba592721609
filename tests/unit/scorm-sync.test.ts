import { describe, expect, it } from 'vitest';
import { adaptApi, type ScormApi12, type ScormApi2004 } from '../../src/scorm/lms';
import { LmsSync, type SyncState, type Timers } from '../../src/scorm/sync';

/** A fake clock whose timers run only when the test advances it. */
class FakeTimers implements Timers {
  time = 0;
  private queue: { at: number; fn: () => void; id: number }[] = [];
  private next = 1;
  now = () => this.time;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.next++;
    this.queue.push({ at: this.time + ms, fn, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.queue = this.queue.filter((t) => t.id !== id);
  };
  get pending() {
    return this.queue.map((t) => t.at - this.time);
  }
  advance(ms: number) {
    const end = this.time + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at);
      const t = this.queue[0];
      if (!t || t.at > end) break;
      this.queue.shift();
      this.time = t.at;
      t.fn();
    }
    this.time = end;
  }
}

type Failure = 'error' | 'throw';

/**
 * A SCORM 1.2 LMS that fails its next `failures` commits (answering "false" with error 101, or
 * throwing), optionally SetValue too, and keeps what it has committed: what a real LMS would have
 * stored on its server.
 */
class FakeLms12 implements ScormApi12 {
  values = new Map<string, string>();
  committed: Map<string, string>[] = [];
  commitsTried = 0;
  finished = false;
  private error = '0';
  constructor(
    public failures = 0,
    public mode: Failure = 'error',
    public failSet = false,
  ) {}
  private fail(): string {
    this.failures--;
    if (this.mode === 'throw') throw new Error('LMS unreachable');
    this.error = '101';
    return 'false';
  }
  LMSInitialize = () => 'true';
  LMSFinish = () => {
    if (this.failures > 0) return this.fail();
    this.finished = true;
    this.committed.push(new Map(this.values));
    return 'true';
  };
  LMSGetValue = (k: string) => this.values.get(k) ?? '';
  LMSSetValue = (k: string, v: string) => {
    if (this.failSet && this.failures > 0) return this.fail();
    this.values.set(k, v);
    this.error = '0';
    return 'true';
  };
  LMSCommit = () => {
    this.commitsTried++;
    if (this.failures > 0) return this.fail();
    this.committed.push(new Map(this.values));
    this.error = '0';
    return 'true';
  };
  LMSGetLastError = () => this.error;
  LMSGetErrorString = (c: string) => (c === '101' ? 'General exception' : '');
  LMSGetDiagnostic = () => '';
  /** The LMS forgets what was set but not committed (e.g. its server call failed and it reloaded). */
  forgetUncommitted() {
    this.values = new Map(this.committed.at(-1) ?? []);
  }
}

const lastCommitted = (lms: FakeLms12) => Object.fromEntries(lms.committed.at(-1) ?? []);

function setup(lms: FakeLms12) {
  const timers = new FakeTimers();
  const sync = new LmsSync(adaptApi(lms, '1.2')!, { timers, baseDelay: 1000, maxDelay: 8000 });
  const states: SyncState[] = [];
  sync.onState((s) => states.push(s));
  return { timers, sync, states };
}

describe('LmsSync: commits that fail lose nothing', () => {
  it('sends and commits every change when the LMS answers', () => {
    const lms = new FakeLms12();
    const { sync, states } = setup(lms);
    expect(
      sync.update([
        ['cmi.suspend_data', 'A'],
        ['cmi.core.lesson_status', 'incomplete'],
      ]),
    ).toBe(true);
    expect(lastCommitted(lms)).toEqual({ 'cmi.suspend_data': 'A', 'cmi.core.lesson_status': 'incomplete' });
    expect(states.at(-1)?.kind).toBe('saved');
    // Only what changed is set again.
    sync.update([
      ['cmi.suspend_data', 'B'],
      ['cmi.core.lesson_status', 'incomplete'],
    ]);
    expect(lastCommitted(lms)['cmi.suspend_data']).toBe('B');
  });

  for (const mode of ['error', 'throw'] as const) {
    it(
      `keeps the latest data through ${mode === 'error' ? 'commits answered with an error' : 'commits that throw'}, retries with ` +
        `backoff, and delivers it when the LMS recovers`,
      () => {
        const lms = new FakeLms12(4, mode);
        const { sync, timers, states } = setup(lms);
        expect(sync.update([['cmi.suspend_data', 'step-1']])).toBe(false);
        const pending = sync.state;
        expect(pending.kind).toBe('pending');
        if (pending.kind === 'pending') {
          expect(pending.failures).toBe(1);
          expect(pending.error?.code).toBe(mode === 'error' ? '101' : 'threw');
          if (mode === 'error') expect(pending.error?.message).toBe('General exception');
          expect(pending.retryAt).toBe(1000);
        }
        // New data while a retry is scheduled waits for the retry, and replaces the older value.
        expect(
          sync.update([
            ['cmi.suspend_data', 'step-2'],
            ['cmi.core.score.raw', '40'],
          ]),
        ).toBe(false);
        expect(lms.commitsTried).toBe(1);
        expect(sync.unsent).toEqual([
          ['cmi.suspend_data', 'step-2'],
          ['cmi.core.score.raw', '40'],
        ]);
        // Backoff: 1 s, 2 s, 4 s, then the fourth retry (after 8 s) succeeds.
        timers.advance(1000);
        expect(lms.commitsTried).toBe(2);
        expect(timers.pending).toEqual([2000]);
        timers.advance(2000);
        expect(timers.pending).toEqual([4000]);
        timers.advance(4000);
        expect(lms.committed).toHaveLength(0);
        expect(timers.pending).toEqual([8000]);
        timers.advance(8000);
        expect(lms.commitsTried).toBe(5);
        expect(lastCommitted(lms)).toEqual({ 'cmi.suspend_data': 'step-2', 'cmi.core.score.raw': '40' });
        expect(sync.state.kind).toBe('saved');
        expect(sync.unsent).toEqual([]);
        expect(timers.pending).toEqual([]);
        expect(states.filter((s) => s.kind === 'pending').map((s) => (s.kind === 'pending' ? s.failures : 0))).toEqual([1, 2, 3, 4]);
      },
    );
  }

  it('caps the delay between retries', () => {
    const lms = new FakeLms12(10);
    const { sync, timers } = setup(lms);
    sync.update([['cmi.suspend_data', 'x']]);
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      delays.push(timers.pending[0]!);
      timers.advance(timers.pending[0]!);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('sends again what the LMS may have lost: values set before a failed commit are set again on the retry', () => {
    const lms = new FakeLms12(1);
    const { sync, timers } = setup(lms);
    sync.update([
      ['cmi.suspend_data', 'v1'],
      ['cmi.core.lesson_status', 'incomplete'],
    ]);
    lms.forgetUncommitted();
    timers.advance(1000);
    expect(lastCommitted(lms)).toEqual({ 'cmi.suspend_data': 'v1', 'cmi.core.lesson_status': 'incomplete' });
  });

  it('treats a refused SetValue like a failed commit', () => {
    const lms = new FakeLms12(2, 'error', true);
    const { sync, timers } = setup(lms);
    sync.update([['cmi.suspend_data', 'v1']]);
    expect(sync.state.kind).toBe('pending');
    timers.advance(1000 + 2000);
    expect(lastCommitted(lms)).toEqual({ 'cmi.suspend_data': 'v1' });
  });

  it('a forced update sends at once even while a retry is scheduled', () => {
    const lms = new FakeLms12(1);
    const { sync } = setup(lms);
    sync.update([['cmi.suspend_data', 'v1']]);
    expect(sync.update([['cmi.suspend_data', 'v2']], true)).toBe(true);
    expect(lastCommitted(lms)).toEqual({ 'cmi.suspend_data': 'v2' });
  });

  it('finish tries a last commit, then LMSFinish; when the LMS is still failing it reports the data unsaved, drops nothing and stops retrying', () => {
    const lms = new FakeLms12(5);
    const { sync, timers } = setup(lms);
    sync.update([['cmi.suspend_data', 'v1']]);
    expect(sync.finish([['cmi.core.session_time', '00:01:00.00']])).toBe(false);
    expect(sync.state).toEqual({ kind: 'finished', saved: false });
    expect(sync.unsent).toEqual([
      ['cmi.suspend_data', 'v1'],
      ['cmi.core.session_time', '00:01:00.00'],
    ]);
    expect(timers.pending).toEqual([]);
    expect(sync.update([['cmi.suspend_data', 'v2']])).toBe(false);
  });

  it('finish commits and ends the session when the LMS answers', () => {
    const lms = new FakeLms12();
    const { sync } = setup(lms);
    sync.update([['cmi.suspend_data', 'v1']]);
    expect(
      sync.finish([
        ['cmi.core.session_time', '00:01:00.00'],
        ['cmi.core.exit', 'suspend'],
      ]),
    ).toBe(true);
    expect(lms.finished).toBe(true);
    expect(lastCommitted(lms)).toMatchObject({ 'cmi.suspend_data': 'v1', 'cmi.core.session_time': '00:01:00.00', 'cmi.core.exit': 'suspend' });
  });

  it('works the same over the SCORM 2004 API', () => {
    let failures = 2;
    const stored = new Map<string, string>();
    const committed: Record<string, string>[] = [];
    const api: ScormApi2004 = {
      Initialize: () => 'true',
      Terminate: () => 'true',
      GetValue: (k) => stored.get(k) ?? '',
      SetValue: (k, v) => (stored.set(k, v), 'true'),
      Commit: () => {
        if (failures-- > 0) return 'false';
        committed.push(Object.fromEntries(stored));
        return 'true';
      },
      GetLastError: () => (failures >= 0 ? '391' : '0'),
      GetErrorString: () => 'Commit Failed',
      GetDiagnostic: () => '',
    };
    const timers = new FakeTimers();
    const sync = new LmsSync(adaptApi(api, '2004')!, { timers });
    sync.update([['cmi.suspend_data', 'x']]);
    expect(sync.state).toMatchObject({ kind: 'pending', error: { code: '391', message: 'Commit Failed' } });
    timers.advance(1000 + 2000);
    expect(committed.at(-1)).toEqual({ 'cmi.suspend_data': 'x' });
  });
});

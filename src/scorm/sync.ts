import type { Lms, LmsError } from './lms';

/**
 * Keeps the LMS up to date without ever dropping data. The latest values are held until a commit
 * succeeds: a failed SetValue or Commit (an error answer, or a throw) leaves them pending and
 * schedules a retry with exponential backoff; newer values replace older ones while pending; on
 * success only what the LMS confirmed is marked as sent. Every attempt re-sends every value the LMS
 * has not confirmed, since an LMS whose commit failed may have lost the values set before it.
 */

export type SyncState =
  | { kind: 'idle' }
  | { kind: 'saved'; at: number }
  | { kind: 'pending'; failures: number; error: LmsError | null; retryAt: number | null }
  | { kind: 'finished'; saved: boolean };

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SyncOptions {
  /** First retry delay (ms); doubled after each failure up to `maxDelay`. */
  baseDelay?: number;
  maxDelay?: number;
  timers?: Timers;
}

const defaultTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class LmsSync {
  private latest = new Map<string, string>();
  private confirmed = new Map<string, string>();
  private failures = 0;
  private timer: unknown = null;
  private stateValue: SyncState = { kind: 'idle' };
  private readonly listeners = new Set<(s: SyncState) => void>();
  private readonly baseDelay: number;
  private readonly maxDelay: number;
  private readonly timers: Timers;
  private finished = false;

  constructor(
    private readonly lms: Lms,
    options: SyncOptions = {},
  ) {
    this.baseDelay = options.baseDelay ?? 1000;
    this.maxDelay = options.maxDelay ?? 10_000;
    this.timers = options.timers ?? defaultTimers;
  }

  get state(): SyncState {
    return this.stateValue;
  }

  /** Values not yet confirmed by a successful commit. */
  get unsent(): [string, string][] {
    return [...this.latest].filter(([k, v]) => this.confirmed.get(k) !== v);
  }

  onState(listener: (s: SyncState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setState(s: SyncState) {
    this.stateValue = s;
    for (const l of this.listeners) l(s);
  }

  /**
   * Takes the latest values and sends what changed. While a retry is scheduled it only records them
   * (the retry sends them), so that a failing LMS is not hammered; `force` sends at once anyway.
   */
  update(values: readonly (readonly [string, string])[], force = false): boolean {
    for (const [k, v] of values) this.latest.set(k, v);
    if (this.finished) return false;
    if (this.stateValue.kind === 'pending' && this.timer !== null && !force) return false;
    return this.flush();
  }

  /** Sends every unconfirmed value, then commits. Returns whether the LMS confirmed. */
  flush(): boolean {
    if (this.timer !== null) {
      this.timers.clearTimeout(this.timer);
      this.timer = null;
    }
    const unsent = this.unsent;
    if (unsent.length === 0 && this.stateValue.kind !== 'pending') return true;
    let error: LmsError | null = null;
    for (const [k, v] of unsent) {
      if (!this.lms.set(k, v)) {
        error = this.lms.lastError() ?? { code: '?', message: `the LMS refused ${k}` };
        break;
      }
    }
    if (!error && !this.lms.commit()) error = this.lms.lastError() ?? { code: '?', message: 'the LMS did not confirm the commit' };
    if (error) {
      this.failures++;
      const delay = Math.min(this.maxDelay, this.baseDelay * 2 ** (this.failures - 1));
      const retryAt = this.finished ? null : this.timers.now() + delay;
      if (!this.finished) this.timer = this.timers.setTimeout(() => this.retry(), delay);
      this.setState({ kind: 'pending', failures: this.failures, error, retryAt });
      return false;
    }
    for (const [k, v] of unsent) this.confirmed.set(k, v);
    this.failures = 0;
    this.setState({ kind: 'saved', at: this.timers.now() });
    return true;
  }

  private retry() {
    this.timer = null;
    if (!this.finished) this.flush();
  }

  /**
   * Ends the session: a last attempt to send and commit, then LMSFinish/Terminate, which commits
   * too in every LMS. The values stay in the browser's storage in any case, so an unconfirmed
   * session is sent again at the next launch.
   */
  finish(values: readonly (readonly [string, string])[]): boolean {
    for (const [k, v] of values) this.latest.set(k, v);
    const sent = this.flush();
    this.finished = true;
    if (this.timer !== null) {
      this.timers.clearTimeout(this.timer);
      this.timer = null;
    }
    const ended = this.lms.finish();
    this.setState({ kind: 'finished', saved: sent && ended });
    return sent && ended;
  }
}

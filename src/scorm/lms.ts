/**
 * The LMS side of SCORM: finding the API object the standard way, one adapter over the SCORM 1.2
 * (`API`) and SCORM 2004 (`API_1484_11`) calls, and the data-model values Calx reports.
 * Framework-free; every call into the LMS is guarded, because an LMS may answer with an error or throw.
 */

import type { ModuleStatus } from './state';

export type Edition = '1.2' | '2004';

export interface ScormApi12 {
  LMSInitialize(arg: ''): string;
  LMSFinish(arg: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: ''): string;
  LMSGetLastError(): string;
  LMSGetErrorString(code: string): string;
  LMSGetDiagnostic(code: string): string;
}

export interface ScormApi2004 {
  Initialize(arg: ''): string;
  Terminate(arg: ''): string;
  GetValue(element: string): string;
  SetValue(element: string, value: string): string;
  Commit(arg: ''): string;
  GetLastError(): string;
  GetErrorString(code: string): string;
  GetDiagnostic(code: string): string;
}

/** The window properties used to find the API (kept loose: LMS frames are foreign objects). */
export interface WindowLike {
  parent?: WindowLike | null;
  opener?: WindowLike | null;
  top?: WindowLike | null;
  [name: string]: unknown;
}

export const API_NAME: Record<Edition, 'API' | 'API_1484_11'> = { '1.2': 'API', '2004': 'API_1484_11' };

/** Reads a property of a window that may belong to another origin (which throws). */
function peek(win: WindowLike | null | undefined, name: string): unknown {
  try {
    return win ? win[name] : undefined;
  } catch {
    return undefined;
  }
}

/** Walks from `win` up through its parents (at most `maxHops`), returning the first window holding `name`. */
function scanUp(win: WindowLike | null | undefined, name: string, maxHops: number): unknown {
  let w = win;
  for (let hops = 0; w && hops <= maxHops; hops++) {
    const api = peek(w, name);
    if (api) return api;
    const parent = peek(w, 'parent') as WindowLike | null | undefined;
    if (!parent || parent === w) return undefined;
    w = parent;
  }
  return undefined;
}

/**
 * Finds the LMS's API object as the SCORM run-time specifications describe: this window and its
 * parents up to the top, then the window that opened it (and that window's parents), then the top
 * window's opener. Bounded: at most `maxHops` parents on each walk; a window of another origin stops
 * the walk instead of throwing.
 */
export function findApi(start: WindowLike, edition: Edition, maxHops = 500): unknown {
  const name = API_NAME[edition];
  const found = scanUp(start, name, maxHops);
  if (found) return found;
  const opener = peek(start, 'opener') as WindowLike | null | undefined;
  if (opener) {
    const viaOpener = scanUp(opener, name, maxHops);
    if (viaOpener) return viaOpener;
  }
  const top = peek(start, 'top') as WindowLike | null | undefined;
  const topOpener = top ? (peek(top, 'opener') as WindowLike | null | undefined) : null;
  if (topOpener && topOpener !== opener) return scanUp(topOpener, name, maxHops);
  return undefined;
}

export interface LmsError {
  code: string;
  message: string;
}

/** One interface over both editions. Every method catches what the LMS throws and reports it as a failure. */
export interface Lms {
  edition: Edition;
  initialize(): boolean;
  get(element: string): string;
  set(element: string, value: string): boolean;
  commit(): boolean;
  finish(): boolean;
  lastError(): LmsError | null;
}

function guard(fn: () => string, onThrow: (e: unknown) => void): string | null {
  try {
    // Some LMSs answer an unset element with undefined or null rather than "": that is no value, not the text "undefined".
    const answer: unknown = fn();
    return answer === undefined || answer === null ? '' : String(answer);
  } catch (e) {
    onThrow(e);
    return null;
  }
}

/** Wraps a found API object; returns null when it does not have the edition's functions. */
export function adaptApi(api: unknown, edition: Edition): Lms | null {
  if (!api || (typeof api !== 'object' && typeof api !== 'function')) return null;
  let thrown: LmsError | null = null;
  const onThrow = (e: unknown) => {
    thrown = { code: 'threw', message: e instanceof Error ? e.message : String(e) };
  };
  const ok = (r: string | null) => r === 'true';
  const call = (fn: () => string) => {
    thrown = null;
    return guard(fn, onThrow);
  };
  if (edition === '1.2') {
    const a = api as Partial<ScormApi12>;
    if (typeof a.LMSInitialize !== 'function' || typeof a.LMSSetValue !== 'function' || typeof a.LMSCommit !== 'function') return null;
    const x = a as ScormApi12;
    return {
      edition,
      initialize: () => ok(call(() => x.LMSInitialize(''))),
      get: (el) => call(() => x.LMSGetValue(el)) ?? '',
      set: (el, v) => ok(call(() => x.LMSSetValue(el, v))),
      commit: () => ok(call(() => x.LMSCommit(''))),
      finish: () => ok(call(() => x.LMSFinish(''))),
      lastError: () =>
        thrown ??
        errorOf(
          () => x.LMSGetLastError(),
          (c) => x.LMSGetErrorString(c),
        ),
    };
  }
  const a = api as Partial<ScormApi2004>;
  if (typeof a.Initialize !== 'function' || typeof a.SetValue !== 'function' || typeof a.Commit !== 'function') return null;
  const x = a as ScormApi2004;
  return {
    edition,
    initialize: () => ok(call(() => x.Initialize(''))),
    get: (el) => call(() => x.GetValue(el)) ?? '',
    set: (el, v) => ok(call(() => x.SetValue(el, v))),
    commit: () => ok(call(() => x.Commit(''))),
    finish: () => ok(call(() => x.Terminate(''))),
    lastError: () =>
      thrown ??
      errorOf(
        () => x.GetLastError(),
        (c) => x.GetErrorString(c),
      ),
  };
}

function errorOf(code: () => string, text: (c: string) => string): LmsError | null {
  try {
    const c = String(code());
    if (c === '' || c === '0') return null;
    let message = '';
    try {
      message = String(text(c));
    } catch {
      /* no text */
    }
    return { code: c, message };
  } catch (e) {
    return { code: 'threw', message: e instanceof Error ? e.message : String(e) };
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** SCORM 1.2 CMITimespan: HHHH:MM:SS.SS (hours 2 to 4 digits), capped at 9999 hours. */
export function timespan12(ms: number): string {
  const cs = Math.min(Math.max(0, Math.round(ms / 10)), 9999 * 360000 + 59 * 6000 + 5999);
  const h = Math.floor(cs / 360000);
  const m = Math.floor((cs % 360000) / 6000);
  const s = Math.floor((cs % 6000) / 100);
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(cs % 100)}`;
}

/** SCORM 2004 timeinterval (ISO 8601 duration), e.g. PT1H2M3.45S; PT0S for nothing. */
export function duration2004(ms: number): string {
  const cs = Math.max(0, Math.round(ms / 10));
  const h = Math.floor(cs / 360000);
  const m = Math.floor((cs % 360000) / 6000);
  const s = (cs % 6000) / 100;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${Number(s.toFixed(2))}S` : ''}`;
}

export interface Report {
  status: ModuleStatus;
  /** The encoded suspend data. */
  suspendData: string;
  /** Milliseconds since the session started. */
  sessionMs: number;
  /** Where to reopen (a package-relative page), or ''. */
  location: string;
}

/**
 * The data-model values for a report, in the order they are set. SCORM 1.2: lesson_status is
 * passed or failed once every scored step is done, incomplete before (completed when the module has
 * no scored step). SCORM 2004: completion and success separately, and the scaled score once complete. The exit is
 * always "suspend", so that the LMS keeps the suspend data and the learner can come back to review.
 */
export function reportValues(edition: Edition, r: Report): [string, string][] {
  const s = r.status;
  const score = s.raw === null ? null : String(s.raw);
  if (edition === '1.2') {
    const status = !s.completed ? 'incomplete' : s.scored === 0 ? 'completed' : s.passed ? 'passed' : 'failed';
    return [
      ['cmi.core.lesson_status', status],
      ...(score === null
        ? []
        : ([
            ['cmi.core.score.min', '0'],
            ['cmi.core.score.max', '100'],
            ['cmi.core.score.raw', score],
          ] as [string, string][])),
      ['cmi.core.lesson_location', r.location.slice(0, 255)],
      ['cmi.suspend_data', r.suspendData],
      ['cmi.core.session_time', timespan12(r.sessionMs)],
      ['cmi.core.exit', 'suspend'],
    ];
  }
  return [
    ['cmi.completion_status', s.completed ? 'completed' : 'incomplete'],
    ['cmi.success_status', s.passed === null ? 'unknown' : s.passed ? 'passed' : 'failed'],
    ['cmi.progress_measure', String(s.scored === 0 ? 1 : Math.round((s.done / s.scored) * 1000) / 1000)],
    ...(score === null
      ? []
      : ([
          ['cmi.score.min', '0'],
          ['cmi.score.max', '100'],
          ['cmi.score.raw', score],
        ] as [string, string][])),
    // The scaled score only once every scored step is done: with the manifest's satisfiedByMeasure, a 2004 LMS
    // compares it with the passing score at once and would mark a learner half-way through as failed.
    ...(s.completed && score !== null ? ([['cmi.score.scaled', String(Math.round(s.raw! * 100) / 10000)]] as [string, string][]) : []),
    ['cmi.location', r.location.slice(0, 1000)],
    ['cmi.suspend_data', r.suspendData],
    ['cmi.session_time', duration2004(r.sessionMs)],
    ['cmi.exit', 'suspend'],
  ];
}

/** Data-model elements the runtime reads at launch, per edition. */
export const READ = {
  '1.2': {
    suspend: 'cmi.suspend_data',
    location: 'cmi.core.lesson_location',
    learner: 'cmi.core.student_id',
    mastery: 'cmi.student_data.mastery_score',
    entry: 'cmi.core.entry',
  },
  '2004': { suspend: 'cmi.suspend_data', location: 'cmi.location', learner: 'cmi.learner_id', mastery: 'cmi.scaled_passing_score', entry: 'cmi.entry' },
} as const;

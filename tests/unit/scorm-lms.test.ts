import { describe, expect, it } from 'vitest';
import { adaptApi, duration2004, findApi, reportValues, timespan12, type WindowLike } from '../../src/scorm/lms';
import { lmsPassMark } from '../../src/scorm/runtime';
import type { ModuleStatus } from '../../src/scorm/state';

/** A chain of windows: frames[0] is the top, each next one a child of the one before. */
function frames(n: number): WindowLike[] {
  const list: WindowLike[] = [];
  for (let i = 0; i < n; i++) {
    const w: WindowLike = {};
    w.parent = i === 0 ? w : list[i - 1]!;
    list.push(w);
  }
  for (const w of list) w.top = list[0]!;
  return list;
}

describe('finding the LMS API', () => {
  it('finds API (1.2) and API_1484_11 (2004) in the window itself or in a parent', () => {
    const f = frames(4);
    const api12 = { LMSInitialize: () => 'true' };
    const api2004 = { Initialize: () => 'true' };
    f[1]!.API = api12;
    f[0]!.API_1484_11 = api2004;
    expect(findApi(f[3]!, '1.2')).toBe(api12);
    expect(findApi(f[3]!, '2004')).toBe(api2004);
    expect(findApi(f[0]!, '1.2')).toBeUndefined();
  });

  it('the nearest API wins', () => {
    const f = frames(3);
    f[0]!.API = { which: 'top' };
    f[1]!.API = { which: 'middle' };
    expect(findApi(f[2]!, '1.2')).toEqual({ which: 'middle' });
  });

  it('looks in the opener and its parents when no parent has it, then in the top window’s opener', () => {
    const lms = frames(2);
    lms[0]!.API_1484_11 = { from: 'opener top' };
    const popup = frames(2);
    popup[1]!.opener = lms[1]!;
    expect(findApi(popup[1]!, '2004')).toEqual({ from: 'opener top' });
    const popup2 = frames(3);
    popup2[0]!.opener = lms[1]!;
    expect(findApi(popup2[2]!, '2004')).toEqual({ from: 'opener top' });
  });

  it('stops at a window of another origin instead of throwing', () => {
    const f = frames(3);
    f[0]!.API = { far: true };
    Object.defineProperty(f[1]!, 'API', {
      get() {
        throw new DOMException('Blocked a frame with origin', 'SecurityError');
      },
    });
    Object.defineProperty(f[1]!, 'parent', {
      get() {
        throw new DOMException('Blocked a frame with origin', 'SecurityError');
      },
    });
    expect(() => findApi(f[2]!, '1.2')).not.toThrow();
    expect(findApi(f[2]!, '1.2')).toBeUndefined();
  });

  it('gives up after a bounded number of parents', () => {
    const f = frames(12);
    f[0]!.API = { deep: true };
    expect(findApi(f[11]!, '1.2', 5)).toBeUndefined();
    expect(findApi(f[11]!, '1.2', 11)).toEqual({ deep: true });
  });

  it('adapts only an object with the edition’s functions', () => {
    expect(adaptApi(undefined, '1.2')).toBeNull();
    expect(adaptApi({ Initialize: () => 'true' }, '1.2')).toBeNull();
    expect(adaptApi({ LMSInitialize: () => 'true' }, '2004')).toBeNull();
  });

  it('reports what the LMS throws as a failure with its message', () => {
    const lms = adaptApi(
      {
        LMSInitialize: () => 'true',
        LMSSetValue: () => {
          throw new Error('gone');
        },
        LMSCommit: () => 'true',
        LMSGetLastError: () => '0',
      },
      '1.2',
    )!;
    expect(lms.set('cmi.suspend_data', 'x')).toBe(false);
    expect(lms.lastError()).toEqual({ code: 'threw', message: 'gone' });
  });
});

describe('session time', () => {
  it('SCORM 1.2: HHHH:MM:SS.SS', () => {
    expect(timespan12(0)).toBe('00:00:00.00');
    expect(timespan12(3_723_450)).toBe('01:02:03.45');
    expect(timespan12(100 * 3_600_000 + 5)).toBe('100:00:00.01');
    expect(timespan12(20_000 * 3_600_000)).toBe('9999:59:59.99');
    expect(timespan12(-5)).toBe('00:00:00.00');
  });
  it('SCORM 2004: ISO 8601 duration', () => {
    expect(duration2004(0)).toBe('PT0S');
    expect(duration2004(3_723_450)).toBe('PT1H2M3.45S');
    expect(duration2004(60_000)).toBe('PT1M');
    expect(duration2004(1_500)).toBe('PT1.5S');
    expect(duration2004(30 * 3_600_000)).toBe('PT30H');
  });
});

const status = (over: Partial<ModuleStatus>): ModuleStatus => ({ steps: [], scored: 3, done: 0, raw: null, completed: false, passed: null, ...over });
const report = (s: ModuleStatus) => ({ status: s, suspendData: 'CX1:abc', sessionMs: 61_000, location: 'cases/x/index.html' });

describe('reported values', () => {
  it('SCORM 1.2: incomplete with the score so far, then passed or failed; min 0, max 100; always suspend', () => {
    expect(Object.fromEntries(reportValues('1.2', report(status({}))))).toEqual({
      'cmi.core.lesson_status': 'incomplete',
      'cmi.core.lesson_location': 'cases/x/index.html',
      'cmi.suspend_data': 'CX1:abc',
      'cmi.core.session_time': '00:01:01.00',
      'cmi.core.exit': 'suspend',
    });
    expect(Object.fromEntries(reportValues('1.2', report(status({ done: 1, raw: 32.33 }))))).toMatchObject({
      'cmi.core.lesson_status': 'incomplete',
      'cmi.core.score.raw': '32.33',
      'cmi.core.score.min': '0',
      'cmi.core.score.max': '100',
    });
    expect(Object.fromEntries(reportValues('1.2', report(status({ done: 3, raw: 80, completed: true, passed: true }))))).toMatchObject({
      'cmi.core.lesson_status': 'passed',
    });
    expect(Object.fromEntries(reportValues('1.2', report(status({ done: 3, raw: 60, completed: true, passed: false }))))).toMatchObject({
      'cmi.core.lesson_status': 'failed',
    });
    expect(Object.fromEntries(reportValues('1.2', report(status({ scored: 0, completed: true, passed: true }))))).toMatchObject({
      'cmi.core.lesson_status': 'completed',
    });
  });

  it('SCORM 2004: completion and success apart, the progress measure, and the scaled score once complete (so the LMS does not fail a learner half-way)', () => {
    expect(Object.fromEntries(reportValues('2004', report(status({ done: 1, raw: 32.33 }))))).toEqual({
      'cmi.completion_status': 'incomplete',
      'cmi.success_status': 'unknown',
      'cmi.progress_measure': '0.333',
      'cmi.score.min': '0',
      'cmi.score.max': '100',
      'cmi.score.raw': '32.33',
      'cmi.location': 'cases/x/index.html',
      'cmi.suspend_data': 'CX1:abc',
      'cmi.session_time': 'PT1M1S',
      'cmi.exit': 'suspend',
    });
    expect(Object.fromEntries(reportValues('2004', report(status({ done: 3, raw: 64, completed: true, passed: false }))))).toMatchObject({
      'cmi.completion_status': 'completed',
      'cmi.success_status': 'failed',
      'cmi.score.scaled': '0.64',
      'cmi.progress_measure': '1',
    });
  });

  it('takes the pass mark the LMS sets over the module’s', () => {
    expect(lmsPassMark('1.2', '')).toBeNull();
    expect(lmsPassMark('1.2', '75')).toBe(75);
    expect(lmsPassMark('2004', '0.8')).toBe(80);
    expect(lmsPassMark('2004', 'abc')).toBeNull();
    expect(lmsPassMark('1.2', '150')).toBeNull();
  });
});

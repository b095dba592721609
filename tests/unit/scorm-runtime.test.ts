import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { ATTEMPT_STORAGE_PREFIX, SET_ASIDE_PREFIX } from '../../src/progress/keys';
import type { ScormApi12 } from '../../src/scorm/lms';
import { startRuntime } from '../../src/scorm/runtime';
import { restoreSnapshot, SCORM_KEY_PREFIX, withCurrentSlugs, type PackageConfig } from '../../src/scorm/state';
import { decodeSnapshot, encodeSnapshot } from '../../src/scorm/suspend';
import { MemoryStorage } from '../../src/progress/memory-storage';

/**
 * The runtime on a fake entry page (linkedom) in a fake window: what it does at launch, on a
 * change, and at the end, against a fake SCORM 1.2 LMS. The browser end to end is tests/e2e/scorm.spec.ts.
 */

const config: PackageConfig = {
  edition: '1.2',
  module: 'liver-cases',
  title: 'Calcium in the liver',
  passMark: 70,
  overview: 'module/index.html',
  steps: [
    { kind: 'case', id: 'case-a', title: 'A', href: 'cases/case-a/index.html' },
    { kind: 'quiz', id: 'laboratory', title: 'Q', href: 'quizzes/laboratory/index.html' },
  ],
};

const attemptKey = `${ATTEMPT_STORAGE_PREFIX}case-a`;
const attempt = (n: number, startedAt = '2026-11-22T10:00:00.000Z') => ({
  format: 'calx-attempt' as const,
  formatVersion: 1,
  case: 'case-a',
  caseVersion: 'v1',
  events: Array.from({ length: n }, (_, i) => ({ type: 'ORDER' as const, action: `a${i}` })),
  startedAt,
  updatedAt: '2026-11-22T10:05:00.000Z',
});

class Lms12 implements ScormApi12 {
  values = new Map<string, string>();
  commits: Record<string, string>[] = [];
  initialised = false;
  finished = false;
  constructor(
    initial: Record<string, string> = {},
    private readonly initOk = true,
  ) {
    for (const [k, v] of Object.entries(initial)) this.values.set(k, v);
  }
  LMSInitialize = () => ((this.initialised = this.initOk), this.initOk ? 'true' : 'false');
  LMSFinish = () => ((this.finished = true), this.commits.push(Object.fromEntries(this.values)), 'true');
  LMSGetValue = (k: string) => this.values.get(k) ?? '';
  LMSSetValue = (k: string, v: string) => (this.values.set(k, v), 'true');
  LMSCommit = () => (this.commits.push(Object.fromEntries(this.values)), 'true');
  LMSGetLastError = () => (this.initOk ? '0' : '101');
  LMSGetErrorString = () => 'General exception';
  LMSGetDiagnostic = () => '';
}

/** A fake window around the entry page's markup, with the LMS API on it (or not). */
function entryWindow(storage: MemoryStorage, api?: ScormApi12) {
  const { document } = parseHTML(`<!doctype html><html><body>
    <a href="module/index.html" data-overview>title</a>
    <ol>${config.steps.map((s) => `<li data-step="${s.kind}:${s.id}"><a href="${s.href}">${s.title}</a> <span class="step-state"></span></li>`).join('')}</ol>
    <p id="calx-scorm-status"></p>
    <iframe id="calx-step"></iframe>
    <script type="application/json" id="calx-scorm-config">${JSON.stringify(config)}</script>
  </body></html>`);
  const listeners = new Map<string, ((event?: unknown) => void)[]>();
  const events: string[] = [];
  const win: Record<string, unknown> = {
    document,
    localStorage: storage,
    location: { href: 'https://lms.example/content/abc/123/index.html' },
    setInterval: () => 1,
    clearInterval: () => undefined,
    setTimeout: (fn: () => void) => (fn(), 1),
    addEventListener: (type: string, fn: (event?: unknown) => void) => listeners.set(type, [...(listeners.get(type) ?? []), fn]),
    API: api,
  };
  win.parent = win;
  // The frame's src is set only after storage is restored: record what storage held at that moment.
  const frame = document.getElementById('calx-step')!;
  Object.defineProperty(frame, 'src', {
    set(v: string) {
      events.push(`src=${v} with ${storage.getItem(attemptKey) ? JSON.parse(storage.getItem(attemptKey)!).events.length : 0} events stored`);
    },
  });
  const status = document.getElementById('calx-scorm-status')!;
  return { win: win as unknown as Window, document, events, status, fire: (type: string, event?: unknown) => listeners.get(type)?.forEach((f) => f(event)) };
}

describe('the SCORM runtime in the entry page', () => {
  it('outside an LMS: works on local storage, says so, and opens the overview', () => {
    const storage = new MemoryStorage();
    const page = entryWindow(storage);
    const rt = startRuntime(page.win, page.document);
    expect(rt.mode).toBe('local');
    expect(rt.sync).toBeNull();
    expect(page.status.getAttribute('data-lms')).toBe('none');
    expect(page.status.getAttribute('data-state')).toBe('local');
    expect(page.status.textContent).toContain('Not connected to an LMS');
    expect(page.events).toEqual(['src=module/index.html with 0 events stored']);
    storage.setItem(attemptKey, JSON.stringify(attempt(2)));
    rt.changed();
    expect(rt.status().steps[0]!.state).toBe('in-progress');
    expect(page.document.querySelector('[data-step="case:case-a"]')!.getAttribute('data-state')).toBe('in-progress');
  });

  it('in an LMS: restores storage from the suspend data before the first step loads, reopens where the learner was, and reports', () => {
    const storage = new MemoryStorage();
    const suspend = encodeSnapshot({ attempts: { 'case-a': attempt(4) }, best: {}, quizzes: [] });
    const lms = new Lms12({ 'cmi.suspend_data': suspend, 'cmi.core.lesson_location': 'cases/case-a/index.html', 'cmi.core.student_id': 'learner-1' });
    const page = entryWindow(storage, lms);
    const rt = startRuntime(page.win, page.document);
    expect(rt.mode).toBe('lms');
    expect(lms.initialised).toBe(true);
    expect(page.events).toEqual(['src=cases/case-a/index.html with 4 events stored']);
    expect(JSON.parse(storage.getItem(attemptKey)!)).toEqual(attempt(4));
    expect(JSON.parse(storage.getItem(`${SCORM_KEY_PREFIX}liver-cases`)!).owner).toBe('learner-1');
    const first = lms.commits.at(-1)!;
    expect(first['cmi.core.lesson_status']).toBe('incomplete');
    expect(first['cmi.core.exit']).toBe('suspend');
    expect(page.status.getAttribute('data-state')).toBe('saved');
    expect(page.status.getAttribute('data-lms')).toBe('1.2');

    // A step is taken: the LMS hears of it.
    storage.setItem(attemptKey, JSON.stringify(attempt(5)));
    rt.changed();
    expect(decodeSnapshot(lms.commits.at(-1)!['cmi.suspend_data']!).attempts['case-a']!.events).toHaveLength(5);

    // Leaving: a last commit, then LMSFinish, once.
    page.fire('pagehide');
    page.fire('beforeunload');
    expect(lms.finished).toBe(true);
    expect(lms.commits.at(-1)!['cmi.core.session_time']).toMatch(/^\d{2,4}:\d{2}:\d{2}\.\d{2}$/);
    expect(page.status.getAttribute('data-state')).toBe('finished');
  });

  it('hears of a write made outside the islands (another script or tab) through the storage event, with no poll', () => {
    const storage = new MemoryStorage();
    const lms = new Lms12({ 'cmi.core.student_id': 'learner-1' });
    const page = entryWindow(storage, lms);
    (page.win as unknown as { setInterval: () => never }).setInterval = () => {
      throw new Error('the runtime must not poll');
    };
    startRuntime(page.win, page.document);
    storage.setItem(attemptKey, JSON.stringify(attempt(3)));
    page.fire('storage', { key: 'unrelated' });
    expect(decodeSnapshot(lms.commits.at(-1)!['cmi.suspend_data']!).attempts['case-a']).toBeUndefined();
    page.fire('storage', { key: attemptKey });
    expect(decodeSnapshot(lms.commits.at(-1)!['cmi.suspend_data']!).attempts['case-a']!.events).toHaveLength(3);
  });

  it('the module’s pass mark gives way to the mastery score the LMS sets', () => {
    const storage = new MemoryStorage();
    storage.setItem(
      `${SCORM_KEY_PREFIX}liver-cases`,
      JSON.stringify({
        owner: 'l',
        best: {
          'case:case-a': { total: 60, finishedAt: '2026-11-22T10:00:00.000Z' },
          'quiz:laboratory': { total: 60, finishedAt: '2026-11-22T10:00:00.000Z' },
        },
      }),
    );
    const lms = new Lms12({ 'cmi.core.student_id': 'l', 'cmi.student_data.mastery_score': '55' });
    startRuntime(entryWindow(storage, lms).win);
    expect(lms.commits.at(-1)!['cmi.core.lesson_status']).toBe('passed');
    expect(lms.commits.at(-1)!['cmi.core.score.raw']).toBe('60');
  });

  it('sets aside what another learner left in this browser, and never mixes it into this learner’s data', () => {
    const storage = new MemoryStorage();
    storage.setItem(
      `${SCORM_KEY_PREFIX}liver-cases`,
      JSON.stringify({ owner: 'someone-else', best: { 'case:case-a': { total: 99, finishedAt: '2026-11-20T10:00:00.000Z' } } }),
    );
    storage.setItem(attemptKey, JSON.stringify(attempt(7, '2026-11-20T10:00:00.000Z')));
    const lms = new Lms12({ 'cmi.core.student_id': 'learner-2' });
    const page = entryWindow(storage, lms);
    const rt = startRuntime(page.win, page.document);
    expect(storage.getItem(attemptKey)).toBeNull();
    const aside = storage.keysStartingWith(SET_ASIDE_PREFIX);
    expect(aside).toHaveLength(1);
    expect(JSON.parse(storage.getItem(aside[0]!)!).reason).toBe('belongs to another LMS learner');
    expect(rt.snapshot().best).toEqual({});
    expect(lms.commits.at(-1)!['cmi.core.score.raw']).toBeUndefined();
  });

  it('keeps suspend data it cannot read aside, says so, and starts from the browser’s data', () => {
    const storage = new MemoryStorage();
    const lms = new Lms12({ 'cmi.suspend_data': 'page=3', 'cmi.core.student_id': 'l' });
    const page = entryWindow(storage, lms);
    startRuntime(page.win, page.document);
    const aside = storage.keysStartingWith(`${SET_ASIDE_PREFIX}scorm:suspend-data:`);
    expect(aside).toHaveLength(1);
    expect(JSON.parse(storage.getItem(aside[0]!)!).raw).toBe('page=3');
    expect(page.status.textContent).toContain('could not be read');
    expect(lms.commits.at(-1)!['cmi.suspend_data']!.startsWith('CX1:')).toBe(true);
  });

  it('an LMS that refuses to initialise: local storage only, and the page says why', () => {
    const storage = new MemoryStorage();
    const lms = new Lms12({}, false);
    const page = entryWindow(storage, lms);
    const rt = startRuntime(page.win, page.document);
    expect(rt.mode).toBe('lms-refused');
    expect(rt.sync).toBeNull();
    expect(lms.commits).toEqual([]);
    expect(page.status.getAttribute('data-state')).toBe('local');
    expect(page.status.textContent).toContain('did not start the session (error 101: General exception)');
  });
});

describe('an LMS that answers unset elements with undefined', () => {
  class UndefinedLms extends Lms12 {
    // Some LMSs return undefined (not "") for an element never set, such as the first launch's suspend data.
    override LMSGetValue = (k: string) => this.values.get(k) as string;
  }

  it('reads undefined as no value: no false "could not be read" notice, nothing set aside', () => {
    const storage = new MemoryStorage();
    const lms = new UndefinedLms({ 'cmi.core.student_id': 'learner-1' });
    const page = entryWindow(storage, lms);
    const rt = startRuntime(page.win, page.document);
    expect(rt.mode).toBe('lms');
    expect(page.status.textContent).not.toContain('could not be read');
    expect(storage.keysStartingWith(SET_ASIDE_PREFIX)).toEqual([]);
    expect(page.events).toEqual(['src=module/index.html with 0 events stored']);
  });
});

describe('suspend data saved under a case’s former slug', () => {
  it('finds its case: the attempt and the best result move to the current slug, never over a newer one', () => {
    const steps = [{ kind: 'case' as const, id: 'case-a', title: 'A', href: 'a.html', formerIds: ['old-a'] }];
    const old = { ...attempt(3), case: 'old-a' };
    const snap = withCurrentSlugs(
      { attempts: { 'old-a': old }, best: { 'case:old-a': { total: 70, finishedAt: '2026-11-20T10:00:00.000Z' } }, quizzes: [] },
      { steps },
    );
    expect(snap.attempts).toEqual({ 'case-a': { ...old, case: 'case-a' } });
    expect(snap.best).toEqual({ 'case:case-a': { total: 70, finishedAt: '2026-11-20T10:00:00.000Z' } });
    const storage = new MemoryStorage();
    restoreSnapshot(storage, snap, new Date('2026-11-22T10:00:00Z'));
    expect(JSON.parse(storage.getItem(attemptKey)!).events).toHaveLength(3);

    const both = withCurrentSlugs(
      {
        attempts: { 'old-a': old, 'case-a': attempt(5) },
        best: { 'case:old-a': { total: 90, finishedAt: 'x' }, 'case:case-a': { total: 60, finishedAt: 'y' } },
        quizzes: [],
      },
      { steps },
    );
    expect(both.attempts['case-a']!.events).toHaveLength(5);
    expect(both.best['case:case-a']!.total).toBe(90);
  });
});

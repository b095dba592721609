import { adaptApi, findApi, READ, reportValues, type Lms, type WindowLike } from './lms';
import {
  moduleKeys,
  moduleStatus,
  readSnapshot,
  restoreSnapshot,
  setAsideKey,
  withCurrentSlugs,
  SCORM_KEY_PREFIX,
  type BestResult,
  type ModuleSnapshot,
  type ModuleStatus,
  type PackageConfig,
} from './state';
import { decodeSnapshot, fitSnapshot, SUSPEND_LIMIT } from './suspend';
import { LmsSync, type SyncState } from './sync';
import type { StorageLike } from '../progress/saved-attempt';
import { MemoryStorage } from '../progress/memory-storage';
import { putAside } from '../progress/put-aside';

/**
 * The SCORM runtime of a module package, loaded by the package's entry page (index.html), which is
 * the SCO the LMS launches. The entry page stays loaded for the whole session and shows each step of
 * the module in an inner frame, so the session is initialised once and finished once however the
 * learner moves between steps.
 *
 * - Finds the LMS API (parents, then openers), initialises, and reads the suspend data.
 * - Restores the browser's storage from the suspend data before the first step loads, so the case
 *   player and the quizzes resume as they do on the web, from `calx:v1:…` keys.
 * - Mirrors storage back into the LMS on every change, with no polling and no patched Storage: the
 *   steps in the package's frame share this page's storage, so each write they make arrives here as
 *   the browser's `storage` event (fired in every other page of the origin); and the runtime reads
 *   storage when a step loads and on unload, with LMSFinish/Terminate.
 * - Reports completion, success against the pass mark, the score, the session time and the location.
 * - Keeps everything when the LMS fails to commit: LmsSync retries with backoff until it succeeds.
 * - Without an LMS, the module works on the browser's storage alone, and the entry page says so.
 */

interface OwnRecord {
  /** The LMS learner id whose data this browser holds for the module, or null outside an LMS. */
  owner: string | null;
  best: Record<string, BestResult>;
}

export interface RuntimeHandle {
  /** Storage changed: read it and send what changed to the LMS (what a `storage` event does). */
  changed(): void;
  /** For tests and the status line. */
  readonly mode: 'lms' | 'local' | 'lms-refused';
  readonly sync: LmsSync | null;
  status(): ModuleStatus;
  snapshot(): ModuleSnapshot;
  /** Ends the session now (as on unload). */
  finish(): void;
}

const STATE_TEXT: Record<ModuleStatus['steps'][number]['state'], string> = { 'not-started': 'not started', 'in-progress': 'in progress', done: 'done' };

function localStorageOf(win: Window): Storage | null {
  try {
    const s = win.localStorage;
    const probe = '__calx_scorm_probe__';
    s.setItem(probe, probe);
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

function readOwn(storage: StorageLike, key: string): OwnRecord {
  try {
    const v = JSON.parse(storage.getItem(key) ?? 'null') as Partial<OwnRecord> | null;
    if (v && typeof v === 'object' && v.best && typeof v.best === 'object') return { owner: typeof v.owner === 'string' ? v.owner : null, best: v.best };
  } catch {
    /* start afresh */
  }
  return { owner: null, best: {} };
}

/** A pass mark set by the LMS (1.2 mastery score 0-100, 2004 scaled passing score -1..1), or null. */
export function lmsPassMark(edition: PackageConfig['edition'], value: string): number | null {
  if (value.trim() === '') return null;
  const n = Number(value);
  if (!Number.isFinite(n)) return null;
  const mark = edition === '1.2' ? n : n * 100;
  return mark >= 0 && mark <= 100 ? mark : null;
}

export function startRuntime(win: Window, doc: Document = win.document): RuntimeHandle {
  const config = JSON.parse(doc.getElementById('calx-scorm-config')!.textContent!) as PackageConfig;
  const statusEl = doc.getElementById('calx-scorm-status');
  const frame = doc.getElementById('calx-step') as HTMLIFrameElement | null;
  const started = Date.now();
  const notes: string[] = [];

  const real = localStorageOf(win);
  const storage: StorageLike = real ?? new MemoryStorage();
  if (!real) notes.push('This browser does not let the module keep anything between visits, so progress lasts only while this page is open.');
  const ownKey = `${SCORM_KEY_PREFIX}${config.module}`;

  let lms: Lms | null = adaptApi(findApi(win as unknown as WindowLike, config.edition), config.edition);
  let mode: RuntimeHandle['mode'] = lms ? 'lms' : 'local';
  if (lms && !lms.initialize()) {
    const e = lms.lastError();
    notes.push(`An LMS was found but it did not start the session${e ? ` (error ${e.code}${e.message ? `: ${e.message}` : ''})` : ''}.`);
    lms = null;
    mode = 'lms-refused';
  }

  let passMark = config.passMark;
  let own = readOwn(storage, ownKey);
  let location = '';
  if (lms) {
    const read = READ[config.edition];
    const learner = lms.get(read.learner);
    passMark = lmsPassMark(config.edition, lms.get(read.mastery)) ?? passMark;
    // Another learner's data (a shared computer), or data of unknown owner: kept aside, never mixed in.
    if (own.owner !== learner) {
      const now = new Date();
      const present = moduleKeys(config).filter((k) => storage.getItem(k) !== null);
      for (const k of present)
        setAsideKey(
          storage,
          k,
          own.owner === null ? 'found in this browser before an LMS session of an identified learner' : 'belongs to another LMS learner',
          now,
        );
      own = { owner: learner, best: {} };
    }
    const suspend = lms.get(read.suspend);
    if (suspend) {
      try {
        const snap = withCurrentSlugs(decodeSnapshot(suspend), config);
        restoreSnapshot(storage, snap, new Date());
        for (const [k, r] of Object.entries(snap.best)) if (!own.best[k] || own.best[k]!.total < r.total) own.best[k] = r;
      } catch (e) {
        const key = putAside(storage, 'scorm:suspend-data', suspend, e instanceof Error ? e.message : String(e), new Date());
        notes.push(`The progress your LMS had saved could not be read; it is kept in this browser under "${key}".`);
      }
    }
    location = lms.get(read.location);
  }

  const sync = lms ? new LmsSync(lms) : null;
  let snap = readSnapshot(storage, config, own.best);
  let status = moduleStatus(config, snap, passMark);
  let signature = '';
  let syncState: SyncState = { kind: 'idle' };
  let done = false;

  const signatureNow = () =>
    moduleKeys(config)
      .map((k) => storage.getItem(k) ?? '')
      .join('\u0000') +
    '\u0000' +
    location;

  const values = () => {
    const fitted = fitSnapshot(snap, SUSPEND_LIMIT[config.edition]);
    return reportValues(config.edition, { status, suspendData: fitted.data, sessionMs: Date.now() - started, location });
  };

  const render = () => {
    for (const s of status.steps) {
      const li = doc.querySelector<HTMLElement>(`[data-step="${s.step.kind}:${s.step.id}"]`);
      const state = li?.querySelector('.step-state');
      if (li) li.dataset.state = s.state;
      if (state) state.textContent = s.state === 'done' && s.score !== null ? `done, ${s.score}%` : STATE_TEXT[s.state];
    }
    if (!statusEl) return;
    const score = status.raw === null ? '' : `; module score ${status.raw} (pass mark ${passMark})`;
    const outcome = status.completed ? (status.passed ? ': passed.' : ': not passed yet.') : '.';
    const result = status.scored === 0 ? '' : ` ${status.done} of ${status.scored} scored steps done${score}${outcome}`;
    let text: string;
    let state: string;
    if (!sync) {
      state = 'local';
      text =
        mode === 'local'
          ? 'Not connected to an LMS: this module works on its own and keeps your progress in this browser only; no score is sent anywhere.'
          : 'Your progress is kept in this browser only; no score is sent to the LMS.';
    } else if (syncState.kind === 'pending') {
      state = 'pending';
      const e = syncState.error;
      // No countdown: this is a live region, and it should speak when something changes, not every second.
      const wait = syncState.retryAt === null ? '' : ' It will be sent again shortly';
      const error = e ? ` (error ${e.code}${e.message ? `: ${e.message}` : ''})` : '';
      const tries = `${syncState.failures} ${syncState.failures === 1 ? 'try' : 'tries'} so far`;
      text = `Your LMS did not accept the last save${error}. Nothing is lost: your progress is kept in this browser.${wait} (${tries}).`;
    } else if (syncState.kind === 'finished') {
      state = syncState.saved ? 'finished' : 'pending';
      text = syncState.saved
        ? 'Session ended; your progress was saved to your LMS.'
        : 'Session ended before your LMS confirmed the last save; it is kept in this browser and sent at your next visit.';
    } else {
      state = syncState.kind === 'saved' ? 'saved' : 'idle';
      text = `Connected to your LMS (SCORM ${config.edition}).${syncState.kind === 'saved' ? ' Your progress is saved to it.' : ''}`;
    }
    statusEl.dataset.state = state;
    statusEl.dataset.lms = sync ? config.edition : 'none';
    statusEl.textContent = [text + result, ...notes].join(' ');
  };

  const check = (force = false) => {
    if (done) return;
    const sig = signatureNow();
    if (sig === signature && !force) return;
    signature = sig;
    snap = readSnapshot(storage, config, own.best);
    own = { owner: own.owner, best: snap.best };
    try {
      storage.setItem(ownKey, JSON.stringify(own));
    } catch {
      /* storage full: the LMS copy still carries the best results */
    }
    status = moduleStatus(config, snap, passMark);
    sync?.update(values());
    render();
  };

  sync?.onState((s) => {
    syncState = s;
    render();
  });

  // The first step: where the learner left off, if it is a page of this package.
  const pages = new Set([config.overview, ...config.steps.map((s) => s.href)]);
  const base = new URL('.', win.location.href).href;
  const relative = (href: string) => (href.startsWith(base) ? href.slice(base.length).split('#')[0]!.split('?')[0]! : '');
  if (frame) {
    frame.addEventListener('load', () => {
      let href = '';
      try {
        href = relative(frame.contentWindow?.location.href ?? '');
      } catch {
        /* a page of another origin: not ours */
      }
      for (const a of doc.querySelectorAll<HTMLAnchorElement>('[data-step] a, a[data-overview]')) {
        if (relative(a.href) === href) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
      }
      if (href && pages.has(href) && href !== location) {
        location = href;
        check();
      }
    });
    frame.src = pages.has(location) ? location : config.overview;
  }

  check(true);

  const finish = () => {
    if (done) return;
    check();
    done = true;
    if (sync) sync.finish(values());
    render();
  };
  // Writes made outside the islands' storage (another script, another tab of this package) reach this page
  // as storage events: the browser fires one in every other page of the origin that shares the storage.
  win.addEventListener('storage', (e: StorageEvent) => {
    if (e.key === null || e.key.startsWith('calx:')) check();
  });
  win.addEventListener('pagehide', finish);
  win.addEventListener('beforeunload', finish);

  const handle: RuntimeHandle = {
    changed: () => {
      win.setTimeout(() => check(), 0);
    },
    mode,
    sync,
    status: () => status,
    snapshot: () => snap,
    finish,
  };
  (win as unknown as { __calxScorm: RuntimeHandle }).__calxScorm = handle;
  return handle;
}

if (typeof document !== 'undefined' && document.getElementById('calx-scorm-config')) startRuntime(window);

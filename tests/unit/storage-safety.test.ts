import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { AttemptSession } from '../../src/islands/attempt-session';
import { guardStorage } from '../../src/progress/guarded-storage';
import { attemptKey, loadAttempt, newAttempt } from '../../src/progress/saved-attempt';
import { HISTORY_PREFIX, SET_ASIDE_PREFIX } from '../../src/progress/keys';
import { emptyProgress, loadProgress, PROGRESS_KEY, updateProgress } from '../../src/progress/quiz-progress';
import { buildExport, importProgress, ImportRefused, parseExport, type ProgressExport } from '../../src/progress/export';
import { listSetAside, restoreSetAside } from '../../src/progress/set-aside';
import { caseStatus } from '../../src/progress/summary';
import type { AttemptRecord } from '../../src/engine/attempt';
import type { PlayEvent } from '../../src/schemas/events';
import { caseBySlug, course } from '../helpers/content';
import { MemoryStorage } from '../../src/progress/memory-storage';

const def = caseBySlug('liver-transplant-calcification');
const now = new Date('2026-11-22T10:00:00Z');
const best = JSON.parse(readFileSync(`tests/fixtures/attempts/${def.slug}/best.json`, 'utf8')).events as PlayEvent[];
const record = (events: AttemptRecord['events'], startedAt = '2026-11-20T09:00:00.000Z'): AttemptRecord => ({
  ...newAttempt(def, new Date(startedAt)),
  events,
  updatedAt: '2026-11-20T09:30:00.000Z',
});

/** Local storage with a byte budget, as a browser's: a write that does not fit throws QuotaExceededError. */
class QuotaStorage extends MemoryStorage {
  constructor(private readonly budget: number) {
    super();
  }
  private used(except?: string) {
    let n = 0;
    for (const [k, v] of this.items) if (k !== except) n += k.length + v.length;
    return n;
  }
  override setItem(k: string, v: string) {
    if (this.used(k) + k.length + v.length > this.budget) throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    super.setItem(k, v);
  }
  /** Fills what is left, so that only a write no larger than the value it replaces fits. */
  fill() {
    const room = this.budget - this.used() - 'filler'.length;
    super.setItem('filler', 'x'.repeat(Math.max(0, room)));
  }
}

/** Storage whose every write throws (a browser that blocks writes), with readable data. */
class ReadOnlyStorage extends MemoryStorage {
  override setItem(): void {
    throw Object.assign(new Error('denied'), { name: 'SecurityError' });
  }
  override removeItem(): void {
    throw Object.assign(new Error('denied'), { name: 'SecurityError' });
  }
}

describe('storage that never overwrites what it could not set aside', () => {
  it('keeps a damaged attempt byte for byte when storage is too full to set it aside, however much is then played', async () => {
    const damaged = `${JSON.stringify(record(best.slice(0, 5))).slice(0, -20)}`;
    const real = new QuotaStorage(200_000);
    real.setItem(attemptKey(def.slug), damaged);
    real.fill();
    const session = new AttemptSession(def, null, () => now);
    await session.attach(guardStorage(real));
    // The notice tells the truth: not set aside, kept where it was, this attempt only on this page, with a download.
    expect(session.getView().notice?.text).toMatch(/stays untouched where it was saved \(browser storage is full/);
    expect(session.getView().notice?.offerDownload).toBe(true);
    for (const e of best.slice(0, 8)) expect(session.send(e)).toBeNull();
    expect(real.getItem(attemptKey(def.slug))).toBe(damaged);
    expect(real.keysStartingWith(SET_ASIDE_PREFIX)).toEqual([]);
    expect(session.getView().record.events).toHaveLength(8);
  });

  it('resumes a valid attempt when the browser refuses every write, and says progress is kept in memory only', async () => {
    const real = new ReadOnlyStorage();
    MemoryStorage.prototype.setItem.call(real, attemptKey(def.slug), JSON.stringify(record(best.slice(0, 6))));
    const session = new AttemptSession(def, null, () => now);
    await session.attach(guardStorage(real));
    expect(session.getView().record.events).toHaveLength(6);
    expect(session.getView().notice?.text).toMatch(/cannot save in this browser right now \(this browser does not let Calx store data/);
    expect(session.send(best[6]!)).toBeNull();
    expect(JSON.parse(real.getItem(attemptKey(def.slug))!).events).toHaveLength(6);
  });

  it('reads damaged quiz progress under a full quota without throwing, and never saves over it', () => {
    const real = new QuotaStorage(50_000);
    real.setItem(PROGRESS_KEY, '{"format":"calx-progress", damaged');
    real.fill();
    // A plain storage that throws: the load reports it, and an update refuses rather than overwrite.
    const loaded = loadProgress(real, now);
    expect(loaded.data).toEqual(emptyProgress());
    expect(loaded.setAside).toMatchObject({ key: null });
    expect(() => updateProgress(real, now, (d) => d)).toThrow(/nothing is saved over it/);
    // Through the guard (what the pages use): nothing throws, and the browser's copy is unchanged.
    const guarded = guardStorage(real);
    expect(() => updateProgress(guarded, now, (d) => d)).not.toThrow();
    expect(real.getItem(PROGRESS_KEY)).toBe('{"format":"calx-progress", damaged');
    expect(guarded.degraded).toBe('browser storage is full');
  });
});

describe('set-aside data is listed, exported and restorable', () => {
  it('lists a set-aside attempt, counts it as "set aside" for its case, exports it and restores it', () => {
    const storage = new MemoryStorage();
    storage.setItem(attemptKey(def.slug), JSON.stringify(record([{ type: 'ADVANCE' }])));
    const outcome = loadAttempt(storage, def, now);
    expect(outcome.kind).toBe('set-aside');
    const listed = listSetAside(storage);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ what: def.slug, setAsideAt: now.toISOString() });
    expect(listed[0]!.reason).toContain('does not accept');
    expect(caseStatus(storage.getItem(attemptKey(def.slug)), def.version, 1)).toEqual({ kind: 'set-aside', count: 1 });
    expect(caseStatus(null, def.version, 0)).toEqual({ kind: 'not-started' });

    // Exported with the rest, and back on another device under the same key.
    const exported = buildExport(storage, now).file;
    expect(exported.setAside).toEqual(listed);
    const parsed = parseExport(JSON.stringify(exported));
    expect('file' in parsed).toBe(true);
    const other = new MemoryStorage();
    importProgress(other, (parsed as { file: ProgressExport }).file, now, course.cases);
    expect(listSetAside(other)).toEqual(listed);

    // Restored: it is the current attempt again (there was none), and the set-aside entry is gone.
    const restored = restoreSetAside(storage, listed[0]!, (s) => (s === def.slug ? def.slug : null));
    expect(restored).toEqual({ restoredTo: attemptKey(def.slug) });
    expect(listSetAside(storage)).toEqual([]);
  });

  it('restores into the history, never over a current attempt', () => {
    const storage = new MemoryStorage();
    storage.setItem(attemptKey(def.slug), JSON.stringify(record([{ type: 'ADVANCE' }])));
    loadAttempt(storage, def, now);
    const current = JSON.stringify(record(best.slice(0, 3), '2026-11-21T09:00:00.000Z'));
    storage.setItem(attemptKey(def.slug), current);
    const outcome = restoreSetAside(storage, listSetAside(storage)[0]!, () => def.slug);
    expect(outcome).toEqual({ restoredTo: `${HISTORY_PREFIX}${def.slug}` });
    expect(storage.getItem(attemptKey(def.slug))).toBe(current);
  });
});

describe('progress import is all or nothing', () => {
  const exportWith = (attempts: AttemptRecord[]): ProgressExport => ({
    format: 'calx-progress-export',
    version: 1,
    exportedAt: now.toISOString(),
    attempts,
    quizResults: [],
    review: {},
  });

  it('refuses a well-formed export of 3,000 attempts on unknown cases and writes nothing', () => {
    const storage = new MemoryStorage();
    const attempts = Array.from({ length: 3000 }, (_, i) => ({ ...record([]), case: `unknown-case-${i}` }));
    expect(() => importProgress(storage, exportWith(attempts), now, course.cases)).toThrow(ImportRefused);
    expect(storage.items.size).toBe(0);
  });

  it('undoes every write when storage fills up part-way, leaving storage as it was', () => {
    const storage = new QuotaStorage(30_000);
    storage.setItem('calx:v1:preferences', '{"units":"si"}');
    const before = new Map(storage.items);
    const attempts = course.cases.map((c, i) => ({
      ...record(best.slice(0, 3)),
      case: c.slug,
      startedAt: `2026-11-0${i + 1}T09:00:00.000Z`,
      events: [] as AttemptRecord['events'],
    }));
    const big = { ...exportWith(attempts), quizResults: [], review: {}, preferences: { units: 'si', padding: 'p'.repeat(40_000) } };
    storage.removeItem('calx:v1:preferences');
    before.delete('calx:v1:preferences');
    expect(() => importProgress(guardStorage(storage), big, now, course.cases)).toThrow(/could not be saved.*Nothing was changed/);
    expect(storage.items).toEqual(before);
  });
});

describe('former slugs still find their case', () => {
  const renamed = course.cases.find((c) => c.formerSlugs.length > 0)!;
  const former = renamed.formerSlugs[0]!;
  const onRenamed = (startedAt = '2026-11-20T09:00:00.000Z'): AttemptRecord => ({ ...newAttempt(renamed, new Date(startedAt)), case: former });

  it('moves an attempt saved under a former slug to the current key on first read', () => {
    const storage = new MemoryStorage();
    storage.setItem(attemptKey(former), JSON.stringify(onRenamed()));
    const outcome = loadAttempt(storage, renamed, now);
    expect(outcome.kind).toBe('resumed');
    expect(JSON.parse(storage.getItem(attemptKey(renamed.slug))!).case).toBe(renamed.slug);
    expect(storage.getItem(attemptKey(former))).toBeNull();
  });

  it('never overwrites a current attempt with one from a former slug: it joins the history', () => {
    const storage = new MemoryStorage();
    const current = JSON.stringify({ ...newAttempt(renamed, new Date('2026-11-21T09:00:00Z')) });
    storage.setItem(attemptKey(renamed.slug), current);
    storage.setItem(attemptKey(former), JSON.stringify(onRenamed()));
    loadAttempt(storage, renamed, now);
    expect(storage.getItem(attemptKey(renamed.slug))).toBe(current);
    expect(JSON.parse(storage.getItem(`${HISTORY_PREFIX}${renamed.slug}`)!)).toHaveLength(1);
  });

  it('keeps the former key when storage refuses the move', () => {
    const real = new ReadOnlyStorage();
    const raw = JSON.stringify(onRenamed());
    MemoryStorage.prototype.setItem.call(real, attemptKey(former), raw);
    const outcome = loadAttempt(guardStorage(real), renamed, now);
    expect(outcome.kind).toBe('resumed');
    expect(real.getItem(attemptKey(former))).toBe(raw);
  });

  it('imports a progress export naming a former slug under the current one', () => {
    const storage = new MemoryStorage();
    importProgress(
      storage,
      { format: 'calx-progress-export', version: 1, exportedAt: now.toISOString(), attempts: [onRenamed()], quizResults: [], review: {} },
      now,
      course.cases,
    );
    expect(JSON.parse(storage.getItem(attemptKey(renamed.slug))!).case).toBe(renamed.slug);
    expect(storage.getItem(attemptKey(former))).toBeNull();
  });
});

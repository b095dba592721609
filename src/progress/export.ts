import { readAttemptRecord, type AttemptRecord } from '../schemas/attempt-record';
import { EXPORT_FORMAT, EXPORT_VERSION, readProgressExport, type ProgressExport } from '../schemas/progress-export';
import type { ReviewCard } from '../schemas/review-card';
import { isRecord } from '../utils/is-record';
import { ATTEMPT_STORAGE_PREFIX, HISTORY_PREFIX } from './keys';
import { PREFERENCES_KEY } from './preferences';
import type { StorageLike } from './saved-attempt';
import { degradedReason } from './guarded-storage';
import { listSetAside, readSetAside } from './set-aside';
import { putAside } from './put-aside';
import { MAX_INPUT_FILE_BYTES } from './limits';
import { loadProgress, saveProgress, sortResults, type ProgressData } from './quiz-progress';

export { MAX_INPUT_FILE_BYTES } from './limits';
export { EXPORT_FORMAT, EXPORT_VERSION, type ProgressExport };

/**
 * All of a learner's progress as one JSON file, and back. The export holds every case attempt as
 * its event log (the current one and the history), every quiz result with its answers, the review
 * cards, and the display preferences. Import merges: it adds what is missing and replaces only what
 * the file has newer, so importing an older file never loses anything.
 */

/** Local storage can list its keys; the export needs that to find every case's attempts. */
export interface EnumerableStorage extends StorageLike {
  readonly length: number;
  key(index: number): string | null;
}

function keysOf(storage: EnumerableStorage & { keys?(): string[] }): string[] {
  if (typeof storage.keys === 'function') return storage.keys();
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k !== null) keys.push(k);
  }
  return keys.sort();
}

function parseJson(raw: string | null): { value: unknown } | null {
  if (raw === null) return null;
  try {
    return { value: JSON.parse(raw) };
  } catch {
    return null;
  }
}

const byCaseThenStart = (a: AttemptRecord, b: AttemptRecord) => a.case.localeCompare(b.case) || Date.parse(a.startedAt) - Date.parse(b.startedAt);

export interface ExportOutcome {
  file: ProgressExport;
  /** What could not be exported and why (damaged saved data, which stays in the browser). */
  skipped: string[];
}

/** Collects everything into one export. Damaged saved data is left out and listed, never guessed at. */
export function buildExport(storage: EnumerableStorage, now: Date): ExportOutcome {
  const skipped: string[] = [];
  const attempts: AttemptRecord[] = [];
  for (const key of keysOf(storage)) {
    const isCurrent = key.startsWith(ATTEMPT_STORAGE_PREFIX);
    if (!isCurrent && !key.startsWith(HISTORY_PREFIX)) continue;
    const parsed = parseJson(storage.getItem(key));
    const list = parsed === null ? null : isCurrent ? [parsed.value] : Array.isArray(parsed.value) ? parsed.value : null;
    if (list === null) {
      skipped.push(`${key}: the stored data is damaged`);
      continue;
    }
    list.forEach((value, i) => {
      const read = readAttemptRecord(value);
      if ('problem' in read) skipped.push(`${key}${isCurrent ? '' : ` (entry ${i + 1})`}: ${read.problem}`);
      else attempts.push(read.record);
    });
  }
  const progress = loadProgress(storage, now);
  if (progress.setAside) skipped.push(progress.setAside.reason);
  const setAside = listSetAside(storage);
  const file: ProgressExport = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    attempts: attempts.sort(byCaseThenStart),
    quizResults: sortResults(progress.data.quizResults),
    review: sortedReview(progress.data.review),
  };
  const prefs = parseJson(storage.getItem(PREFERENCES_KEY));
  if (prefs && isRecord(prefs.value)) file.preferences = prefs.value;
  if (setAside.length) file.setAside = setAside;
  return { file, skipped };
}

function sortedReview(review: Readonly<Record<string, ReviewCard>>): Record<string, ReviewCard> {
  return Object.fromEntries(Object.entries(review).sort(([a], [b]) => a.localeCompare(b)));
}

/** `calx-progress-2026-11-22.json` */
export function exportFileName(now: Date): string {
  return `calx-progress-${now.toISOString().slice(0, 10)}.json`;
}

/** Reads an export file; a malformed one gets a message saying what is wrong, and nothing else happens. */
export function parseExport(text: string): { file: ProgressExport } | { problem: string } {
  if (text.length > MAX_INPUT_FILE_BYTES) return { problem: `it is larger than ${MAX_INPUT_FILE_BYTES / 1024 / 1024} MB, the most Calx reads` };
  let value: unknown;
  try {
    // A byte-order mark (some editors add one) is not part of the JSON.
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { problem: `it is not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  return readProgressExport(value);
}

export interface MergeCount {
  /** In the file and not here: added. */
  added: number;
  /** In both, newer in the file: replaced by the file's. */
  updated: number;
  /** In both, newer (or the same) here: kept. */
  kept: number;
}
export interface ImportSummary {
  attempts: MergeCount;
  quizResults: MergeCount;
  review: MergeCount;
  /** Damaged local data that was set aside (kept under these keys) so that the merge could write. */
  setAside: string[];
}

const zero = (): MergeCount => ({ added: 0, updated: 0, kept: 0 });

/** Merges keyed records: the file's record replaces ours only when `newer` says it is newer. */
function mergeBy<T>(ours: readonly T[], theirs: readonly T[], key: (t: T) => string, newer: (a: T, b: T) => boolean, count: MergeCount): T[] {
  const merged = new Map(ours.map((t) => [key(t), t]));
  for (const t of theirs) {
    const mine = merged.get(key(t));
    if (mine === undefined) {
      merged.set(key(t), t);
      count.added++;
    } else if (newer(t, mine)) {
      merged.set(key(t), t);
      count.updated++;
    } else count.kept++;
  }
  return [...merged.values()];
}

const later = (a: string, b: string) => Date.parse(a) > Date.parse(b);

/** An import refused as a whole: nothing in the browser was changed. */
export class ImportRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportRefused';
  }
}

/** Collects an import's writes in memory over the real storage, so that they can be checked, then made all at once. */
class StagedStorage implements StorageLike {
  readonly changes = new Map<string, string | null>();
  constructor(private readonly base: StorageLike) {}
  getItem(key: string): string | null {
    return this.changes.has(key) ? this.changes.get(key)! : this.base.getItem(key);
  }
  setItem(key: string, value: string): void {
    this.changes.set(key, value);
  }
  removeItem(key: string): void {
    this.changes.set(key, null);
  }
}

/** Makes every change or none; throws ImportRefused (with nothing changed) when storage refuses one. */
function commitAll(storage: StorageLike, changes: ReadonlyMap<string, string | null>): void {
  const guarded = storage as StorageLike & { applyAll?: (c: ReadonlyMap<string, string | null>) => boolean };
  const refused = (why: string) => new ImportRefused(`The import could not be saved (${why}). Nothing was changed.`);
  if (typeof guarded.applyAll === 'function') {
    if (!guarded.applyAll(changes)) throw refused(degradedReason(storage) ?? 'browser storage is full or blocked');
    return;
  }
  const before = new Map<string, string | null>();
  try {
    for (const [k, v] of changes) {
      before.set(k, storage.getItem(k));
      if (v === null) storage.removeItem(k);
      else storage.setItem(k, v);
    }
  } catch {
    for (const [k, v] of before) {
      try {
        if (v === null) storage.removeItem(k);
        else storage.setItem(k, v);
      } catch {
        // An earlier value takes no more room than it had.
      }
    }
    throw refused('browser storage is full or blocked');
  }
}

/** The cases an import may name: each case's slug and former slugs. */
export type KnownCases = readonly { slug: string; formerSlugs?: readonly string[] }[];

/**
 * Merges an export into this browser's storage, all or nothing: the file is checked against the
 * course first (every attempt must be on a case of this course, under its current or a former
 * slug), the merge is worked out in memory, and the writes are made together; if storage refuses
 * one, those already made are undone and ImportRefused says so.
 * - Case attempts are matched by case and start time; the one updated later wins. Per case, the
 *   attempt started last becomes the current one and the rest its history, oldest first.
 * - Quiz results are matched by quiz and start time; the one updated later wins.
 * - Review cards are matched by item; the one reviewed later wins.
 * - Preferences are taken only when this browser has none.
 * - Set-aside entries are put back under their keys when those are free.
 */
export function importProgress(storage: StorageLike, file: ProgressExport, now: Date, cases?: KnownCases): ImportSummary {
  let attempts = file.attempts;
  if (cases) {
    const resolve = new Map<string, string>();
    for (const c of cases) for (const s of [c.slug, ...(c.formerSlugs ?? [])]) resolve.set(s, c.slug);
    const unknown = [...new Set(attempts.map((a) => a.case).filter((slug) => !resolve.has(slug)))];
    if (unknown.length)
      throw new ImportRefused(
        `The file holds attempts on ${unknown.length === 1 ? 'a case' : `${unknown.length} cases`} this course does not have (${unknown
          .slice(0, 3)
          .map((u) => `"${u.slice(0, 60)}"`)
          .join(', ')}${unknown.length > 3 ? ', …' : ''}). Nothing was changed.`,
      );
    attempts = attempts.map((a) => (resolve.get(a.case) === a.case ? a : { ...a, case: resolve.get(a.case)! }));
  }
  const staged = new StagedStorage(storage);
  const summary = mergeInto(staged, { ...file, attempts }, now);
  commitAll(storage, staged.changes);
  return summary;
}

function mergeInto(storage: StorageLike, file: ProgressExport, now: Date): ImportSummary {
  const summary: ImportSummary = { attempts: zero(), quizResults: zero(), review: zero(), setAside: [] };

  const cases = [...new Set(file.attempts.map((a) => a.case))].sort();
  for (const slug of cases) {
    const currentKey = `${ATTEMPT_STORAGE_PREFIX}${slug}`;
    const historyKey = `${HISTORY_PREFIX}${slug}`;
    const ours: AttemptRecord[] = [];
    // History entries this version cannot read are kept in the history as they are.
    const unreadable: unknown[] = [];
    const currentRaw = storage.getItem(currentKey);
    if (currentRaw !== null) {
      const parsed = parseJson(currentRaw);
      const read = parsed ? readAttemptRecord(parsed.value) : null;
      if (read && 'record' in read) ours.push(read.record);
      else summary.setAside.push(putAside(storage, slug, currentRaw, 'damaged saved attempt, set aside when progress was imported', now));
    }
    const historyRaw = storage.getItem(historyKey);
    if (historyRaw !== null) {
      const parsed = parseJson(historyRaw);
      if (parsed && Array.isArray(parsed.value)) {
        for (const v of parsed.value) {
          const read = readAttemptRecord(v);
          if ('record' in read) ours.push(read.record);
          else unreadable.push(v);
        }
      } else summary.setAside.push(putAside(storage, `${slug}:history`, historyRaw, 'damaged attempt history, set aside when progress was imported', now));
    }
    const merged = mergeBy(
      ours,
      file.attempts.filter((a) => a.case === slug),
      (a) => a.startedAt,
      (a, b) => later(a.updatedAt, b.updatedAt),
      summary.attempts,
    ).sort(byCaseThenStart);
    const current = merged.pop()!;
    storage.setItem(currentKey, JSON.stringify(current));
    if (merged.length || unreadable.length || historyRaw !== null) storage.setItem(historyKey, JSON.stringify([...unreadable, ...merged]));
  }

  const loaded = loadProgress(storage, now);
  if (loaded.setAside?.key) summary.setAside.push(loaded.setAside.key);
  const quizResults = mergeBy(
    loaded.data.quizResults,
    file.quizResults,
    (r) => `${r.quiz}\u0000${r.startedAt}`,
    (a, b) => later(a.updatedAt, b.updatedAt),
    summary.quizResults,
  );
  const review = { ...loaded.data.review };
  for (const [id, card] of Object.entries(file.review)) {
    const mine = review[id];
    if (!mine) summary.review.added++;
    else if (later(card.lastReview, mine.lastReview)) summary.review.updated++;
    else {
      summary.review.kept++;
      continue;
    }
    review[id] = card;
  }
  const data: ProgressData = { ...loaded.data, quizResults: sortResults(quizResults), review: sortedReview(review) };
  saveProgress(storage, data);

  if (file.preferences && storage.getItem(PREFERENCES_KEY) === null) storage.setItem(PREFERENCES_KEY, JSON.stringify(file.preferences));
  for (const e of file.setAside ?? []) {
    if (storage.getItem(e.key) !== null) continue;
    const entry = readSetAside(e.key, JSON.stringify({ reason: e.reason, setAsideAt: e.setAsideAt, raw: e.raw }));
    if (entry) storage.setItem(e.key, JSON.stringify({ reason: entry.reason, setAsideAt: entry.setAsideAt, raw: entry.raw }));
  }
  return summary;
}

/** One or two sentences for the learner about what an import did. */
export function describeImport(s: ImportSummary): string {
  const part = (c: MergeCount, one: string, many: string) => {
    const n = c.added + c.updated;
    if (n === 0) return null;
    const noun = c.added === 1 || (c.added === 0 && c.updated === 1) ? one : many;
    return c.added && c.updated ? `${c.added} ${noun} added and ${c.updated} updated` : c.added ? `${c.added} ${noun} added` : `${c.updated} ${noun} updated`;
  };
  const parts = [
    part(s.attempts, 'case attempt', 'case attempts'),
    part(s.quizResults, 'quiz result', 'quiz results'),
    part(s.review, 'review card', 'review cards'),
  ].filter(Boolean);
  const kept = s.attempts.kept + s.quizResults.kept + s.review.kept;
  const head = parts.length ? `Imported: ${parts.join('; ')}.` : 'Imported: the file held nothing newer than this browser already had.';
  const tail = kept ? ` Kept ${kept} record${kept === 1 ? '' : 's'} that ${kept === 1 ? 'was' : 'were'} as new or newer here.` : '';
  const aside = s.setAside.length ? ` Damaged saved data was set aside (kept under ${s.setAside.join(', ')}).` : '';
  return head + tail + aside;
}

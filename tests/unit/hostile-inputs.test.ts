import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyseClass, toCsv } from '../../src/faculty/class-results';
import { importProgress, ImportRefused, parseExport } from '../../src/progress/export';
import { guardStorage } from '../../src/progress/guarded-storage';
import { attemptKey, loadAttempt, newAttempt } from '../../src/progress/saved-attempt';
import { loadProgress, PROGRESS_KEY } from '../../src/progress/quiz-progress';
import { decodeSnapshot } from '../../src/scorm/suspend';
import type { AttemptRecord } from '../../src/engine/attempt';
import { seededRandom } from '../../src/quiz/shuffle';
import { caseBySlug, course } from '../helpers/content';
import { MemoryStorage } from '../../src/progress/memory-storage';

/**
 * Damaged and hostile inputs at every entry point that reads untrusted data (class results, progress
 * import, a saved attempt, a saved quiz store, SCORM suspend data): none may throw, and none may
 * change or lose what was already stored, except by setting it aside (kept, with the reason).
 */

const def = caseBySlug('liver-transplant-calcification');
const now = new Date('2026-11-22T10:00:00Z');
const best = JSON.parse(readFileSync(`tests/fixtures/attempts/${def.slug}/best.json`, 'utf8')).events as AttemptRecord['events'];
const valid: AttemptRecord = { ...newAttempt(def, new Date('2026-11-20T09:00:00Z')), events: best };
const validExport = { format: 'calx-progress-export', version: 1, exportedAt: now.toISOString(), attempts: [valid], quizResults: [], review: {} };

const HOSTILE_STRINGS = [
  '',
  '\u0000',
  '\u001b[2J\u001b[31m',
  '\u202egpj.exe',
  '=cmd|"/c calc"!A1',
  ' ＝1+1',
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(1)</script>',
  '\ud800',
  'x'.repeat(300),
  '__proto__',
  'constructor',
];
const HOSTILE_VALUES: unknown[] = [null, true, 0, -1, 1e308, Number.NaN, [], {}, [[[[[]]]]], { __proto__: { polluted: true } }, ...HOSTILE_STRINGS];

const nestedText = (depth: number) => `${'['.repeat(depth)}"ORDER"${']'.repeat(depth)}`;

/** Mutations of a valid JSON text and object: truncations, byte flips, wrong types at every field, huge and nested values. */
function corpus(text: string, value: Record<string, unknown>, n: number, seed: number): string[] {
  const random = seededRandom(String(seed));
  const out: string[] = [
    `\uFEFF${text}`,
    text.slice(0, -1),
    text.replace(/"/g, "'"),
    nestedText(50_000),
    text.replace('"ADVANCE"', nestedText(50_000)),
    `{"a":${'['.repeat(20_000)}`,
  ];
  for (let i = 0; i < n; i++) {
    const r = random();
    if (r < 0.3) {
      const cut = Math.floor(random() * text.length);
      out.push(text.slice(0, cut));
    } else if (r < 0.55) {
      const at = Math.floor(random() * text.length);
      out.push(text.slice(0, at) + String.fromCharCode(Math.floor(random() * 128)) + text.slice(at + 1));
    } else {
      const copy = structuredClone(value) as Record<string, unknown>;
      const keys = Object.keys(copy);
      const key = keys[Math.floor(random() * keys.length)]!;
      const bad = HOSTILE_VALUES[Math.floor(random() * HOSTILE_VALUES.length)];
      if (Array.isArray(copy[key]) && random() < 0.6) {
        const list = copy[key] as unknown[];
        const j = Math.floor(random() * Math.max(1, list.length));
        list[j] =
          random() < 0.5 ? bad : { ...(list[j] as object), [['type', 'action', 'diagnosis', 'confidence', 'case', 'events'][Math.floor(random() * 6)]!]: bad };
      } else copy[key] = bad;
      out.push(JSON.stringify(copy));
    }
  }
  return out;
}

const snapshotOf = (s: MemoryStorage) => new Map(s.items);
/** Nothing that was stored is lost: each original value is still under its key, or kept in a set-aside record. */
function nothingLost(before: Map<string, string>, after: MemoryStorage): boolean {
  const asideRaw = [...after.items].filter(([k]) => k.startsWith('calx:v1:set-aside:')).map(([, v]) => (JSON.parse(v) as { raw: string }).raw);
  return [...before].every(([k, v]) => after.getItem(k) === v || asideRaw.includes(v) || (k.startsWith('calx:v1:attempt:') && after.getItem(k) !== null));
}

describe('hostile and damaged inputs', () => {
  const attemptInputs = corpus(JSON.stringify(valid), valid as unknown as Record<string, unknown>, 400, 1);
  const exportInputs = corpus(JSON.stringify(validExport), validExport, 400, 2);

  it('class results list every bad file with a reason and never throw, and the CSV of what they read is neutralised', () => {
    for (const text of [...attemptInputs, ...exportInputs]) {
      const results = analyseClass([{ name: 'f.json', text }], course.cases);
      expect(results.rows.length + results.problems.length).toBeGreaterThan(0);
      const csv = toCsv(results.rows);
      expect(csv).not.toMatch(/(^|,)"?[=+@]/m);
    }
  });

  it('progress import rejects or merges every file without throwing anything but a refusal, and loses nothing stored', () => {
    for (const text of exportInputs) {
      const storage = new MemoryStorage();
      storage.setItem(attemptKey(def.slug), JSON.stringify({ ...valid, startedAt: '2026-11-01T09:00:00.000Z' }));
      const before = snapshotOf(storage);
      const parsed = parseExport(text);
      if ('file' in parsed) {
        try {
          importProgress(guardStorage(storage), parsed.file, now, course.cases);
        } catch (e) {
          expect(e).toBeInstanceOf(ImportRefused);
          expect(storage.items).toEqual(before);
        }
      } else expect(storage.items).toEqual(before);
      expect(nothingLost(before, storage)).toBe(true);
    }
  });

  it('a damaged saved attempt or quiz store is resumed or set aside, never thrown on or lost', () => {
    for (const raw of attemptInputs) {
      const storage = new MemoryStorage();
      storage.setItem(attemptKey(def.slug), raw);
      storage.setItem(PROGRESS_KEY, raw);
      const before = snapshotOf(storage);
      const outcome = loadAttempt(storage, def, now);
      expect(['resumed', 'set-aside', 'none']).toContain(outcome.kind);
      loadProgress(storage, now);
      expect(nothingLost(before, storage)).toBe(true);
    }
  });

  it('SCORM suspend data that cannot be read is refused with an error, never a crash of another kind', () => {
    for (const text of [...attemptInputs.slice(0, 100), 'undefined', 'null', 'CX1:', 'CX1:!!!!', `CX1:${'A'.repeat(5000)}`]) {
      try {
        decodeSnapshot(text);
      } catch (e) {
        expect(e).toBeInstanceOf(Error);
        expect((e as Error).name).not.toBe('RangeError');
      }
    }
  });
});

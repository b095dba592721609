import { describe, expect, it } from 'vitest';
import { buildExport, describeImport, importProgress, parseExport, type ProgressExport } from '../../src/progress/export';
import { loadProgress, saveProgress, emptyProgress, PROGRESS_KEY, type ProgressData } from '../../src/progress/quiz-progress';
import { ATTEMPT_STORAGE_PREFIX, HISTORY_PREFIX, SET_ASIDE_PREFIX } from '../../src/progress/keys';
import { PREFERENCES_KEY } from '../../src/progress/preferences';
import type { AttemptRecord } from '../../src/engine/attempt';
import { reviewItem } from '../../src/quiz/schedule';
import { MemoryStorage } from '../../src/progress/memory-storage';
import { quizResult } from '../helpers/quiz-results';

const now = new Date('2026-11-22T10:00:00.000Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();
const SLUG = 'liver-transplant-calcification';

function attempt(startedAt: string, updatedAt: string, events: AttemptRecord['events'] = [{ type: 'ORDER', action: 'pth' }], slug = SLUG): AttemptRecord {
  return { format: 'calx-attempt', formatVersion: 1, case: slug, caseVersion: 'abcdef0123456789', events, startedAt, updatedAt };
}
const finished = (startedAt: string, updatedAt: string): AttemptRecord => ({
  ...attempt(startedAt, updatedAt, [
    {
      type: 'COMMIT',
      differential: [
        { diagnosis: 'dystrophic', probability: 50 },
        { diagnosis: 'metastatic', probability: 50 },
      ],
      summary: 'A woman.',
    },
    { type: 'FINISH' },
  ]),
  result: { total: 97, diagnosis: 'dystrophic', diagnosisLabel: 'Dystrophic calcification', finishedAt: updatedAt },
});

/** A browser with everything a learner accumulates: a current attempt, a history, quiz results, review cards, preferences. */
function richStorage(): MemoryStorage {
  const s = new MemoryStorage();
  s.setItem(`${ATTEMPT_STORAGE_PREFIX}${SLUG}`, JSON.stringify(attempt(at(100), at(110))));
  s.setItem(`${HISTORY_PREFIX}${SLUG}`, JSON.stringify([finished(at(0), at(30)), finished(at(40), at(70))]));
  s.setItem(`${ATTEMPT_STORAGE_PREFIX}other-case`, JSON.stringify(attempt(at(5), at(6), [], 'other-case')));
  const data: ProgressData = {
    ...emptyProgress(),
    quizResults: [
      quizResult(),
      quizResult({ quiz: 'labs', title: 'Labs', startedAt: at(20), updatedAt: at(25), finishedAt: null, mode: 'test', timeLimitMinutes: 10, overTime: true }),
    ],
    review: { 'numeric-1': reviewItem(undefined, 0, now)! },
  };
  saveProgress(s, data);
  s.setItem(PREFERENCES_KEY, JSON.stringify({ units: 'si' }));
  return s;
}

const exported = (s: MemoryStorage, when = now) => buildExport(s, when).file;

describe('export then import', () => {
  it('loses nothing: a fresh browser that imports an export exports the same file (round-trip equality)', () => {
    // Arrange
    const original = exported(richStorage());
    const fresh = new MemoryStorage();
    // Act
    importProgress(fresh, parseExportOrThrow(JSON.stringify(original)), now);
    // Assert
    expect(exported(fresh)).toEqual(original);
    expect(original.attempts).toHaveLength(4);
    expect(original.quizResults).toHaveLength(2);
    expect(Object.keys(original.review)).toEqual(['numeric-1']);
    expect(original.preferences).toEqual({ units: 'si' });
  });

  it('rebuilds the current attempt and the history of each case as they were', () => {
    const source = richStorage();
    const fresh = new MemoryStorage();
    importProgress(fresh, exported(source), now);
    for (const key of [`${ATTEMPT_STORAGE_PREFIX}${SLUG}`, `${HISTORY_PREFIX}${SLUG}`, `${ATTEMPT_STORAGE_PREFIX}other-case`, PROGRESS_KEY]) {
      expect(JSON.parse(fresh.getItem(key)!)).toEqual(JSON.parse(source.getItem(key)!));
    }
  });

  it('leaves damaged saved data out of the export and says so', () => {
    const s = richStorage();
    s.setItem(`${ATTEMPT_STORAGE_PREFIX}broken-case`, '{not json');
    const { file, skipped } = buildExport(s, now);
    expect(file.attempts.map((a) => a.case)).not.toContain('broken-case');
    expect(skipped).toEqual([`${ATTEMPT_STORAGE_PREFIX}broken-case: the stored data is damaged`]);
  });
});

function parseExportOrThrow(text: string): ProgressExport {
  const parsed = parseExport(text);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed.file;
}

describe('import merges and never overwrites newer data', () => {
  it('adds what is missing, replaces only what the file has newer, and keeps the rest', () => {
    // Arrange: this browser played on after the export was made; the other device did other things.
    const here = richStorage();
    const file = exported(richStorage());
    const newerHere = attempt(at(100), at(200), [
      { type: 'ORDER', action: 'pth' },
      { type: 'ORDER', action: 'ct-abdomen' },
    ]);
    here.setItem(`${ATTEMPT_STORAGE_PREFIX}${SLUG}`, JSON.stringify(newerHere));
    const olderInFile = file.attempts.find((a) => a.case === SLUG && a.startedAt === at(0))!;
    olderInFile.updatedAt = at(35); // the other device updated the first attempt later than here
    file.attempts.push(attempt(at(300), at(301), [], 'new-case'));
    file.quizResults.push(quizResult({ quiz: 'imaging', startedAt: at(500), updatedAt: at(501) }));
    file.quizResults[0] = { ...file.quizResults[0]!, updatedAt: at(1) }; // older than here (at 5)
    const laterCard = reviewItem(file.review['numeric-1'], 1, new Date(at(60 * 24)))!;
    file.review['numeric-1'] = laterCard;
    file.review['single-9'] = reviewItem(undefined, 0, now)!;
    // Act
    const summary = importProgress(here, file, now);
    // Assert
    expect(JSON.parse(here.getItem(`${ATTEMPT_STORAGE_PREFIX}${SLUG}`)!)).toEqual(newerHere);
    const history = JSON.parse(here.getItem(`${HISTORY_PREFIX}${SLUG}`)!) as AttemptRecord[];
    expect(history.map((a) => a.updatedAt)).toEqual([at(35), at(70)]);
    expect(JSON.parse(here.getItem(`${ATTEMPT_STORAGE_PREFIX}new-case`)!).startedAt).toBe(at(300));
    const data = loadProgress(here, now).data;
    expect(data.quizResults.map((r) => [r.quiz, r.updatedAt])).toEqual([
      ['processes', at(5)],
      ['labs', at(25)],
      ['imaging', at(501)],
    ]);
    expect(data.review['numeric-1']).toEqual(laterCard);
    expect(Object.keys(data.review)).toEqual(['numeric-1', 'single-9']);
    expect(summary.attempts).toEqual({ added: 1, updated: 1, kept: 3 });
    expect(summary.quizResults).toEqual({ added: 1, updated: 0, kept: 2 });
    expect(summary.review).toEqual({ added: 1, updated: 1, kept: 0 });
    expect(describeImport(summary)).toBe(
      'Imported: 1 case attempt added and 1 updated; 1 quiz result added; 1 review card added and 1 updated. Kept 5 records that were as new or newer here.',
    );
  });

  it('keeps the review card reviewed later here over an older one in the file', () => {
    const here = richStorage();
    const file = exported(richStorage());
    const mine = reviewItem(file.review['numeric-1'], 1, new Date(at(60 * 48)))!;
    saveProgress(here, { ...loadProgress(here, now).data, review: { 'numeric-1': mine } });
    importProgress(here, file, now);
    expect(loadProgress(here, now).data.review['numeric-1']).toEqual(mine);
  });

  it('makes the attempt started last the current one, moving an earlier current attempt into the history', () => {
    const here = richStorage();
    const file = exported(new MemoryStorage());
    file.attempts.push(finished(at(400), at(420)));
    importProgress(here, file, now);
    expect(JSON.parse(here.getItem(`${ATTEMPT_STORAGE_PREFIX}${SLUG}`)!).startedAt).toBe(at(400));
    expect((JSON.parse(here.getItem(`${HISTORY_PREFIX}${SLUG}`)!) as AttemptRecord[]).map((a) => a.startedAt)).toEqual([at(0), at(40), at(100)]);
  });

  it('sets a damaged current attempt aside rather than overwriting it', () => {
    const here = new MemoryStorage();
    here.setItem(`${ATTEMPT_STORAGE_PREFIX}${SLUG}`, '{damaged');
    const summary = importProgress(here, exported(richStorage()), now);
    expect(summary.setAside).toHaveLength(1);
    expect(JSON.parse(here.getItem(summary.setAside[0]!)!).raw).toBe('{damaged');
    expect(here.keysStartingWith(SET_ASIDE_PREFIX)).toEqual(summary.setAside);
  });

  it('keeps this browser preferences over the file', () => {
    const here = new MemoryStorage();
    here.setItem(PREFERENCES_KEY, JSON.stringify({ units: 'conventional' }));
    importProgress(here, exported(richStorage()), now);
    expect(JSON.parse(here.getItem(PREFERENCES_KEY)!)).toEqual({ units: 'conventional' });
  });
});

describe('a malformed file is rejected with what is wrong', () => {
  const good = () => JSON.parse(JSON.stringify(exported(richStorage()))) as Record<string, any>;
  it.each([
    ['text that is not JSON', 'hello', /^it is not valid JSON \(/],
    ['JSON from elsewhere', JSON.stringify({ name: 'x' }), /^it is not a Calx progress file \(a Calx export starts with "format": "calx-progress-export"\)$/],
    [
      'a newer export',
      JSON.stringify({ ...good(), version: 2 }),
      /^it was made by a newer version of Calx \(export version 2; this version reads version 1\)$/,
    ],
    ['attempts that are not a list', JSON.stringify({ ...good(), attempts: {} }), /^`attempts` must be a list, found \{\}$/],
    [
      'a malformed event',
      JSON.stringify({ ...good(), attempts: [{ ...good().attempts[0], events: [{ type: 'ORDER' }] }] }),
      /^case attempt 1 \(`attempts\[0\]`\): event 1 is malformed \(an ORDER event needs an "action" id\)$/,
    ],
    [
      'a credit out of range',
      JSON.stringify({ ...good(), quizResults: [{ ...good().quizResults[0], answers: [{ ...good().quizResults[0].answers[0], credit: 2 }] }] }),
      /^quiz result 1 \(`quizResults\[0\]`\): `answers\[0\]\.credit` must be a number from 0 to 1, found 2$/,
    ],
    [
      'a review card without a due date',
      JSON.stringify({ ...good(), review: { q: { ...good().review['numeric-1'], due: undefined } } }),
      /^the review card of "q" \(`review\.q`\): `due` must be a date \(ISO 8601\), found nothing$/,
    ],
  ])('rejects %s', (_name, text, message) => {
    const parsed = parseExport(text);
    expect('problem' in parsed && parsed.problem).toMatch(message);
  });

  it('accepts a well-formed file', () => {
    expect('file' in parseExport(JSON.stringify(good()))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { guardStorage } from '../../src/progress/guarded-storage';
import { ATTEMPT_STORAGE_PREFIX, SET_ASIDE_PREFIX } from '../../src/progress/keys';
import { MemoryStorage } from '../../src/progress/memory-storage';
import { PROGRESS_KEY, emptyProgress, saveProgress, upsertQuizResult } from '../../src/progress/quiz-progress';
import { importProgressFile, readProgressView, restoreEntry, reviewText, statusText, type ProgressProps } from '../../src/islands/quiz/progress-view';
import { quizResult } from '../helpers/quiz-results';

/** The progress page's view-model (src/islands/quiz/progress-view.ts) on an in-memory storage; the page itself is tests/e2e/progress.spec.ts. */

const now = new Date('2026-11-22T10:00:00.000Z');
const props: ProgressProps = {
  cases: [
    { slug: 'case-a', title: 'Case A', version: 'v1', href: '/cases/case-a/', formerSlugs: ['old-a'] },
    { slug: 'case-b', title: 'Case B', version: 'v1', href: '/cases/case-b/', formerSlugs: [] },
  ],
  quizzes: [],
  objectives: [],
  items: [],
  reviewHref: '/review/',
};
const attempt = (slug: string, events: unknown[]) => ({
  format: 'calx-attempt',
  formatVersion: 2,
  case: slug,
  caseVersion: 'v1',
  events,
  startedAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:05:00.000Z',
});

describe('the progress page view', () => {
  it('reads an attempt saved under a former slug as the renamed case’s, and says how far it went', () => {
    const memory = new MemoryStorage();
    memory.setItem(`${ATTEMPT_STORAGE_PREFIX}old-a`, JSON.stringify(attempt('old-a', [{ type: 'ADVANCE' }, { type: 'ADVANCE' }])));
    const view = readProgressView(guardStorage(memory), props, now);
    expect(view.cases.map((c) => [c.slug, c.status.kind])).toEqual([
      ['case-a', 'in-progress'],
      ['case-b', 'not-started'],
    ]);
    expect(statusText(view.cases[0]!.status)).toBe('In progress (2 steps)');
    expect(memory.getItem(`${ATTEMPT_STORAGE_PREFIX}case-a`)).not.toBeNull();
  });

  it('lists a quiz this browser has results of but the course no longer offers, without a link', () => {
    const memory = new MemoryStorage();
    const result = quizResult();
    saveProgress(memory, upsertQuizResult(emptyProgress(), result));
    const view = readProgressView(guardStorage(memory), props, now);
    expect(view.quizzes).toHaveLength(1);
    expect(view.quizzes[0]).toMatchObject({ id: result.quiz, href: null });
    expect(view.quizzes[0]!.scores?.sittings).toBe(1);
  });

  it('lists set-aside data with its case, marks the case "Set aside", and restores a readable attempt', () => {
    const memory = new MemoryStorage();
    const raw = JSON.stringify(attempt('case-b', [{ type: 'ADVANCE' }]));
    const key = `${SET_ASIDE_PREFIX}case-b:2026-11-21T09:00:00.000Z`;
    memory.setItem(key, JSON.stringify({ reason: 'made on another version', setAsideAt: '2026-11-21T09:00:00.000Z', raw }));
    const storage = guardStorage(memory);
    const view = readProgressView(storage, props, now);
    expect(view.cases[1]!.status).toEqual({ kind: 'set-aside', count: 1 });
    expect(view.setAside).toHaveLength(1);
    expect(view.setAside[0]).toMatchObject({ kindLabel: 'Case attempt', title: 'Case B', restorable: true });
    expect(restoreEntry(storage, view.setAside[0]!.entry, props.cases)?.tone).toBe('ok');
    expect(JSON.parse(memory.getItem(`${ATTEMPT_STORAGE_PREFIX}case-b`)!).events).toHaveLength(1);
    expect(readProgressView(storage, props, now).cases[1]!.status.kind).toBe('in-progress');
  });

  it('says what is due and when the next review is', () => {
    const format = (date: Date) => date.toISOString().slice(0, 10);
    expect(reviewText({ due: [], scheduled: 0, next: null }, format)).toBe('Nothing is due for review right now.');
    expect(reviewText({ due: ['q1'], scheduled: 2, next: new Date('2026-11-25T00:00:00.000Z') }, format)).toBe(
      '1 question is due for review. 2 more are scheduled, the next on 2026-11-25.',
    );
  });

  it('refuses a file that is not a progress export, saying so, and changes nothing', async () => {
    const memory = new MemoryStorage();
    memory.setItem(PROGRESS_KEY, JSON.stringify(emptyProgress()));
    const before = [...memory.items];
    const file = { name: 'notes.json', size: 9, text: async () => '{"a": 1}' };
    const message = await importProgressFile(guardStorage(memory), file, props.cases);
    expect(message?.tone).toBe('error');
    expect(message?.text).toMatch(/^notes\.json cannot be imported: .+\. Nothing was changed\.$/);
    expect([...memory.items]).toEqual(before);
  });

  it('refuses a file larger than Calx reads before reading it', async () => {
    const file = {
      name: 'huge.json',
      size: 1e9,
      text: async () => {
        throw new Error('must not be read');
      },
    };
    const message = await importProgressFile(guardStorage(new MemoryStorage()), file, props.cases);
    expect(message).toMatchObject({ tone: 'error' });
    expect(message?.text).toContain('huge.json cannot be imported: it is larger than');
  });
});

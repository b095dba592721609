import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { AttemptSession, type SaveScheduler } from '../../src/islands/attempt-session';
import { attemptKey } from '../../src/progress/attempt-store';
import type { PlayEvent } from '../../src/schemas/events';
import { caseBySlug } from '../helpers/content';
import { MemoryStorage } from '../../src/progress/memory-storage';

const def = caseBySlug('liver-transplant-calcification');
const best = JSON.parse(readFileSync(`tests/fixtures/attempts/${def.slug}/best.json`, 'utf8')).events as PlayEvent[];
const firstOrder = best.find((e): e is Extract<PlayEvent, { type: 'ORDER' }> => e.type === 'ORDER')!;
const savedEvents = (storage: MemoryStorage) => {
  const raw = storage.getItem(attemptKey(def.slug));
  return raw === null ? null : (JSON.parse(raw) as { events: PlayEvent[] }).events;
};

/** A scheduler that holds saves until the test runs them, as the browser does until it is idle. */
function heldSaves() {
  const waiting: (() => void)[] = [];
  const schedule: SaveScheduler = (save) => void waiting.push(save);
  return { schedule, waiting, runAll: () => waiting.splice(0).forEach((save) => save()) };
}

describe('the attempt session saves off the click path and never loses a step', () => {
  it('writes nothing while the click is handled, then the whole attempt once the scheduled save runs', async () => {
    const storage = new MemoryStorage();
    const held = heldSaves();
    const session = new AttemptSession(def, null, () => new Date('2026-12-01T10:00:00Z'), held.schedule);
    await session.attach(storage);
    const played = best.slice(0, 4);
    for (const e of played) expect(session.send(e)).toBeNull();
    expect(savedEvents(storage)).toBeNull();
    // Several steps before the browser is idle ask for one save, which writes them all.
    expect(held.waiting).toHaveLength(1);
    held.runAll();
    expect(savedEvents(storage)).toEqual(played);
  });

  it('flushes a waiting save when asked (the page is hidden or left), and a later scheduled run writes nothing twice', async () => {
    const storage = new MemoryStorage();
    const held = heldSaves();
    const session = new AttemptSession(def, null, undefined, held.schedule);
    await session.attach(storage);
    expect(session.send(best[0]!)).toBeNull();
    session.flush();
    expect(savedEvents(storage)).toEqual([best[0]]);
    storage.removeItem(attemptKey(def.slug));
    held.runAll();
    expect(savedEvents(storage)).toBeNull();
  });

  it('turns a write that fails into a notice with a download, after the step was shown', async () => {
    const storage = new MemoryStorage();
    const held = heldSaves();
    const session = new AttemptSession(def, null, undefined, held.schedule);
    await session.attach(storage);
    storage.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    expect(session.send(best[0]!)).toBeNull();
    expect(session.getView().record.events).toHaveLength(1);
    expect(session.getView().notice).toBeNull();
    held.runAll();
    expect(session.getView().notice).toMatchObject({ tone: 'warning', offerDownload: true });
    expect(session.getView().notice?.text).toMatch(/could not be saved/);
  });

  it('refuses an order already done at this stage with the reason, and neither records nor saves it', async () => {
    const storage = new MemoryStorage();
    const session = new AttemptSession(def, null);
    await session.attach(storage);
    expect(session.send(firstOrder)).toBeNull();
    const before = session.getView();
    expect(session.send(firstOrder)).toMatch(/was already done at/);
    expect(session.getView()).toBe(before);
    expect(savedEvents(storage)).toEqual([firstOrder]);
  });

  it('keeps the identity of what an order did not change, so memoised parts of the player skip it', async () => {
    const session = new AttemptSession(def, null);
    await session.attach(new MemoryStorage());
    const before = session.getView();
    expect(session.send(firstOrder)).toBeNull();
    const after = session.getView();
    expect(after).not.toBe(before);
    expect(after.notice).toBe(before.notice);
    expect(after.snapshot.context.working).toBe(before.snapshot.context.working);
    // Every earlier trace entry is the same object; only the new one is added.
    expect(after.snapshot.context.trace.slice(0, -1)).toEqual(before.snapshot.context.trace);
    after.snapshot.context.trace.slice(0, -1).forEach((entry, i) => expect(entry).toBe(before.snapshot.context.trace[i]));
  });
});

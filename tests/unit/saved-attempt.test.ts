import { describe, expect, it } from 'vitest';
import { attemptKey, archiveAttempt, loadAttempt, newAttempt, saveAttempt } from '../../src/progress/saved-attempt';
import { SET_ASIDE_PREFIX, HISTORY_PREFIX } from '../../src/progress/keys';
import { readFileSync } from 'node:fs';
import { replay } from '../../src/engine/attempt';
import { migrateEvents } from '../../src/engine/migrate';
import { caseBySlug, projectRoot } from '../helpers/content';
import { MemoryStorage } from '../../src/progress/memory-storage';

const def = caseBySlug('liver-transplant-calcification');
const now = new Date('2026-11-22T10:00:00Z');

const withEvents = (events: unknown[]) => ({ ...newAttempt(def, now), events });

describe('saved attempts', () => {
  it('finds nothing to resume when nothing was saved', () => {
    expect(loadAttempt(new MemoryStorage(), def, now)).toEqual({ kind: 'none' });
  });

  it('resumes a saved attempt by replaying its events', () => {
    // Arrange
    const storage = new MemoryStorage();
    const commit = {
      type: 'COMMIT',
      differential: [
        { diagnosis: 'metastatic', probability: 60 },
        { diagnosis: 'dystrophic', probability: 40 },
      ],
      summary: 'A woman after a liver transplant.',
    };
    saveAttempt(storage, withEvents([{ type: 'ORDER', action: 'pth' }, commit]) as never);
    // Act
    const outcome = loadAttempt(storage, def, now);
    // Assert
    expect(outcome.kind).toBe('resumed');
    if (outcome.kind === 'resumed') {
      expect(outcome.replayed.context.working).toEqual({ differential: commit.differential, diagnosis: 'metastatic', confidence: 0.6 });
      expect(outcome.replayed.context.revealed.pth).toBeDefined();
    }
  });

  it('resumes an attempt saved in format 1 by migrating its commits, and keeps it as format 2', () => {
    const storage = new MemoryStorage();
    saveAttempt(storage, { ...withEvents([{ type: 'COMMIT', diagnosis: 'dystrophic-metastatic', confidence: 0.9 }]), formatVersion: 1 } as never);
    const outcome = loadAttempt(storage, def, now);
    expect(outcome.kind).toBe('resumed');
    if (outcome.kind !== 'resumed') return;
    expect(outcome.record.formatVersion).toBe(2);
    expect(outcome.replayed.context.working?.differential).toEqual([
      { diagnosis: 'dystrophic', probability: 45 },
      { diagnosis: 'metastatic', probability: 45 },
      { diagnosis: 'something-else', probability: 10 },
    ]);
  });

  it.each([
    ['damaged JSON', '{"format": "calx-att', 'could not be read (the stored data is damaged)'],
    ['a value that is not an attempt', '[1,2,3]', 'it is not an attempt record'],
    ['a malformed event', JSON.stringify(withEvents([{ type: 'ORDER' }])), 'event 1 is malformed (an ORDER event needs an "action" id)'],
    [
      'an older case version that no longer replays',
      JSON.stringify({ ...withEvents([{ type: 'ORDER', action: 'retired-action' }]), caseVersion: '0000000000000000' }),
      'changed in a way that affects scoring',
    ],
    [
      'an event the case does not accept',
      JSON.stringify(withEvents([{ type: 'ADVANCE' }])),
      'includes a step this case does not accept (event 1: commit a working differential before moving on)',
    ],
    [
      'a differential that does not sum to 100',
      JSON.stringify(withEvents([{ type: 'COMMIT', differential: [{ diagnosis: 'metastatic', probability: 60 }], summary: 'x' }])),
      'event 1 is malformed (probabilities sum to 60%, they must sum to 100)',
    ],
    [
      'an old commit the case cannot map',
      JSON.stringify(withEvents([{ type: 'COMMIT', diagnosis: 'gout', confidence: 0.5 }])),
      'includes a step this case does not accept (event 1: a COMMIT event needs a "differential"',
    ],
    ['a future attempt format', JSON.stringify({ ...withEvents([]), formatVersion: 99 }), 'it uses attempt format 99'],
  ])('sets aside %s with a reason, keeping the raw data', (_name, raw, reason) => {
    // Arrange
    const storage = new MemoryStorage();
    storage.setItem(attemptKey(def.slug), raw);
    // Act
    const outcome = loadAttempt(storage, def, now);
    // Assert
    expect(outcome.kind).toBe('set-aside');
    if (outcome.kind !== 'set-aside') return;
    expect(outcome.reason).toContain(reason);
    expect(storage.getItem(attemptKey(def.slug))).toBeNull();
    const kept = JSON.parse(storage.getItem(outcome.key)!);
    expect(kept).toEqual({ reason: outcome.reason, setAsideAt: now.toISOString(), raw });
    expect(storage.keysStartingWith(SET_ASIDE_PREFIX)).toEqual([outcome.key]);
  });

  it('keeps a finished attempt in the history when the learner plays again', () => {
    const storage = new MemoryStorage();
    const best = JSON.parse(readFileSync(`${projectRoot}tests/fixtures/attempts/${def.slug}/best.json`, 'utf8')).events as unknown[];
    const first = withEvents(migrateEvents(def, best)) as never;
    expect(replay(def, (first as { events: unknown[] }).events).finished).toBe(true);
    const second = { ...withEvents(migrateEvents(def, best)), startedAt: '2026-11-23T10:00:00.000Z', updatedAt: '2026-11-23T10:30:00.000Z' } as never;
    saveAttempt(storage, first);
    archiveAttempt(storage, first);
    saveAttempt(storage, second);
    archiveAttempt(storage, second);
    expect(storage.getItem(attemptKey(def.slug))).toBeNull();
    const history = JSON.parse(storage.getItem(`${HISTORY_PREFIX}${def.slug}`)!) as { startedAt: string; events: unknown[] }[];
    expect(history.map((h) => h.startedAt)).toEqual([now.toISOString(), '2026-11-23T10:00:00.000Z']);
    for (const h of history) expect(replay(def, h.events).finished).toBe(true);
  });
});

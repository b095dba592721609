import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { compile, replay } from '../../src/engine/attempt';
import { attemptRecordProblem, MAX_EVENTS_PER_ATTEMPT, MAX_ID_LENGTH } from '../../src/engine/attempt-record';
import { newAttempt } from '../../src/progress/saved-attempt';
import { parseExport } from '../../src/progress/export';
import { analyseClass } from '../../src/faculty/class-results';
import { MAX_INPUT_FILE_BYTES } from '../../src/progress/limits';
import type { PlayEvent } from '../../src/schemas/events';
import { caseBySlug, course } from '../helpers/content';
import { randomWalk, seededRandom } from '../../src/scoring/walks';

const def = caseBySlug('liver-transplant-calcification');

/** Alternating differentials: every COMMIT is accepted, so the log can be as long as we like. */
const commits = (n: number): PlayEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    type: 'COMMIT',
    differential: [
      { diagnosis: def.diagnoses[0]!.id, probability: i % 2 ? 60 : 50 },
      { diagnosis: def.diagnoses[1]!.id, probability: i % 2 ? 40 : 50 },
    ],
    ...(i === 0 ? { summary: 'A transplant recipient with new calcium deposits.' } : {}),
  }));

describe('linear replay', () => {
  it('gives exactly the context the player’s actor (which copies its trace) reaches, on random walks of every case', () => {
    for (const c of course.cases) {
      const compiled = compile(c);
      for (let seed = 0; seed < 20; seed++) {
        const events = randomWalk(c, seededRandom(seed));
        const player = createActor(compiled.machine).start();
        for (const e of events) player.send(e);
        expect(replay(c, events).context).toEqual(player.getSnapshot().context);
        player.stop();
      }
    }
  });

  it('never leaks one replay’s trace into the next (each actor starts from a fresh context)', () => {
    const first = replay(def, commits(5)).context.trace.length;
    replay(def, commits(50));
    expect(replay(def, commits(5)).context.trace.length).toBe(first);
  });

  it('replays an attempt at the cap of events to the end', () => {
    const { context } = replay(def, commits(MAX_EVENTS_PER_ATTEMPT));
    expect(context.trace.filter((t) => t.kind === 'commit')).toHaveLength(MAX_EVENTS_PER_ATTEMPT);
  });
});

describe('bounds on attempts read from files', () => {
  const record = (events: unknown[], extra: Record<string, unknown> = {}) => ({ ...newAttempt(def, new Date('2026-11-22T10:00:00Z')), events, ...extra });

  it('rejects an attempt with more events than the cap, and accepts one at the cap', () => {
    expect(attemptRecordProblem(record(commits(MAX_EVENTS_PER_ATTEMPT)))).toBeNull();
    expect(attemptRecordProblem(record(commits(MAX_EVENTS_PER_ATTEMPT + 1)))).toMatch(/Calx reads at most 10,000 per attempt/);
  });

  it('rejects an id, slug or version longer than the limit, without echoing it', () => {
    const long = 'a'.repeat(MAX_ID_LENGTH + 1);
    for (const bad of [record([{ type: 'ORDER', action: long }]), record([], { case: long }), record([], { caseVersion: long })]) {
      const problem = attemptRecordProblem(bad)!;
      expect(problem).toMatch(/longer than 200 characters/);
      expect(problem.length).toBeLessThan(200);
    }
  });

  it('rejects a deeply nested event type with a message instead of a stack overflow', () => {
    let nested: unknown = 'ORDER';
    for (let i = 0; i < 100_000; i++) nested = [nested];
    expect(attemptRecordProblem(record([{ type: nested }]))).toMatch(/event 1 is malformed \(unknown event type a list/);
  });

  it('class results and import refuse a file over the size limit with a message', () => {
    const huge = ' '.repeat(MAX_INPUT_FILE_BYTES + 1);
    expect(parseExport(huge)).toEqual({ problem: expect.stringMatching(/larger than 20 MB/) });
    const results = analyseClass([{ name: 'huge.json', text: '', size: MAX_INPUT_FILE_BYTES + 1 }], course.cases);
    expect(results.problems).toEqual([{ file: 'huge.json', reason: expect.stringMatching(/larger than 20 MB/) }]);
  });

  it('class results and import read a file that starts with a byte-order mark', () => {
    const attempt = record([]);
    const results = analyseClass([{ name: 'bom.json', text: `\uFEFF${JSON.stringify(attempt)}` }], course.cases);
    expect(results.problems).toEqual([]);
    expect(results.rows).toHaveLength(1);
    const exported = { format: 'calx-progress-export', version: 1, exportedAt: '2026-11-22T10:00:00.000Z', attempts: [attempt], quizResults: [], review: {} };
    expect('file' in parseExport(`\uFEFF${JSON.stringify(exported)}`)).toBe(true);
  });

  it('class results read an attempt file naming a former slug as that case', () => {
    const renamed = course.cases.find((c) => c.formerSlugs.length > 0)!;
    const attempt = { ...newAttempt(renamed, new Date('2026-11-22T10:00:00Z')), case: renamed.formerSlugs[0]! };
    const results = analyseClass([{ name: 'old.json', text: JSON.stringify(attempt) }], course.cases);
    expect(results.problems).toEqual([]);
    expect(results.rows[0]!.case).toBe(renamed.slug);
  });
});

describe('deeply nested values in an event', () => {
  // A value nested 100,000 levels deep overflows the stack of anything that stringifies or walks it.
  const deep = (): unknown => {
    let v: unknown = 'x';
    for (let i = 0; i < 100_000; i++) v = { v };
    return v;
  };

  it('are named by their kind, never stringified, wherever an event is checked', async () => {
    const { eventShapeProblem } = await import('../../src/schemas/events');
    const { storedEventProblem } = await import('../../src/engine/attempt-record');
    const { differentialProblem } = await import('../../src/schemas/differential');
    expect(eventShapeProblem({ type: deep() })).toBe('unknown event type an object (expected ORDER, COMMIT, ADVANCE or FINISH)');
    expect(storedEventProblem({ type: deep() })).toBe('unknown event type an object (expected ORDER, COMMIT, ADVANCE or FINISH)');
    expect(differentialProblem([{ diagnosis: 'dystrophic', probability: deep() }])).toBe(
      'the probability of "dystrophic" is an object: give each diagnosis a whole percent from 1 to 100',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { transition } from 'xstate';
import { AttemptError, compile, isFinished, replay, step, type CaseSnapshot } from '../../src/engine/attempt';
import { CRITICAL_ERROR_CAP, OVERTREATMENT_CAP, definitionFeedback, scoreAttempt } from '../../src/scoring/score';
import type { PlayEvent } from '../../src/schemas/events';
import { rejectionReason } from '../../src/engine/machine';
import { course, projectRoot } from '../helpers/content';
import { abstractState, candidateEvents, completion, flatRandomWalk, modelPaths, randomWalk, seededRandom } from '../../src/scoring/walks';

/**
 * Model-based tests over every compiled case, with xstate/graph. The abstract state ignores the
 * counters (trace length, the list of orders): it is the stage, the working diagnosis and how many
 * key findings are in hand, so the graph stays small enough to cover while keeping what scoring reads.
 */
for (const def of course.cases) {
  describe(`case ${def.slug}`, () => {
    const c = compile(def);
    const candidates = candidateEvents(def);
    const paths = modelPaths(def);
    const score = (events: readonly PlayEvent[]) => {
      const r = replay(def, events);
      return scoreAttempt(def, r.context.trace, r.finished);
    };

    it('gives every diagnosis on the course list feedback, sourced, in this case', () => {
      const written = [...def.scoring.answer, ...def.scoring.credits];
      expect(written.every((c) => c.evidence.source && (c.evidence.quote || c.evidence.section))).toBe(true);
      for (const d of def.diagnoses) {
        if (written.some((w) => w.diagnosis === d.id)) continue;
        const generated = definitionFeedback(def, d.id);
        expect(generated.feedback, d.id).toContain(d.definition);
        if (d.id !== 'something-else') expect(generated.evidence?.quote, d.id).toBeTruthy();
      }
    });

    it('reaches a meaningful number of abstract states', () => {
      // The abstract state tells leads apart as scoring does: none, each entry the answer key names, and "uncredited"
      // for the rest; so a traversal that covers the case reaches more states than stages times those leads.
      const k = def.scoring;
      const named = new Set(
        [...k.answer, ...k.credits, ...k.contradictions].map((x) => x.diagnosis).concat(k.documentedMisdiagnosis ? [k.documentedMisdiagnosis.diagnosis] : []),
      );
      expect(paths.length).toBeGreaterThan(def.stages.length * (named.size + 2));
    });

    it('can reach a debrief from every reachable state', () => {
      for (const path of paths) {
        const events = path.steps.map((s) => s.event as PlayEvent).filter((e) => !e.type.startsWith('xstate.'));
        const end = replay(def, events).snapshot;
        const finished = replay(def, [...events, ...completion(def, end)]).finished;
        expect(finished, `stuck after ${JSON.stringify(events)}`).toBe(true);
      }
    });

    it('has no dead ends: every state before the debrief accepts some event', () => {
      for (const path of paths) {
        const s = path.state as CaseSnapshot;
        if (isFinished(s)) continue;
        expect(
          candidates.some((e) => rejectionReason(c.ix, s.context, false, e) === null),
          abstractState(def, s),
        ).toBe(true);
      }
    });

    it('accepts nothing once the debrief is reached: the machine ignores every event and the engine refuses it', () => {
      const finishedPath = paths.find((p) => isFinished(p.state as CaseSnapshot))!;
      const events = finishedPath.steps.map((s) => s.event as PlayEvent).filter((e) => !e.type.startsWith('xstate.'));
      const done = replay(def, events).snapshot;
      expect(isFinished(done)).toBe(true);
      for (const e of candidates) {
        // Through the machine itself: the debrief is a final state, so no event changes the stage or the trace.
        const [next] = transition(c.machine, done, e);
        expect(next.value, JSON.stringify(e)).toEqual(done.value);
        expect(next.context.trace, JSON.stringify(e)).toHaveLength(done.context.trace.length);
        // Through the engine's step, which says why.
        expect(() => step(c, done, e), JSON.stringify(e)).toThrow(AttemptError);
      }
    });

    it('keeps every dimension of every path, finished or not, within its weight, and the total the capped sum of the dimensions', () => {
      for (const path of paths) {
        const events = path.steps.map((s) => s.event as PlayEvent).filter((e) => !e.type.startsWith('xstate.'));
        for (const evs of [events, [...events, ...completion(def, path.state as CaseSnapshot)]]) {
          const result = score(evs);
          let sum = 0;
          for (const d of Object.values(result.dimensions)) {
            expect(d.max, d.dimension).toBe(def.scoring.weights[d.dimension]);
            expect(d.fraction, d.dimension).toBeGreaterThanOrEqual(0);
            expect(d.fraction, d.dimension).toBeLessThanOrEqual(1);
            expect(d.points, d.dimension).toBeGreaterThanOrEqual(0);
            expect(d.points, d.dimension).toBeLessThanOrEqual(d.max);
            sum += d.fraction * d.max;
          }
          expect(result.uncapped).toBe(Math.round(sum * 10) / 10);
          const limits = result.flags.flatMap((f) => (f.id === 'critical-error' ? [CRITICAL_ERROR_CAP] : f.id === 'overtreatment' ? [OVERTREATMENT_CAP] : []));
          expect(result.cap?.limit ?? null).toBe(limits.length ? Math.min(...limits) : null);
          expect(result.total).toBe(Math.min(result.uncapped, result.cap?.limit ?? Infinity));
        }
      }
    });

    it('scores the best path at least 95', () => {
      const best = JSON.parse(readFileSync(`${projectRoot}tests/fixtures/attempts/${def.slug}/best.json`, 'utf8')).events;
      expect(score(best).total).toBeGreaterThanOrEqual(95);
      expect(score(best).flags).toEqual([]);
    });

    // Walks that pick any accepted event are long (commits and orders outnumber the one move on), so fewer of them.
    for (const [name, walk, walks] of [
      ['a kind of move, then a move of that kind', randomWalk, 1000],
      ['any accepted event', flatRandomWalk, 150],
    ] as const) {
      it(`averages at most 30 over ${walks} random walks that pick ${name} uniformly`, () => {
        const random = seededRandom(20261122);
        let sum = 0;
        for (let i = 0; i < walks; i++) {
          const r = replay(def, walk(def, random));
          expect(r.finished).toBe(true);
          sum += scoreAttempt(def, r.context.trace, true).total;
        }
        expect(sum / walks).toBeLessThanOrEqual(30);
      });
    }

    const mis = def.scoring.documentedMisdiagnosis;
    if (mis) {
      it('flags a path that commits to the documented misdiagnosis and never revises it', () => {
        const events: PlayEvent[] = [
          {
            type: 'COMMIT',
            differential: [
              { diagnosis: mis.diagnosis, probability: 80 },
              { diagnosis: 'something-else', probability: 20 },
            ],
            summary: 'A patient.',
          },
        ];
        events.push(...completion(def, replay(def, events).snapshot));
        const result = score(events);
        expect(result.flags.map((f) => f.id)).toContain('documented-misdiagnosis');
        expect(result.dimensions.revision.fraction).toBe(0);
      });

      it("flags the treating team's path, which made the documented misdiagnosis first, and credits its revision", () => {
        const result = score(def.teamPath.map((s) => s.event));
        expect(result.flags.map((f) => f.id)).toContain('documented-misdiagnosis');
        expect(result.dimensions.revision.fraction).toBe(1);
      });
    }
  });
}

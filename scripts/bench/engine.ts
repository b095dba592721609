/**
 * The engine in Node: compiling each case, one transition, replaying a full attempt, persisting and
 * restoring (a machine snapshot, and the event log the product really stores), and the model-based
 * path check of tests/unit/model.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Bench, hrtimeNow } from 'tinybench';
import { createActor, type Actor } from 'xstate';
import { compile, isFinished, replay, startSnapshot, step, type CaseSnapshot } from '../../src/engine/attempt';
import { MAX_EVENTS_PER_ATTEMPT } from '../../src/engine/attempt-record';
import { indexCase } from '../../src/engine/case-index';
import type { PlayEvent } from '../../src/schemas/events';
import { compileCase, rejectionReason, type CaseMachine } from '../../src/engine/machine';
import { attemptKey, loadAttempt, newAttempt, saveAttempt } from '../../src/progress/saved-attempt';
import type { CaseDefinition } from '../../src/schemas/case';
import { loadCourseContent } from '../../src/content-loading/load-content';
import { MemoryStorage } from '../../src/progress/memory-storage';
import { modelPaths } from '../../src/scoring/walks';
import { BUDGETS } from '../../src/performance/budgets';
import { fmtMs, fmtS, fmtUs, median, p95, projectRoot, type Report } from './lib';

const SECTION = 'engine (Node)';

function bestPath(def: CaseDefinition): { events: PlayEvent[]; from: string } {
  const file = join(projectRoot, 'tests/fixtures/attempts', def.slug, 'best.json');
  if (existsSync(file)) return { events: (JSON.parse(readFileSync(file, 'utf8')) as { events: PlayEvent[] }).events, from: 'best.json' };
  return { events: def.teamPath.map((s) => s.event as PlayEvent), from: 'team path (no best.json)' };
}

/**
 * Times `fn` call by call with tinybench: `warm` untimed calls, then `n` timed ones, on Node's
 * high-resolution clock, less the clock's own cost per reading (tinybench calibrates it).
 * `beforeEach` runs untimed before every call. Microseconds per call, one sample per call.
 */
function sample(n: number, warm: number, fn: () => void, beforeEach?: () => void): number[] {
  const bench = new Bench({
    iterations: n,
    time: 0,
    warmupIterations: warm,
    warmupTime: 0,
    warmup: warm > 0,
    retainSamples: true,
    now: hrtimeNow,
    throws: true,
  });
  bench.add('sample', fn, { async: false, ...(beforeEach ? { beforeEach } : {}) });
  bench.runSync();
  const result = bench.tasks[0]!.result;
  if (result.state !== 'completed') throw new Error(`tinybench: the timed task ended as ${result.state}`);
  return [...(result.latency.samples ?? [])].map((ms) => ms * 1000);
}

/** The model tests' traversal (src/scoring/walks.ts), counted in paths. */
const modelPathCount = (def: CaseDefinition): number => modelPaths(def).length;

export function benchEngine(report: Report, quick: boolean, log: (s: string) => void): void {
  const contentDir = join(projectRoot, process.env.CALX_CONTENT_DIR ?? 'content');
  const { cases } = loadCourseContent(contentDir, projectRoot);
  const n = quick ? { compile: 30, rounds: 300, replay: 100, persist: 200, model: 1 } : { compile: 200, rounds: 3000, replay: 1000, persist: 1000, model: 3 };

  // Compiling: indexing the case and building the XState machine (what compile() caches per case).
  for (const def of cases) {
    const t = sample(n.compile, 5, () => {
      indexCase(def);
      compileCase(def);
    });
    report.info(
      SECTION,
      `compile ${def.slug}`,
      fmtMs(median(t) / 1000),
      `p95 ${fmtMs(p95(t) / 1000)}; ${def.stages.length} stages, ${def.findings.length} findings, ${def.actions.length} actions`,
    );
  }
  log('engine: compile done');

  // One transition: every (snapshot, event) pair along each best path, timed one call at a time.
  const pooledStep: number[] = [];
  const pooledActor: number[] = [];
  for (const def of cases) {
    const c = compile(def);
    const { events } = bestPath(def);
    const pairs: { s: CaseSnapshot; e: PlayEvent }[] = [];
    let s = startSnapshot(c);
    for (const e of events) {
      pairs.push({ s, e });
      s = step(c, s, e);
    }
    // step(): the shape check, the machine's guard (the reason only for a refused event) and XState's pure transition.
    let k = 0;
    const times = sample(n.rounds * pairs.length, 200 * pairs.length, () => {
      const p = pairs[k++ % pairs.length]!;
      step(c, p.s, p.e);
    });
    pooledStep.push(...times);
    // As the player sends it: actor.send on a live actor, the guard deciding; the reason is worked out only
    // when the snapshot did not change (a refused event). A fresh actor for each pass over the path (untimed).
    let actor: Actor<CaseMachine> = createActor(c.machine).start();
    let next = 0;
    const actorTimes = sample(
      Math.max(50, n.rounds / 10) * events.length,
      20 * events.length,
      () => {
        const e = events[next++]!;
        const before = actor.getSnapshot();
        actor.send(e);
        if (actor.getSnapshot() === before) rejectionReason(c.ix, before.context, isFinished(before), e);
      },
      () => {
        if (next < events.length) return;
        actor.stop();
        actor = createActor(c.machine).start();
        next = 0;
      },
    );
    actor.stop();
    pooledActor.push(...actorTimes);
    report.info(
      SECTION,
      `transition ${def.slug}`,
      fmtUs(p95(times)),
      `p95 of ${times.length} (median ${fmtUs(median(times))}); actor.send p95 ${fmtUs(p95(actorTimes))}`,
    );
  }
  report.budgeted(SECTION, 'one transition, p95 (step: guard + XState transition)', p95(pooledStep), BUDGETS.transitionP95Us, fmtUs, {
    note: `median ${fmtUs(median(pooledStep))}, ${pooledStep.length} samples over every event of every best path`,
  });
  report.budgeted(SECTION, 'one transition, p95 (as the player: actor.send, the guard deciding)', p95(pooledActor), BUDGETS.transitionP95Us, fmtUs, {
    note: `median ${fmtUs(median(pooledActor))}, ${pooledActor.length} samples`,
  });
  log('engine: transitions done');

  // Replaying a full attempt (the best path), with the compiled case cached as in the product.
  for (const def of cases) {
    const { events, from } = bestPath(def);
    const t = sample(n.replay, 50, () => replay(def, events));
    report.info(SECTION, `replay ${def.slug}`, fmtUs(median(t)), `median (p95 ${fmtUs(p95(t))}); ${events.length} events from ${from}`);
  }
  // A long attempt: replay must stay linear (the cap is MAX_EVENTS_PER_ATTEMPT; 60,000 shows the growth beyond it).
  {
    const def = cases[0]!;
    const [a, b] = [def.diagnoses[0]!.id, def.diagnoses[1]!.id];
    for (const count of [MAX_EVENTS_PER_ATTEMPT, 60_000]) {
      // Alternating two-line differentials (60/40, then 50/50), the first with its summary.
      const events: PlayEvent[] = Array.from({ length: count }, (_, i) => ({
        type: 'COMMIT' as const,
        differential: [
          { diagnosis: a, probability: i % 2 ? 50 : 60 },
          { diagnosis: b, probability: i % 2 ? 50 : 40 },
        ],
        ...(i === 0 ? { summary: 'A patient with calcium deposits, summarised for the benchmark.' } : {}),
      }));
      const t = sample(quick ? 1 : 3, 0, () => replay(def, events));
      report.info(
        SECTION,
        `replay ${count.toLocaleString('en')} events (${def.slug})`,
        fmtMs(median(t) / 1000),
        `median of ${t.length}; alternating two-line differentials, each one accepted`,
      );
    }
  }
  log('engine: replay done');

  // Persisting and restoring: a machine snapshot, and the event log (what the product stores).
  for (const def of cases) {
    const c = compile(def);
    const { events } = bestPath(def);
    const finalSnapshot = replay(def, events).snapshot;
    let snapJson = '';
    const snapPersist = sample(n.persist, 50, () => {
      snapJson = JSON.stringify(c.machine.getPersistedSnapshot(finalSnapshot));
    });
    const snapRestore = sample(n.persist, 50, () => {
      const actor = createActor(c.machine, { snapshot: JSON.parse(snapJson) as never }).start();
      actor.getSnapshot();
      actor.stop();
    });
    const storage = new MemoryStorage();
    const record = { ...newAttempt(def, new Date('2026-01-01T00:00:00Z')), events };
    const now = new Date('2026-01-01T01:00:00Z');
    const logPersist = sample(n.persist, 50, () => saveAttempt(storage, record));
    const logRestore = sample(n.persist, 50, () => {
      const outcome = loadAttempt(storage, def, now);
      if (outcome.kind !== 'resumed') throw new Error(`the saved best path of ${def.slug} did not resume: ${outcome.kind}`);
      // As AttemptSession.restart does with the replayed snapshot.
      const actor = createActor(c.machine, { snapshot: c.machine.getPersistedSnapshot(outcome.replayed.snapshot) as never }).start();
      actor.stop();
    });
    const logBytes = storage.getItem(attemptKey(def.slug))?.length ?? JSON.stringify(record).length;
    report.info(
      SECTION,
      `persist · restore ${def.slug}: event log + replay (the product)`,
      `${fmtUs(median(logPersist))} · ${fmtUs(median(logRestore))}`,
      `medians (p95 ${fmtUs(p95(logPersist))} · ${fmtUs(p95(logRestore))}); ${(logBytes / 1024).toFixed(1)} KB stored`,
    );
    report.info(
      SECTION,
      `persist · restore ${def.slug}: machine snapshot`,
      `${fmtUs(median(snapPersist))} · ${fmtUs(median(snapRestore))}`,
      `medians (p95 ${fmtUs(p95(snapPersist))} · ${fmtUs(p95(snapRestore))}); ${(snapJson.length / 1024).toFixed(1)} KB`,
    );
  }
  report.notes.push(
    'Persistence: the product stores the event log (saveAttempt) and replays it on load (loadAttempt, then createActor from the ' +
      'replayed snapshot), not machine snapshots; both are measured.',
  );
  log('engine: persistence done');

  // The model-based path check: the getShortestPaths traversal of tests/unit/model.test.ts, per case.
  let total = 0;
  for (const def of cases) {
    let states = 0;
    const times = sample(n.model, 0, () => {
      states = modelPathCount(def);
    }).map((t) => t / 1000);
    total += median(times);
    report.info(
      SECTION,
      `model check ${def.slug}`,
      fmtMs(median(times)),
      `${states} abstract states${n.model > 1 ? `; median of ${n.model} runs (${times.map((x) => fmtMs(x)).join(', ')})` : ''}`,
    );
    log(`engine: model check ${def.slug} ${fmtMs(median(times))}`);
  }
  report.budgeted(SECTION, `model check, all ${cases.length} cases`, total, BUDGETS.modelCheckAllMs, fmtS, {
    note: 'getShortestPaths traversal only, as in tests/unit/model.test.ts',
  });
}

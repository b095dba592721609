/**
 * The engine in Node: compiling each case, one transition, replaying a full attempt, persisting and
 * restoring (a machine snapshot, and the event log the product really stores), and the model-based
 * path check of tests/unit/model.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createActor } from 'xstate';
import { compile, isFinished, replay, startSnapshot, step, type CaseSnapshot } from '../../src/engine/attempt';
import { MAX_EVENTS_PER_ATTEMPT } from '../../src/engine/attempt-record';
import { indexCase } from '../../src/engine/case-index';
import type { PlayEvent } from '../../src/schemas/events';
import { compileCase, rejectionReason } from '../../src/engine/machine';
import { attemptKey, loadAttempt, newAttempt, saveAttempt } from '../../src/progress/saved-attempt';
import type { CaseDefinition } from '../../src/schemas/case';
import { loadCourseContent } from '../../src/content-loading/load-content';
import { MemoryStorage } from '../../src/progress/memory-storage';
import { modelPaths } from '../../src/scoring/walks';
import { BUDGETS } from '../../src/performance/budgets';
import { fmtMs, fmtS, fmtUs, median, msSince, nowNs, p95, projectRoot, type Report } from './lib';

const SECTION = 'engine (Node)';
const us = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e3;

function bestPath(def: CaseDefinition): { events: PlayEvent[]; from: string } {
  const file = join(projectRoot, 'tests/fixtures/attempts', def.slug, 'best.json');
  if (existsSync(file)) return { events: (JSON.parse(readFileSync(file, 'utf8')) as { events: PlayEvent[] }).events, from: 'best.json' };
  return { events: def.teamPath.map((s) => s.event as PlayEvent), from: 'team path (no best.json)' };
}

/** Times `fn` `n` times after `warm` untimed calls; microseconds per call. */
function sample(n: number, warm: number, fn: () => void): number[] {
  for (let i = 0; i < warm; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = nowNs();
    fn();
    out.push(us(t));
  }
  return out;
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
    report.info(SECTION, `compile ${def.slug}`, fmtMs(median(t) / 1000), `p95 ${fmtMs(p95(t) / 1000)}; ${def.stages.length} stages, ${def.findings.length} findings, ${def.actions.length} actions`);
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
    // step(): the shape check, the guard's reason, and XState's pure transition (what replay does per event).
    for (let i = 0; i < 200; i++) for (const p of pairs) step(c, p.s, p.e);
    const times: number[] = [];
    for (let r = 0; r < n.rounds; r++)
      for (const p of pairs) {
        const t = nowNs();
        step(c, p.s, p.e);
        times.push(us(t));
      }
    pooledStep.push(...times);
    // As the player sends it: the reason check, then actor.send and getSnapshot on a live actor.
    const actorTimes: number[] = [];
    for (let r = 0; r < Math.max(50, n.rounds / 10) + 20; r++) {
      const actor = createActor(c.machine).start();
      for (const e of events) {
        const t = nowNs();
        const snap = actor.getSnapshot();
        if (rejectionReason(c.ix, snap.context, isFinished(snap), e) === null) actor.send(e);
        actor.getSnapshot();
        if (r >= 20) actorTimes.push(us(t));
      }
      actor.stop();
    }
    pooledActor.push(...actorTimes);
    report.info(SECTION, `transition ${def.slug}`, fmtUs(p95(times)), `p95 of ${times.length} (median ${fmtUs(median(times))}); actor.send p95 ${fmtUs(p95(actorTimes))}`);
  }
  report.budgeted(SECTION, 'one transition, p95 (step: guard + XState transition)', p95(pooledStep), BUDGETS.transitionP95Us, fmtUs, {
    note: `median ${fmtUs(median(pooledStep))}, ${pooledStep.length} samples over every event of every best path`,
  });
  report.budgeted(SECTION, 'one transition, p95 (as the player: reason + actor.send)', p95(pooledActor), BUDGETS.transitionP95Us, fmtUs, {
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
    const dx = def.diagnoses[0]!.id;
    for (const count of [MAX_EVENTS_PER_ATTEMPT, 60_000]) {
      const events = Array.from({ length: count }, (_, i) => ({ type: 'COMMIT' as const, diagnosis: dx, confidence: i % 2 ? 0.6 : 0.5 }));
      const t = sample(quick ? 1 : 3, 0, () => replay(def, events));
      report.info(SECTION, `replay ${count.toLocaleString('en')} events (${def.slug})`, fmtMs(median(t) / 1000), `median of ${t.length}; alternating commits, each one accepted`);
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
    'Persistence: the product stores the event log (saveAttempt) and replays it on load (loadAttempt, then createActor from the replayed snapshot), not machine snapshots; both are measured.',
  );
  log('engine: persistence done');

  // The model-based path check: the getShortestPaths traversal of tests/unit/model.test.ts, per case.
  let total = 0;
  for (const def of cases) {
    const times: number[] = [];
    let states = 0;
    for (let i = 0; i < n.model; i++) {
      const t = nowNs();
      states = modelPathCount(def);
      times.push(msSince(t));
    }
    total += median(times);
    report.info(SECTION, `model check ${def.slug}`, fmtMs(median(times)), `${states} abstract states${n.model > 1 ? `; median of ${n.model} runs (${times.map((x) => fmtMs(x)).join(', ')})` : ''}`);
    log(`engine: model check ${def.slug} ${fmtMs(median(times))}`);
  }
  report.budgeted(SECTION, `model check, all ${cases.length} cases`, total, BUDGETS.modelCheckAllMs, fmtS, { note: 'getShortestPaths traversal only, as in tests/unit/model.test.ts' });
}

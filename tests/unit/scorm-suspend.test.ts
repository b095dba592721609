import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { acceptedEvents, compile, isFinished, startSnapshot, step, type AttemptRecord } from '../../src/engine/attempt';
import type { PlayEvent } from '../../src/schemas/events';
import type { ItemAnswer } from '../../src/quiz/answers';
import type { QuizResult } from '../../src/progress/quiz-progress';
import { attemptReport } from '../../src/scoring/report';
import { modulesIn } from '../../src/scorm/packaging/package';
import { bestKey, type ModuleSnapshot } from '../../src/scorm/state';
import { decodeSnapshot, encodeSnapshot, fitSnapshot, packEvents, SUSPEND_LIMIT, SuspendDataError, unpackEvents } from '../../src/scorm/suspend';
import { caseBySlug, contentDir, course, projectRoot } from '../helpers/content';

const BIG_MODULE = 'calciphylaxis-and-its-mimics';
const big = modulesIn(contentDir, projectRoot).find((m) => m.slug === BIG_MODULE)!;
const t0 = Date.parse('2026-03-02T09:00:00.000Z');

/** A summary of the longest length allowed, with the punctuation a real one has (it is URI-encoded). */
const LONGEST_SUMMARY = (
  'A 46-year-old woman, 16 days after a liver transplant (heavy bleeding; transfusions), with new, painful calcium in the graft & ' +
  'wall: normal Ca, high PO4 and PTH, no necrosis.'
).padEnd(300, ' and more');

/**
 * The longest attempt a learner can realistically make at a case: at every stage every action the
 * stage offers, a five-entry differential committed (the first with a summary of the full 300
 * characters) and then revised to another, then on to the next stage and finally the debrief. Times
 * advance by uneven steps, in milliseconds, as a real session's do.
 */
function exhaustiveAttempt(slug: string, start: number): AttemptRecord {
  const def = caseBySlug(slug);
  const c = compile(def);
  let snapshot = startSnapshot(c);
  const events: PlayEvent[] = [];
  const orders: PlayEvent[] = def.actions.map((a) => ({ type: 'ORDER', action: a.id }));
  const dx = def.diagnoses.map((d) => d.id);
  const send = (e: PlayEvent) => {
    snapshot = step(c, snapshot, e, events.length);
    events.push(e);
  };
  for (let stage = 0; ; stage++) {
    for (const e of acceptedEvents(c, snapshot, orders)) send(e);
    const five = (from: number, lead: number) =>
      [lead, 25, 20, 10, 100 - lead - 55].map((probability, i) => ({ diagnosis: dx[(from + i) % dx.length]!, probability }));
    send({ type: 'COMMIT', differential: five(stage, 35), ...(stage === 0 ? { summary: LONGEST_SUMMARY } : {}) });
    send({ type: 'COMMIT', differential: five(stage + 1, 40) });
    if (stage < def.stages.length - 1) send({ type: 'ADVANCE' });
    else break;
  }
  send({ type: 'FINISH' });
  expect(isFinished(snapshot)).toBe(true);
  const report = attemptReport(def, events);
  const finishedAt = new Date(start + events.length * 41_337).toISOString();
  const final = { diagnosis: report.diagnosis! };
  return {
    format: 'calx-attempt',
    formatVersion: 2,
    case: slug,
    caseVersion: def.version,
    events,
    startedAt: new Date(start).toISOString(),
    updatedAt: finishedAt,
    result: { total: report.score.total, diagnosis: final.diagnosis, diagnosisLabel: def.diagnoses.find((d) => d.id === final.diagnosis)!.label, finishedAt },
  };
}

interface BankItem {
  id: string;
  type: ItemAnswer['type'];
  options?: { id: string }[];
  choices?: { id: string }[];
  prompts?: { id: string }[];
  steps?: { id: string }[];
  features?: { id: string; options: { id: string }[] }[];
}

/** An answer to every item of a quiz topic, of the item's type, as full as the item allows. */
function fullSitting(topic: string, start: number, finished: boolean, credit: (i: number) => number): QuizResult {
  const file = YAML.parse(readFileSync(join(contentDir, 'questions', `${topic}.yaml`), 'utf8')) as { title: string; items: BankItem[] };
  const at = (i: number) => new Date(start + (i + 1) * 67_891).toISOString();
  const answer = (item: BankItem): ItemAnswer => {
    switch (item.type) {
      case 'single':
        return { type: 'single', choice: item.options![0]!.id };
      case 'multiple':
        return { type: 'multiple', choices: item.options!.map((o) => o.id) };
      case 'matching':
        return { type: 'matching', matches: Object.fromEntries(item.prompts!.map((p, i) => [p.id, item.choices![i % item.choices!.length]!.id])) };
      case 'numeric':
        return { type: 'numeric', value: 123.456 };
      case 'ordering':
        return { type: 'ordering', order: [...item.steps!.map((s) => s.id)].reverse() };
      case 'concordance':
        return { type: 'concordance', rating: -2 };
      case 'key-feature':
        return { type: 'key-feature', choices: Object.fromEntries(item.features!.map((f) => [f.id, f.options.map((o) => o.id)])) };
    }
  };
  const answers = file.items.map((item, i) => ({ item: item.id, answer: answer(item), credit: credit(i), at: at(i) }));
  return {
    quiz: topic,
    title: file.title,
    mode: 'test',
    seed: 'k7m2xq',
    startedAt: new Date(start).toISOString(),
    updatedAt: answers.at(-1)!.at,
    finishedAt: finished ? answers.at(-1)!.at : null,
    itemCount: file.items.length,
    answers,
    timeLimitMinutes: 20,
    overTime: false,
  };
}

/** The largest realistic snapshot of the big module: every case played exhaustively, two full sittings of every quiz, best results. */
function largestSnapshot(): ModuleSnapshot {
  const snap: ModuleSnapshot = { attempts: {}, best: {}, quizzes: [] };
  big.items.forEach((item, i) => {
    const start = t0 + i * 3_600_000;
    if (item.kind === 'case') {
      const a = exhaustiveAttempt(item.slug, start);
      snap.attempts[item.slug] = a;
      snap.best[bestKey('case', item.slug)] = { total: a.result!.total, finishedAt: a.result!.finishedAt };
    } else if (item.kind === 'quiz') {
      const best = fullSitting(item.topic, start, true, (j) => (j % 3 === 0 ? 0.5 : 1));
      const latest = fullSitting(item.topic, start + 86_400_000, false, (j) => (j % 2 === 0 ? 1 : 0));
      snap.quizzes.push(best, latest);
      snap.best[bestKey('quiz', item.topic)] = { total: 83, finishedAt: best.finishedAt! };
    }
  });
  return snap;
}

describe('SCORM suspend data', () => {
  it('the big module takes every case of the course and a quiz', () => {
    expect(
      big.items
        .filter((i) => i.kind === 'case')
        .map((i) => (i.kind === 'case' ? i.slug : ''))
        .sort(),
    ).toEqual(course.cases.map((c) => c.slug).sort());
    expect(big.items.some((i) => i.kind === 'quiz')).toBe(true);
  });

  it('fits the largest realistic attempt of the big module in the 4,096 characters SCORM 1.2 allows, and decodes it back equal', () => {
    const snap = largestSnapshot();
    const events = Object.values(snap.attempts).reduce((n, a) => n + a.events.length, 0);
    const data = encodeSnapshot(snap);
    console.info(
      `largest realistic suspend data: ${data.length} characters for ${events} events in ${Object.keys(snap.attempts).length} ` +
        `attempts and ${snap.quizzes.length} quiz sittings (raw JSON ${JSON.stringify(snap).length})`,
    );
    expect(events).toBeGreaterThan(300);
    expect(data.length).toBeLessThanOrEqual(SUSPEND_LIMIT['1.2']);
    expect(fitSnapshot(snap, SUSPEND_LIMIT['1.2'])).toEqual({ data, dropped: [] });
    expect(decodeSnapshot(data)).toEqual(snap);
    // Only characters the SCORM 1.2 CMIString4096 and any LMS store take as they are.
    expect(data).toMatch(/^[A-Za-z0-9+/=:]+$/);
  });

  it('round-trips events of every kind, a differential with its summary, and ids it cannot pack as text', () => {
    const events: PlayEvent[] = [
      { type: 'ORDER', action: 'pth' },
      {
        type: 'COMMIT',
        differential: [
          { diagnosis: 'dystrophic', probability: 45 },
          { diagnosis: 'metastatic', probability: 45 },
          { diagnosis: 'something-else', probability: 10 },
        ],
        summary: 'Woman, 46: pain ~ calcium, 100% sure? No; "maybe" & more.',
      },
      { type: 'COMMIT', differential: [{ diagnosis: 'dystrophic', probability: 100 }] },
      { type: 'ADVANCE' },
      { type: 'FINISH' },
    ];
    const packed = packEvents(events) as string;
    expect(packed.split(',')).toHaveLength(events.length);
    expect(packed).toMatch(/^opth,cdystrophic=45\+metastatic=45\+something-else=10~/);
    expect(unpackEvents(packed)).toEqual(events);
    expect(unpackEvents('cdystrophic-metastatic@0.9')).toEqual([{ type: 'COMMIT', diagnosis: 'dystrophic-metastatic', confidence: 0.9 }]);
    const odd: PlayEvent[] = [{ type: 'ORDER', action: 'a,b@c' }];
    expect(packEvents(odd)).toEqual(odd);
    expect(unpackEvents(packEvents([]))).toEqual([]);
  });

  it('keeps times that are not canonical ISO strings as they were', () => {
    const a = exhaustiveAttempt('liver-transplant-calcification', t0);
    const odd = { ...a, startedAt: '2026-03-02T09:00:00Z', updatedAt: 'yesterday' };
    const snap: ModuleSnapshot = { attempts: { [a.case]: odd }, best: {}, quizzes: [] };
    expect(decodeSnapshot(encodeSnapshot(snap))).toEqual(snap);
  });

  it('drops details in a fixed order when a snapshot does not fit, and always keeps the best results', () => {
    const snap = largestSnapshot();
    const full = encodeSnapshot(snap).length;
    const noQuiz = encodeSnapshot({ ...snap, quizzes: [] }).length;
    const fitted = fitSnapshot(snap, noQuiz);
    expect(fitted.dropped).toEqual(snap.quizzes.map((r) => `quiz sitting "${r.quiz}" of ${r.startedAt}`));
    expect(fitted.data.length).toBeLessThan(full);
    const tiny = fitSnapshot(snap, 200);
    const kept = decodeSnapshot(tiny.data);
    expect(kept.attempts).toEqual({});
    expect(kept.quizzes).toEqual([]);
    expect(kept.best).toEqual(snap.best);
    expect(tiny.dropped.at(-1)).toMatch(/attempt at/);
  });

  it('refuses data it did not write, or damaged data, with a SuspendDataError', () => {
    expect(() => decodeSnapshot('')).toThrow(SuspendDataError);
    expect(() => decodeSnapshot('lesson=3;page=7')).toThrow(/not written by this version/);
    expect(() => decodeSnapshot('CX1:not base64!')).toThrow(SuspendDataError);
    expect(() => decodeSnapshot('CX1:AAAA')).toThrow(/damaged/);
    const valid = encodeSnapshot({ attempts: {}, best: {}, quizzes: [] });
    expect(() => decodeSnapshot(valid.slice(0, -4))).toThrow(SuspendDataError);
  });
});

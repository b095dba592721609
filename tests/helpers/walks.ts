import type { CaseDefinition } from '../../src/schemas/case';
import { acceptedEvents, compile, isFinished, startSnapshot, step, type CaseSnapshot } from '../../src/engine/attempt';
import type { PlayEvent } from '../../src/engine/events';
import { seededRandom as seededRandomFromText } from '../../src/quiz/shuffle';

/** Confidence levels the model-based tests try. */
export const CONFIDENCES = [0.3, 0.6, 0.9] as const;

/** Every event a learner could send in some state of this case (the machine decides which it accepts). */
export function candidateEvents(def: CaseDefinition): PlayEvent[] {
  return [
    ...def.actions.map((a) => ({ type: 'ORDER', action: a.id }) as const),
    ...def.diagnoses.flatMap((d) => CONFIDENCES.map((confidence) => ({ type: 'COMMIT', diagnosis: d.id, confidence }) as const)),
    { type: 'ADVANCE' },
    { type: 'FINISH' },
  ];
}

/** The course's seeded generator (the one quizzes shuffle with), so random walks repeat run to run. */
export function seededRandom(seed: number): () => number {
  return seededRandomFromText(String(seed));
}

/**
 * A walk that picks uniformly at random: each step first picks a kind of move (order, commit,
 * move on / finish) uniformly among those possible, then one move of that kind uniformly. Picking
 * uniformly over all events instead would make nearly every step an order.
 */
export function randomWalk(def: CaseDefinition, random: () => number, maxSteps = 400): PlayEvent[] {
  const c = compile(def);
  const candidates = candidateEvents(def);
  let snapshot: CaseSnapshot = startSnapshot(c);
  const events: PlayEvent[] = [];
  while (!isFinished(snapshot) && events.length < maxSteps) {
    const accepted = acceptedEvents(c, snapshot, candidates);
    const groups = [accepted.filter((e) => e.type === 'ORDER'), accepted.filter((e) => e.type === 'COMMIT'), accepted.filter((e) => e.type === 'ADVANCE' || e.type === 'FINISH')].filter((g) => g.length > 0);
    const group = groups[Math.floor(random() * groups.length)]!;
    const event = group[Math.floor(random() * group.length)]!;
    snapshot = step(c, snapshot, event);
    events.push(event);
  }
  return events;
}

/** From any state, the shortest way to a debrief: commit if needed, move on, finish. */
export function completion(def: CaseDefinition, snapshot: CaseSnapshot): PlayEvent[] {
  const c = compile(def);
  const events: PlayEvent[] = [];
  let s = snapshot;
  const send = (e: PlayEvent) => {
    s = step(c, s, e);
    events.push(e);
  };
  for (let guard = 0; !isFinished(s) && guard < def.stages.length * 2 + 2; guard++) {
    if (!s.context.working) send({ type: 'COMMIT', diagnosis: def.diagnoses[0]!.id, confidence: 0.5 });
    else if (s.context.stage < def.stages.length - 1) send({ type: 'ADVANCE' });
    else send({ type: 'FINISH' });
  }
  return events;
}

/** A walk that picks uniformly among every event the case accepts at each step (so mostly orders). */
export function flatRandomWalk(def: CaseDefinition, random: () => number, maxSteps = 400): PlayEvent[] {
  const c = compile(def);
  const candidates = candidateEvents(def);
  let snapshot: CaseSnapshot = startSnapshot(c);
  const events: PlayEvent[] = [];
  while (!isFinished(snapshot) && events.length < maxSteps) {
    const accepted = acceptedEvents(c, snapshot, candidates);
    const event = accepted[Math.floor(random() * accepted.length)]!;
    snapshot = step(c, snapshot, event);
    events.push(event);
  }
  return events;
}

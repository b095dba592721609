import type { CaseDefinition } from '../schemas/case';
import { acceptedEvents, compile, isFinished, startSnapshot, step, type CaseSnapshot } from '../engine/attempt';
import type { PlayEvent } from '../schemas/events';
import { getShortestPaths } from 'xstate/graph';
import { rejectionReason } from '../engine/machine';
import { seededRandom as seededRandomFromText } from '../quiz/shuffle';
import { BLANK_SUMMARY, randomCandidates } from './validity';

/**
 * The events the model traversal and the walks try (the machine decides which it accepts): every
 * action, each list entry leading a differential at 60% (the rest on "something else"), move on,
 * finish. One commitment per entry, because the abstract state tells commitments apart only by
 * their lead; the validity policies' random play (`randomCandidates`) also varies the probability.
 */
export function candidateEvents(def: CaseDefinition): PlayEvent[] {
  return randomCandidates(def).filter(
    (e) =>
      e.type !== 'COMMIT' ||
      e.differential[0]!.probability === 60 ||
      (e.differential.length === 1 &&
        e.summary === BLANK_SUMMARY &&
        e === randomCandidates(def).find((x) => x.type === 'COMMIT' && x.differential.length === 1)),
  );
}

/** The course's seeded generator (the one quizzes shuffle with), so random walks repeat run to run. */
export function seededRandom(seed: number): () => number {
  return seededRandomFromText(String(seed));
}

/** Walks from the start, letting `choose` pick among the accepted events, until the debrief or `maxSteps`. */
function walk(def: CaseDefinition, choose: (accepted: PlayEvent[]) => PlayEvent, maxSteps: number): PlayEvent[] {
  const c = compile(def);
  const candidates = candidateEvents(def);
  let snapshot: CaseSnapshot = startSnapshot(c);
  const events: PlayEvent[] = [];
  while (!isFinished(snapshot) && events.length < maxSteps) {
    const event = choose(acceptedEvents(c, snapshot, candidates));
    snapshot = step(c, snapshot, event);
    events.push(event);
  }
  return events;
}

const pick = <T>(list: readonly T[], random: () => number): T => list[Math.floor(random() * list.length)]!;

/**
 * A walk that picks uniformly at random: each step first picks a kind of move (order, commit,
 * move on / finish) uniformly among those possible, then one move of that kind uniformly. Picking
 * uniformly over all events instead would make nearly every step an order.
 */
export function randomWalk(def: CaseDefinition, random: () => number, maxSteps = 400): PlayEvent[] {
  return walk(
    def,
    (accepted) => {
      const groups: PlayEvent[][] = [
        accepted.filter((e) => e.type === 'ORDER'),
        accepted.filter((e) => e.type === 'COMMIT'),
        accepted.filter((e) => e.type === 'ADVANCE' || e.type === 'FINISH'),
      ].filter((g) => g.length > 0);
      return pick(pick(groups, random), random);
    },
    maxSteps,
  );
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
    if (!s.context.working) send({ type: 'COMMIT', differential: [{ diagnosis: def.diagnoses[0]!.id, probability: 100 }], summary: BLANK_SUMMARY });
    else if (s.context.stage < def.stages.length - 1) send({ type: 'ADVANCE' });
    else send({ type: 'FINISH' });
  }
  return events;
}

/** A walk that picks uniformly among every event the case accepts at each step (mostly orders and commits, so it needs many steps to finish). */
export function flatRandomWalk(def: CaseDefinition, random: () => number, maxSteps = 4000): PlayEvent[] {
  return walk(def, (accepted) => pick(accepted, random), maxSteps);
}

/**
 * The model-based traversal (xstate/graph's getShortestPaths) over an abstract state that ignores
 * the counters (trace length, the list of orders): the stage, the working diagnosis and how many key
 * findings are in hand. Shared by the model tests and the benchmark, so both measure the same thing.
 */
export function modelPaths(def: CaseDefinition) {
  const c = compile(def);
  const candidates = candidateEvents(def);
  return getShortestPaths(c.machine, {
    events: (s) => candidates.filter((e) => rejectionReason(c.ix, s.context, isFinished(s), e) === null),
    serializeState: (snapshot) => abstractState(def, snapshot as CaseSnapshot),
    // A safety bound for the traversal, well above what the five cases need (case 2: about 30,000).
    limit: 200_000,
  });
}

/** The abstract state of a snapshot: what modelPaths tells states apart by. */
export function abstractState(def: CaseDefinition, s: CaseSnapshot): string {
  const keysInHand = def.scoring.keyFindings.filter((k) => s.context.revealed[k.finding] !== undefined).length;
  return `${String(s.value)}|${abstractLead(def, s.context.working?.diagnosis ?? null)}|${keysInHand}`;
}

/**
 * The working diagnosis as scoring tells it apart: an entry the answer key names (answer, credit,
 * contradiction or documented misdiagnosis) by its id; every other list entry, which scoring treats
 * alike (no credit, feedback from its definition), as one "uncredited" lead.
 */
function abstractLead(def: CaseDefinition, lead: string | null): string {
  if (lead === null) return '-';
  const k = def.scoring;
  const named = lead === k.documentedMisdiagnosis?.diagnosis || [...k.answer, ...k.credits, ...k.contradictions].some((x) => x.diagnosis === lead);
  return named ? lead : 'uncredited';
}

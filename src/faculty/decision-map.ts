import type { AnyStateMachine } from 'xstate';
import { toDirectedGraph } from 'xstate/graph';
import type { ActionKind, CaseDefinition } from '../schemas/case';
import { ACTION_KINDS } from '../schemas/kinds';
import { compileCase, DEBRIEF, type TraceEntry } from '../engine/machine';
import { actionsAt, indexCase } from '../engine/case-index';
import { replay } from '../engine/attempt';
import type { PlayEvent } from '../schemas/events';
import { labeller } from '../scoring/score';

/**
 * The decision map of a case, read from its compiled XState machine (`toDirectedGraph` from
 * xstate/graph): one node per state (each stage and the final debrief), one edge per transition
 * (ADVANCE and FINISH between states; ORDER and COMMIT as loops on a stage). Each node is annotated
 * from the case data with what can be ordered there and which key findings can be had, and both the
 * treating team's documented path and the best path are walked over it. Pure and build-time only.
 */

export type MapEvent = 'ORDER' | 'COMMIT' | 'ADVANCE' | 'FINISH';

export interface MapCommit {
  diagnosis: string;
  label: string;
  confidence: number;
}

/** What one path (the team's or the best) does at one stage. */
export interface PathAtStage {
  orders: { id: string; label: string }[];
  commits: MapCommit[];
  /** The working diagnosis in force when the path leaves the stage (moves on or finishes); null if it never does. */
  leavesWith: MapCommit | null;
}

export interface MapKeyFinding {
  id: string;
  label: string;
  /** True when it cannot be had at the stage before. */
  newHere: boolean;
  /** How it is had here: the actions that reveal it, or on arrival. */
  via: string[];
}

export interface MapNode {
  /** The state's key: the stage id, or `debrief`. */
  id: string;
  kind: 'stage' | 'final';
  /** Stage index (the debrief comes last). */
  index: number;
  /** e.g. "POD 16", or "Debrief". */
  heading: string;
  /** The stage title, or what the debrief is. */
  title: string;
  /** Actions open at this stage, in authored order. */
  orderable: { id: string; label: string; kind: ActionKind }[];
  /** Counts of the open actions by kind, in the order panel's order. */
  orderableByKind: { kind: ActionKind; count: number }[];
  /** Key findings that can be had at this stage. */
  keyFindings: MapKeyFinding[];
  /** What each path does here; null when the path does not reach this node. */
  team: PathAtStage | null;
  best: PathAtStage | null;
}

export interface MapEdge {
  id: string;
  source: string;
  target: string;
  event: MapEvent;
  /** ORDER and COMMIT stay on their stage. */
  loop: boolean;
  /** How many times each path takes this transition (0: not on the path). */
  team: number;
  best: number;
}

export interface DecisionMap {
  case: string;
  title: string;
  clock: string;
  nodes: MapNode[];
  edges: MapEdge[];
  /** Whether a best path was given. */
  hasBest: boolean;
}

interface GraphNode {
  stateNode: { key: string; type: string };
  children: GraphNode[];
  edges: { source: { key: string }; target: { key: string }; label: { text: string } }[];
}

/** Walks a path's trace into per-stage steps and per-edge counts. */
function walk(def: CaseDefinition, events: readonly PlayEvent[], label: (id: string) => string) {
  const { context } = replay(def, events);
  const byStage = new Map<string, PathAtStage>();
  const counts = new Map<string, number>();
  const bump = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  let working: MapCommit | null = null;
  let at: string | null = null;
  const leave = () => {
    if (at) byStage.get(at)!.leavesWith = working;
  };
  for (const e of context.trace as TraceEntry[]) {
    switch (e.kind) {
      case 'stage':
        if (at) {
          leave();
          bump(`${at}>${e.stage}:ADVANCE`);
        }
        at = e.stage;
        byStage.set(at, { orders: [], commits: [], leavesWith: null });
        break;
      case 'order':
        byStage.get(e.stage)!.orders.push({ id: e.action, label: label(e.action) });
        bump(`${e.stage}>${e.stage}:ORDER`);
        break;
      case 'commit':
        working = { diagnosis: e.diagnosis, label: label(e.diagnosis), confidence: e.confidence };
        byStage.get(e.stage)!.commits.push(working);
        bump(`${e.stage}>${e.stage}:COMMIT`);
        break;
      case 'finish':
        leave();
        bump(`${e.stage}>${DEBRIEF}:FINISH`);
        byStage.set(DEBRIEF, { orders: [], commits: [], leavesWith: working });
        break;
    }
  }
  return { byStage, counts };
}

/** The key findings that can be had at each stage, and how. */
function keyFindingsByStage(def: CaseDefinition, label: (id: string) => string): MapKeyFinding[][] {
  const ix = indexCase(def);
  const available: { id: string; via: string[] }[][] = def.stages.map((stage, i) => {
    const open = actionsAt(ix, i);
    return def.scoring.keyFindings.flatMap((k) => {
      if ((ix.findingFrom.get(k.finding) ?? 0) > i) return [];
      const via: string[] = [];
      if (stage.presents.includes(k.finding)) via.push('shown on arrival');
      for (const c of stage.presentsIf) if (c.presents.includes(k.finding)) via.push(`shown on arrival if ${label(c.after)} was done earlier`);
      for (const a of open) if (a.reveals.includes(k.finding)) via.push(a.label);
      return via.length ? [{ id: k.finding, via }] : [];
    });
  });
  return available.map((list, i) => {
    const before = new Set((available[i - 1] ?? []).map((k) => k.id));
    return list.map((k) => ({ id: k.id, label: label(k.id), newHere: !before.has(k.id), via: k.via }));
  });
}

/** The decision map of a case; `bestPath` is the authored best path (instructor notes), if any. */
export function decisionMap(def: CaseDefinition, bestPath: readonly PlayEvent[] | null): DecisionMap {
  const label = labeller(def);
  const ix = indexCase(def);
  const graph = toDirectedGraph(compileCase(def) as unknown as AnyStateMachine) as unknown as GraphNode;
  const team = walk(
    def,
    def.teamPath.map((s) => s.event),
    label,
  );
  const best = bestPath ? walk(def, bestPath, label) : null;
  const findings = keyFindingsByStage(def, label);

  const nodes: MapNode[] = graph.children.map((child) => {
    const key = child.stateNode.key;
    const index = key === DEBRIEF ? def.stages.length : ix.stageIndex.get(key)!;
    if (child.stateNode.type === 'final' || key === DEBRIEF) {
      return {
        id: key,
        kind: 'final',
        index,
        heading: 'Debrief',
        title: 'the end of the case',
        orderable: [],
        orderableByKind: [],
        keyFindings: [],
        team: team.byStage.get(key) ?? null,
        best: best?.byStage.get(key) ?? null,
      };
    }
    const stage = def.stages[index]!;
    const orderable = actionsAt(ix, index).map((a) => ({ id: a.id, label: a.label, kind: a.kind }));
    return {
      id: key,
      kind: 'stage',
      index,
      heading: `${def.clock.short} ${stage.day}`,
      title: stage.title,
      orderable,
      orderableByKind: ACTION_KINDS.map((kind) => ({ kind, count: orderable.filter((a) => a.kind === kind).length })).filter((k) => k.count > 0),
      keyFindings: findings[index]!,
      team: team.byStage.get(key) ?? null,
      best: best?.byStage.get(key) ?? null,
    };
  });
  nodes.sort((a, b) => a.index - b.index);

  const edges: MapEdge[] = graph.children.flatMap((child) =>
    child.edges.map((e) => {
      const source = e.source.key;
      const target = e.target.key;
      const event = e.label.text as MapEvent;
      const key = `${source}>${target}:${event}`;
      return {
        id: `${source}-${event}-${target}`,
        source,
        target,
        event,
        loop: source === target,
        team: team.counts.get(key) ?? 0,
        best: best?.counts.get(key) ?? 0,
      };
    }),
  );

  return { case: def.slug, title: def.title, clock: def.clock.label, nodes, edges, hasBest: best !== null };
}

export const pct = (c: number) => `${Math.round(c * 100)}%`;
export const commitText = (c: MapCommit) => `${c.label} (${pct(c.confidence)})`;

/** A one-paragraph text description of the map, for the SVG's <desc> and for screen readers. */
export function describeMap(map: DecisionMap): string {
  const stages = map.nodes.filter((n) => n.kind === 'stage');
  const teamEnd = map.nodes.find((n) => n.kind === 'final')?.team?.leavesWith;
  const bestEnd = map.nodes.find((n) => n.kind === 'final')?.best?.leavesWith;
  const ordersPerStage = (path: 'team' | 'best') => stages.map((s) => `${s[path]?.orders.length ?? 0} at ${s.heading}`).join(', ');
  return [
    `The case has ${stages.length} decision point${stages.length === 1 ? '' : 's'} (${stages.map((s) => s.heading).join(', ')}) and ends with the debrief.`,
    'At each decision point the learner can order tests and treatments and commit to or revise a working diagnosis, ' +
      'then move on to the next point, or at the last one finish with a final diagnosis.',
    `The treating team's documented path orders ${ordersPerStage('team')}${teamEnd ? ` and ends with ${commitText(teamEnd)}` : ''}.`,
    map.hasBest
      ? `The best path orders ${ordersPerStage('best')}${bestEnd ? ` and ends with ${commitText(bestEnd)}` : ''}.`
      : 'No best path is recorded for this case.',
  ].join(' ');
}

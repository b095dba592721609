import ELK from 'elkjs/lib/elk.bundled.js';
import { commitText, type DecisionMap, type MapEdge, type MapNode, type PathAtStage } from './decision-map';

/**
 * Lays out a decision map with elkjs (layered, top to bottom) for an SVG drawn at build time. The
 * text of each node and edge label is decided here, so that the boxes ELK places fit it. Node only
 * (elkjs runs in the build, never in the browser).
 */

export type LineStyle = 'heading' | 'meta' | 'finding' | 'team' | 'best';

export interface TextLine {
  text: string;
  style: LineStyle;
}

export interface LaidNode {
  id: string;
  kind: MapNode['kind'];
  x: number;
  y: number;
  width: number;
  height: number;
  lines: TextLine[];
  onTeam: boolean;
  onBest: boolean;
}

export interface LaidEdge {
  id: string;
  event: MapEdge['event'];
  loop: boolean;
  team: number;
  best: number;
  /** The route, start to end. */
  points: { x: number; y: number }[];
  label: { x: number; y: number; width: number; height: number; lines: TextLine[] } | null;
}

export interface MapLayout {
  width: number;
  height: number;
  nodes: LaidNode[];
  edges: LaidEdge[];
}

export const LINE_HEIGHT = 18;
export const LABEL_LINE_HEIGHT = 16;
export const PADDING = 12;
/** A generous average glyph width for 13px system sans-serif text, so that text stays inside its box. */
const CHAR = 7.1;
/** Bold text is wider. */
const BOLD_CHAR = 7.9;
const LABEL_CHAR = 6.6;
const STAGE_WIDTH = 440;
const FINAL_WIDTH = 320;

/** Greedy word wrap to at most `max` characters a line. */
export function wrap(text: string, max: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

function pathLine(who: 'Team' | 'Best', p: PathAtStage | null): string {
  if (!p) return `${who}: does not reach this stage`;
  const orders = `${p.orders.length} order${p.orders.length === 1 ? '' : 's'}`;
  const commits = p.commits.length ? `; commits ${p.commits.map(commitText).join(', then ')}` : '; no new commitment';
  return `${who}: ${orders}${commits}`;
}

/** The text of a node, wrapped to its width. */
export function nodeLines(n: MapNode, hasBest: boolean): TextLine[] {
  const width = n.kind === 'final' ? FINAL_WIDTH : STAGE_WIDTH;
  const lines: TextLine[] = [];
  const add = (text: string, style: LineStyle) =>
    wrap(text, Math.floor((width - 2 * PADDING) / (style === 'meta' || style === 'finding' ? CHAR : BOLD_CHAR))).forEach((t) => lines.push({ text: t, style }));
  add(`${n.heading} · ${n.title}`, 'heading');
  if (n.kind === 'final') {
    add(n.team?.leavesWith ? `Team ends with ${commitText(n.team.leavesWith)}` : 'Team: does not finish', 'team');
    if (hasBest) add(n.best?.leavesWith ? `Best ends with ${commitText(n.best.leavesWith)}` : 'Best: does not finish', 'best');
    return lines;
  }
  add(`Can order ${n.orderable.length}: ${n.orderableByKind.map((k) => `${k.count} ${k.kind}`).join(', ')}`, 'meta');
  add(n.keyFindings.length ? `Key findings to be had here (${n.keyFindings.length}):` : 'No key finding to be had here.', 'meta');
  for (const k of n.keyFindings) add(`• ${k.label}${k.newHere ? ' (new here)' : ''}`, 'finding');
  add(pathLine('Team', n.team), 'team');
  if (hasBest) add(pathLine('Best', n.best), 'best');
  return lines;
}

/** The text of an edge label. */
export function edgeLines(e: MapEdge, map: DecisionMap): TextLine[] {
  const from = map.nodes.find((n) => n.id === e.source)!;
  const to = map.nodes.find((n) => n.id === e.target)!;
  const lines: TextLine[] = [];
  const add = (text: string, style: LineStyle) => wrap(text, 46).forEach((t) => lines.push({ text: t, style }));
  switch (e.event) {
    case 'ADVANCE':
    case 'FINISH': {
      add(e.event === 'ADVANCE' ? `Move on to ${to.heading}` : 'Finish with a final diagnosis', 'heading');
      if (e.team) add(`team holds ${from.team?.leavesWith ? commitText(from.team.leavesWith) : 'no diagnosis'}`, 'team');
      if (e.best) add(`best path holds ${from.best?.leavesWith ? commitText(from.best.leavesWith) : 'no diagnosis'}`, 'best');
      break;
    }
    case 'ORDER':
      add(`What can be done here: ${from.orderable.length} ${from.orderable.length === 1 ? 'option' : 'options'}`, 'heading');
      add(`team did ${e.team}`, 'team');
      if (map.hasBest) add(`best path did ${e.best}`, 'best');
      break;
    case 'COMMIT':
      add('Working diagnosis: commit or revise', 'heading');
      add(e.team ? `team: ${from.team!.commits.map(commitText).join(', then ')}` : 'team: no change here', 'team');
      if (map.hasBest) add(e.best ? `best path: ${from.best!.commits.map(commitText).join(', then ')}` : 'best path: no change here', 'best');
      break;
  }
  return lines;
}

interface ElkPoint {
  x: number;
  y: number;
}
interface ElkOut {
  width?: number;
  height?: number;
  children?: { id: string; x?: number; y?: number; width?: number; height?: number }[];
  edges?: {
    id: string;
    sections?: { startPoint: ElkPoint; endPoint: ElkPoint; bendPoints?: ElkPoint[] }[];
    labels?: { x?: number; y?: number; width?: number; height?: number }[];
  }[];
}

/** Lays the map out. Deterministic: the same map always gives the same picture. */
export async function layoutDecisionMap(map: DecisionMap): Promise<MapLayout> {
  const elk = new ELK();
  const nodeText = new Map(map.nodes.map((n) => [n.id, nodeLines(n, map.hasBest)]));
  const edgeText = new Map(map.edges.map((e) => [e.id, edgeLines(e, map)]));
  const labelSize = (lines: TextLine[]) => ({
    width: Math.ceil(Math.max(...lines.map((l) => l.text.length * (l.style === 'heading' ? LABEL_CHAR + 0.7 : LABEL_CHAR)))) + 10,
    height: lines.length * LABEL_LINE_HEIGHT + 6,
  });

  const out = (await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.spacing.edgeLabel': '6',
      'elk.spacing.edgeNode': '28',
      'elk.spacing.edgeEdge': '14',
      'elk.edgeLabels.inline': 'false',
      'elk.padding': '[top=12,left=12,bottom=12,right=12]',
    },
    // Ports fix where each transition leaves and enters: moves down the page, ORDER loops on the
    // right of their stage and COMMIT loops on the left, so that no loop hides another.
    children: map.nodes.map((n) => ({
      id: n.id,
      width: n.kind === 'final' ? FINAL_WIDTH : STAGE_WIDTH,
      height: nodeText.get(n.id)!.length * LINE_HEIGHT + 2 * PADDING,
      layoutOptions: { 'elk.portConstraints': 'FIXED_SIDE' },
      ports: (
        [
          ['in', 'NORTH'],
          ['out', 'SOUTH'],
          ['ORDER-out', 'EAST'],
          ['ORDER-in', 'EAST'],
          ['COMMIT-out', 'WEST'],
          ['COMMIT-in', 'WEST'],
        ] as const
      ).map(([port, side]) => ({ id: `${n.id}:${port}`, width: 1, height: 1, layoutOptions: { 'elk.port.side': side } })),
    })),
    edges: map.edges.map((e) => ({
      id: e.id,
      sources: [`${e.source}:${e.loop ? `${e.event}-out` : 'out'}`],
      targets: [`${e.target}:${e.loop ? `${e.event}-in` : 'in'}`],
      labels: [{ id: `${e.id}-label`, text: e.event, ...labelSize(edgeText.get(e.id)!) }],
    })),
  })) as ElkOut;

  const nodes: LaidNode[] = (out.children ?? []).map((c) => {
    const n = map.nodes.find((m) => m.id === c.id)!;
    return {
      id: c.id,
      kind: n.kind,
      x: c.x ?? 0,
      y: c.y ?? 0,
      width: c.width ?? 0,
      height: c.height ?? 0,
      lines: nodeText.get(c.id)!,
      onTeam: n.team !== null,
      onBest: n.best !== null,
    };
  });
  nodes.sort((a, b) => map.nodes.findIndex((n) => n.id === a.id) - map.nodes.findIndex((n) => n.id === b.id));
  const edges: LaidEdge[] = (out.edges ?? []).map((o) => {
    const e = map.edges.find((m) => m.id === o.id)!;
    const s = o.sections?.[0];
    const points = s ? [s.startPoint, ...(s.bendPoints ?? []), s.endPoint] : [];
    const l = o.labels?.[0];
    const lines = edgeText.get(e.id)!;
    return {
      id: e.id,
      event: e.event,
      loop: e.loop,
      team: e.team,
      best: e.best,
      points: points.map((p) => ({ x: p.x, y: p.y })),
      label: l ? { x: l.x ?? 0, y: l.y ?? 0, width: l.width ?? 0, height: l.height ?? 0, lines } : null,
    };
  });
  return widenLoops(nodes, edges, Math.ceil(out.height ?? 0));
}

/** How far a loop reaches out from its stage. */
const LOOP_REACH = 30;
const MARGIN = 12;

/**
 * ELK routes a self loop tight against its node; this pushes each loop (and its label, when it sits
 * beside it) out to LOOP_REACH so that it reads as an arrow, then fits the drawing to its content.
 */
function widenLoops(nodes: LaidNode[], edges: LaidEdge[], height: number): MapLayout {
  for (const e of edges) {
    if (!e.loop || e.points.length < 3) continue;
    const start = e.points[0]!;
    const side = Math.sign(e.points[1]!.x - start.x) || 1;
    const reach = start.x + side * LOOP_REACH;
    e.points = e.points.map((p, i) => (i === 0 || i === e.points.length - 1 ? p : { x: reach, y: p.y }));
    if (e.label) {
      if (side > 0 && e.label.x >= start.x) e.label.x = Math.max(e.label.x, reach + 6);
      if (side < 0 && e.label.x < start.x) e.label.x = Math.min(e.label.x, reach - 6 - e.label.width);
    }
  }
  const xs = [
    ...nodes.flatMap((n) => [n.x, n.x + n.width]),
    ...edges.flatMap((e) => [...e.points.map((p) => p.x), ...(e.label ? [e.label.x, e.label.x + e.label.width] : [])]),
  ];
  const shift = MARGIN - Math.min(...xs);
  for (const n of nodes) n.x += shift;
  for (const e of edges) {
    e.points = e.points.map((p) => ({ x: p.x + shift, y: p.y }));
    if (e.label) e.label.x += shift;
  }
  return { width: Math.ceil(Math.max(...xs) + shift + MARGIN), height, nodes, edges };
}

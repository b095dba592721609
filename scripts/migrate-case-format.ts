/**
 * `npm run migrate:cases`: rewrites every `content/cases/<slug>/case.yaml` and
 * `content/instructor/<slug>.yaml` from the long form into the compact one, in place, keeping the
 * comments and every quote. Written to be run once; running it again changes nothing.
 *
 * What it shortens, each only where the short form means exactly the same data:
 *
 * - `evidence: { source: <the case's source>, quote, section }` becomes `evidence: "quote @ section"`;
 *   evidence citing another source is kept, on one line;
 * - a lab `reference` equal to its analyte's typical range with the standard note is dropped (the
 *   loader puts it back from `content/analytes.yaml`);
 * - `notReported` equal to the standard sentence for the action's label becomes `notReported: true`;
 * - team and best path steps become `order: <action>`, `commit: {…}`, `advance`, `finish`;
 * - short lists of ids (`reveals`, `presents`, a contradiction's `findings`) go on one line.
 *
 * Findings stay where they are: the compiled list keeps the order they were written in (inline
 * findings are compiled after the listed ones), and the scoring version hashes that order, so moving
 * them under their actions would change every case's version. `tests/unit/compact-format.test.ts`
 * proves the result compiles to exactly the cases it compiled to before.
 *
 * Usage: `npm run migrate:cases` (all cases) or `npm run migrate:cases -- <content dir>`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isMap, isPair, isScalar, isSeq, parse, parseDocument, Scalar, visit, YAMLMap, type YAMLSeq, type Document, type Node, type Pair } from 'yaml';
import { AnalytesFileSchema, type Analyte } from '../src/schemas/analyte';
import { EVIDENCE_SECTION_SEPARATOR } from '../src/schemas/provenance';
import { eventStep } from '../src/schemas/play-step';
import type { PlayEvent } from '../src/schemas/events';
import { notReportedSentence, typicalRange, TYPICAL_RANGE_NOTE } from '../src/content-loading/expand-case';

/** How the rewritten files are printed: the project's line width, `[a, b]` without inner padding. */
export const YAML_OUTPUT = { lineWidth: 100, flowCollectionPadding: false, doubleQuotedMinMultiLineLength: 1000 } as const;

/** A folded text (`>-`) that fits on its key's line is written on that line. */
function unfoldShortTexts(doc: Document): void {
  visit(doc, {
    Pair(_, pair, path) {
      const v = pair.value;
      if (!isScalar(v) || v.type !== Scalar.BLOCK_FOLDED || typeof v.value !== 'string' || v.value.includes('\n')) return;
      // Block style: each enclosing key and each enclosing list indents by two.
      const indent = 2 * path.filter((n) => isPair(n) || isSeq(n)).length;
      if (indent + keyOf(pair as Pair).length + 2 + v.value.length + 2 <= YAML_OUTPUT.lineWidth) v.type = undefined;
    },
  });
}

/** Keys whose lists of ids read best on one line. */
const ID_LIST_KEYS = new Set(['reveals', 'presents', 'findings', 'formerSlugs']);

const keyOf = (pair: Pair): string => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key));

function get(map: YAMLMap, key: string): unknown {
  const v = map.get(key, true);
  return isScalar(v) ? v.value : v;
}

/** A double-quoted string node carrying the comments of the node it replaces. */
function quoted(text: string, from?: Node): Scalar {
  const s = new Scalar(text);
  s.type = Scalar.QUOTE_DOUBLE;
  if (from?.commentBefore) s.commentBefore = from.commentBefore;
  if (from?.comment) s.comment = from.comment;
  return s;
}

/** The compact form of one evidence mapping, or null to keep it as it is. */
function compactEvidence(doc: Document, map: YAMLMap, caseSource: string | undefined): Node | null {
  const keys = map.items.map((p) => keyOf(p as Pair));
  if (keys.some((k) => !['source', 'quote', 'section'].includes(k))) return null;
  const source = get(map, 'source');
  const quote = get(map, 'quote');
  const section = get(map, 'section');
  if (typeof quote !== 'string' || quote !== quote.trim() || quote.length === 0) return null;
  if (
    section !== undefined &&
    (typeof section !== 'string' || section !== section.trim() || section.includes(EVIDENCE_SECTION_SEPARATOR) || section.length === 0)
  )
    return null;
  if (caseSource !== undefined && source === caseSource) {
    if (section === undefined && quote.includes(EVIDENCE_SECTION_SEPARATOR)) return null;
    return quoted(section === undefined ? quote : `${quote}${EVIDENCE_SECTION_SEPARATOR}${section}`, map);
  }
  // Another source: the long form, on one line.
  const flow = doc.createNode({ source, quote, ...(section === undefined ? {} : { section }) }) as YAMLMap;
  flow.flow = true;
  for (const item of flow.items)
    if (isScalar(item.value) && typeof item.value.value === 'string' && item.value.value !== source) item.value.type = Scalar.QUOTE_DOUBLE;
  if (map.commentBefore) flow.commentBefore = map.commentBefore;
  if (map.comment) flow.comment = map.comment;
  return flow;
}

/** Every `evidence:` mapping in the document, compacted where it can be. */
function compactAllEvidence(doc: Document, caseSource: string | undefined): number {
  let changed = 0;
  visit(doc, {
    Pair(_, pair) {
      if (keyOf(pair as Pair) !== 'evidence' || !isMap(pair.value)) return;
      const compact = compactEvidence(doc, pair.value, caseSource);
      if (compact) {
        pair.value = compact;
        changed++;
      }
    },
  });
  return changed;
}

/** A step map in the player's terms from a `{ event, note?, evidence? }` mapping (a bare scalar when that is all). */
function compactStep(doc: Document, step: YAMLMap, allowBare: boolean): Node | null {
  const eventNode = step.get('event', true);
  if (!isMap(eventNode)) return null;
  const event = eventNode.toJSON() as PlayEvent;
  const short = eventStep(event);
  const rest = step.items.filter((p) => keyOf(p as Pair) !== 'event');
  if (typeof short === 'string' && allowBare && rest.length === 0) {
    const s = new Scalar(short);
    if (step.commentBefore) s.commentBefore = step.commentBefore;
    if (step.comment) s.comment = step.comment;
    return s;
  }
  const head: Record<string, unknown> = typeof short === 'string' ? { [short]: true } : short;
  const out = new YAMLMap();
  for (const [k, v] of Object.entries(head)) {
    let node: Node;
    if (k === 'commit') {
      node = doc.createNode(v) as Node;
      (node as YAMLMap | YAMLSeq).flow = true;
    } else if (k === 'summary') node = quoted(String(v));
    else node = doc.createNode(v) as Node;
    out.add(doc.createPair(k, node));
  }
  for (const p of rest) out.add(p);
  if (step.commentBefore) out.commentBefore = step.commentBefore;
  if (step.comment) out.comment = step.comment;
  return out;
}

function compactPath(doc: Document, key: string, allowBare: boolean): number {
  const seq = doc.get(key, true);
  if (!isSeq(seq)) return 0;
  let changed = 0;
  seq.items = seq.items.map((item) => {
    if (!isMap(item)) return item;
    const step = compactStep(doc, item, allowBare);
    if (!step) return item;
    changed++;
    return step;
  });
  return changed;
}

/** The length of a scalar as it will be printed, quotes included when it needs them. */
function printedLength(node: unknown): number {
  if (!isScalar(node)) return Infinity;
  const text = String(node.value);
  const needsQuotes = typeof node.value === 'string' && (node.type === Scalar.QUOTE_DOUBLE || /[:#,[\]{}&*!|>'"%@`]|^\s|\s$/.test(text));
  return text.length + (needsQuotes ? 2 : 0);
}

/**
 * A mapping of a few short fields (a lab result, the weights, an axis) that fits on its key's line
 * is written on it: `lab: { value: 65, unit: mg/dL, analyte: urea-nitrogen, flag: high }`.
 */
function flowShortMaps(doc: Document): void {
  visit(doc, {
    Pair(_, pair, path) {
      const v = pair.value;
      if (!isMap(v) || v.flow || v.commentBefore || v.comment || v.items.length === 0) return;
      let length = 0;
      for (const item of v.items) {
        const value = item.value;
        if (isScalar(value) && (value.comment || value.commentBefore)) return;
        if (isScalar(item.key) && item.key.commentBefore) return;
        const printed = isSeq(value) && value.flow ? value.items.reduce((n: number, i) => n + printedLength(i) + 2, 2) : printedLength(value);
        length += keyOf(item as Pair).length + 2 + printed + 2;
      }
      const indent = 2 * path.filter((n) => isPair(n) || isSeq(n)).length;
      if (indent + keyOf(pair as Pair).length + 2 + length + 2 <= YAML_OUTPUT.lineWidth) v.flow = true;
    },
  });
}

/** Short lists of ids on one line: `reveals: [a, b]`. */
function flowIdLists(doc: Document): void {
  visit(doc, {
    Pair(_, pair) {
      const v = pair.value;
      if (!ID_LIST_KEYS.has(keyOf(pair as Pair)) || !isSeq(v) || v.flow) return;
      if (v.items.every((i) => isScalar(i) && typeof i.value === 'string' && !i.comment && !i.commentBefore && /^[a-z0-9-]+$/.test(i.value))) v.flow = true;
    },
  });
}

export interface MigrationCount {
  evidence: number;
  references: number;
  notReported: number;
  steps: number;
}

/** Rewrites one case file's text; returns the new text and what it shortened. */
export function migrateCaseText(text: string, analytes: Readonly<Record<string, Analyte>>): { text: string; count: MigrationCount } {
  const doc = parseDocument(text);
  const caseSource = doc.get('source');
  const sex = doc.getIn(['patient', 'sex']) as 'female' | 'male';
  const count: MigrationCount = { evidence: 0, references: 0, notReported: 0, steps: 0 };

  const findings = doc.get('findings', true);
  if (isSeq(findings))
    for (const f of findings.items) {
      if (!isMap(f)) continue;
      const lab = f.get('lab', true);
      if (!isMap(lab)) continue;
      const ref = lab.get('reference', true);
      if (!isMap(ref)) continue;
      const analyte = analytes[String(get(lab, 'analyte'))];
      const range = analyte && get(lab, 'unit') === analyte.conventional ? typicalRange(analyte, sex) : undefined;
      const keys = ref.items.map((p) => keyOf(p as Pair)).sort();
      const same =
        range !== undefined &&
        get(ref, 'note') === TYPICAL_RANGE_NOTE &&
        get(ref, 'low') === range.low &&
        get(ref, 'high') === range.high &&
        keys.every((k) => ['high', 'low', 'note'].includes(k)) &&
        !ref.commentBefore &&
        !ref.comment;
      if (same) {
        lab.delete('reference');
        count.references++;
      }
    }

  const actions = doc.get('actions', true);
  if (isSeq(actions))
    for (const a of actions.items) {
      if (!isMap(a)) continue;
      const label = get(a, 'label');
      const nr = a.get('notReported', true);
      if (typeof label === 'string' && isScalar(nr) && nr.value === notReportedSentence(label) && !nr.comment && !nr.commentBefore) {
        a.set('notReported', true);
        count.notReported++;
      }
    }

  count.steps = compactPath(doc, 'teamPath', false);
  count.evidence = compactAllEvidence(doc, typeof caseSource === 'string' ? caseSource : undefined);
  flowIdLists(doc);
  unfoldShortTexts(doc);
  flowShortMaps(doc);
  return { text: doc.toString(YAML_OUTPUT), count };
}

/** Rewrites one instructor notes file; the case's source is the default source of its evidence. */
export function migrateInstructorText(text: string, caseSource: string | undefined): { text: string; count: MigrationCount } {
  const doc = parseDocument(text);
  const count: MigrationCount = { evidence: 0, references: 0, notReported: 0, steps: 0 };
  count.steps = compactPath(doc, 'bestPath', true);
  count.evidence = compactAllEvidence(doc, caseSource);
  flowIdLists(doc);
  unfoldShortTexts(doc);
  flowShortMaps(doc);
  return { text: doc.toString(YAML_OUTPUT), count };
}

function main(): void {
  const contentDir = resolve(process.argv[2] ?? 'content');
  const analytesPath = join(contentDir, 'analytes.yaml');
  const analytes = existsSync(analytesPath) ? AnalytesFileSchema.parse(parse(readFileSync(analytesPath, 'utf8'))) : {};
  const casesDir = join(contentDir, 'cases');
  const lines = (t: string) => t.split('\n').length - (t.endsWith('\n') ? 1 : 0);
  let before = 0;
  let after = 0;
  for (const slug of readdirSync(casesDir).sort()) {
    const path = join(casesDir, slug, 'case.yaml');
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8');
    const { text: next, count } = migrateCaseText(text, analytes);
    writeFileSync(path, next);
    before += lines(text);
    after += lines(next);
    console.log(
      `${slug}/case.yaml: ${lines(text)} -> ${lines(next)} lines (${count.evidence} evidence, ${count.references} reference ` +
        `ranges, ${count.notReported} notReported, ${count.steps} team steps)`,
    );
    const notes = join(contentDir, 'instructor', `${slug}.yaml`);
    if (existsSync(notes)) {
      const source = parse(text)?.source as string | undefined;
      const old = readFileSync(notes, 'utf8');
      const migrated = migrateInstructorText(old, source);
      writeFileSync(notes, migrated.text);
      console.log(
        `instructor/${slug}.yaml: ${lines(old)} -> ${lines(migrated.text)} lines (${migrated.count.steps} best-path ` +
          `steps, ${migrated.count.evidence} evidence)`,
      );
    }
  }
  console.log(`case files: ${before} -> ${after} lines (${Math.round((1 - after / before) * 1000) / 10}% fewer)`);
}

if (process.argv[1]?.endsWith('migrate-case-format.ts')) main();

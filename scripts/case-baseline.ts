/**
 * The case-data baseline: every finding's value(s), unit, ranges, flag and quote, read straight from
 * `content/cases/<slug>/case.yaml`. `npx tsx scripts/case-baseline.ts` writes it to
 * `tests/fixtures/case-data-baseline.json` once, before a clinical revision;
 * `tests/unit/case-baseline.test.ts` then compares the current cases with it, so that no value or
 * flag changes without a changed or added quote, and prints every change for the closing note.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadCourseContent } from '../src/content-loading/load-content';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

/** The data fields of one finding that a revision may change only with a quote. */
export interface FindingData {
  value?: number;
  range?: [number, number];
  qualitative?: string;
  unit?: string;
  referenceLow?: number;
  referenceHigh?: number;
  flag?: string;
  quote?: string;
}

/** Case slug to finding id to its data. */
export type CaseBaseline = Record<string, Record<string, FindingData>>;

/** The fields whose change needs a new quote (everything but the quote itself). */
export const VALUE_FIELDS = ['value', 'range', 'qualitative', 'unit', 'referenceLow', 'referenceHigh', 'flag'] as const;

interface RawFinding {
  id?: unknown;
  lab?: { value?: number; range?: [number, number]; qualitative?: string; unit?: string; reference?: { low?: number; high?: number }; flag?: string };
  evidence?: { quote?: string };
}

function clean(data: FindingData): FindingData {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) as FindingData;
}

/** Reads every case's findings as written (no schema defaults), so the snapshot is the file's own data. */
export function snapshotCases(casesDir: string): CaseBaseline {
  const out: CaseBaseline = {};
  const compiled = new Map(loadCourseContent(dirname(resolve(casesDir))).cases.map((c) => [c.slug, c]));
  for (const slug of readdirSync(casesDir).sort()) {
    const file = join(casesDir, slug, 'case.yaml');
    if (!existsSync(file)) continue;
    // As compiled: the compact form leaves ranges and the source to the loader.
    const doc = compiled.get(slug) ?? (YAML.parse(readFileSync(file, 'utf8')) as { findings?: RawFinding[] });
    const findings: Record<string, FindingData> = {};
    for (const f of (doc.findings ?? []) as RawFinding[]) {
      if (typeof f.id !== 'string') continue;
      const lab = f.lab;
      findings[f.id] = clean({
        value: lab?.value,
        range: lab?.range,
        qualitative: lab?.qualitative,
        unit: lab?.unit,
        referenceLow: lab?.reference?.low,
        referenceHigh: lab?.reference?.high,
        flag: lab?.flag,
        quote: f.evidence?.quote,
      });
    }
    out[slug] = findings;
  }
  return out;
}

/** One difference between the baseline and the current cases. */
export interface DataChange {
  slug: string;
  finding: string;
  /** A data field, "quote", or "finding" for a finding added or removed. */
  field: string;
  before: unknown;
  after: unknown;
  /** Why the change breaks the rule, when it does. */
  problem?: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Every change from the baseline. A changed value field without a changed quote, a finding added
 * without a quote, and a finding removed are problems; a changed quote alone is listed, not a problem.
 */
export function compareWithBaseline(baseline: CaseBaseline, current: CaseBaseline): DataChange[] {
  const changes: DataChange[] = [];
  const slugs = [...new Set([...Object.keys(baseline), ...Object.keys(current)])].sort();
  for (const slug of slugs) {
    const before = baseline[slug] ?? {};
    const after = current[slug] ?? {};
    const ids = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const id of ids) {
      const b = before[id];
      const a = after[id];
      if (b && !a) {
        changes.push({ slug, finding: id, field: 'finding', before: b, after: undefined, problem: 'a finding of the baseline was removed (its data would be lost without a quote saying why)' });
        continue;
      }
      if (!b && a) {
        changes.push({ slug, finding: id, field: 'finding', before: undefined, after: a, problem: a.quote ? undefined : 'a new finding has no quote' });
        continue;
      }
      if (!a || !b) continue;
      const quoteChanged = !same(a.quote, b.quote);
      for (const field of VALUE_FIELDS) {
        if (same(a[field], b[field])) continue;
        changes.push({
          slug,
          finding: id,
          field,
          before: b[field],
          after: a[field],
          problem: quoteChanged && a.quote ? undefined : `${field} changed without a changed or added quote`,
        });
      }
      if (quoteChanged) changes.push({ slug, finding: id, field: 'quote', before: b.quote, after: a.quote, problem: a.quote ? undefined : 'the quote was removed' });
    }
  }
  return changes;
}

/** One line per change, for the test's output and the closing note. */
export function formatChange(c: DataChange): string {
  const show = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));
  return `${c.slug} / ${c.finding} / ${c.field}: ${show(c.before)} -> ${show(c.after)}${c.problem ? `  PROBLEM: ${c.problem}` : ''}`;
}

export const BASELINE_FILE = 'tests/fixtures/case-data-baseline.json';

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(import.meta.url), '../..');
  const out = join(root, BASELINE_FILE);
  if (existsSync(out) && !process.argv.includes('--force')) {
    console.error(`${BASELINE_FILE} exists; it is the record of the data before the revision. Pass --force to overwrite it.`);
    process.exit(1);
  }
  // `--cases <dir>` snapshots another copy of the cases, e.g. main's, extracted with `git archive`.
  const at = process.argv.indexOf('--cases');
  const given = at > 0 ? process.argv[at + 1] : undefined;
  const casesDir = given ? resolve(given) : join(root, 'content/cases');
  writeFileSync(out, `${JSON.stringify(snapshotCases(casesDir), null, 2)}\n`);
  console.log(`wrote ${BASELINE_FILE} from ${casesDir}`);
}

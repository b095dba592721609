import type { CaseDefinition, Finding } from '../schemas/case';
import type { Guide } from '../schemas/guide';
import type { ContentProblem } from '../schemas/content-errors';

/** One cell of the comparison: what the paper reports, and a number to chart when there is one. */
export interface MineralCell {
  text: string;
  /** The single value, or the highest of a reported range; null when the paper gives no number. */
  chartValue: number | null;
  /** True when the number is calculated here (Ca x P from two reported single values), not reported. */
  calculated: boolean;
  findingLabel?: string;
}

export interface MineralRow {
  slug: string;
  title: string;
  calcium: MineralCell;
  phosphorus: MineralCell;
  product: MineralCell;
  pth: MineralCell;
}

const EMPTY: MineralCell = { text: 'not reported', chartValue: null, calculated: false };

function cellOf(f: Finding | undefined): MineralCell {
  if (!f?.lab) return EMPTY;
  const { value, range, unit, qualitative } = f.lab;
  const u = unit ? ` ${unit}` : '';
  if (value !== undefined) return { text: `${value}${u}`, chartValue: value, calculated: false, findingLabel: f.label };
  if (range) return { text: `${range[0]} to ${range[1]}${u}`, chartValue: range[1], calculated: false, findingLabel: f.label };
  return { text: qualitative ?? 'not reported', chartValue: null, calculated: false, findingLabel: f.label };
}

/**
 * The five cases' mineral values side by side, read from the cases' own findings (the guide only
 * names which finding), so the lesson can never disagree with the cases. Returns problems that
 * name the lesson file and field for any broken reference.
 */
export function buildMineralComparison(file: string, guide: Guide, cases: readonly CaseDefinition[]): { rows: MineralRow[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const rows: MineralRow[] = [];
  guide.comparison.forEach((entry, i) => {
    const def = cases.find((c) => c.slug === entry.case);
    if (!def) {
      problems.push({ file, field: `comparison[${i}].case`, message: `unknown case "${entry.case}" (known: ${cases.map((c) => c.slug).join(', ')})` });
      return;
    }
    const find = (key: 'calcium' | 'phosphorus' | 'pth' | 'product') => {
      const id = entry[key];
      if (id === undefined) return undefined;
      const f = def.findings.find((x) => x.id === id);
      if (!f) problems.push({ file, field: `comparison[${i}].${key}`, message: `case "${def.slug}" has no finding "${id}"` });
      else if (!f.lab) problems.push({ file, field: `comparison[${i}].${key}`, message: `finding "${id}" of case "${def.slug}" is not a lab result` });
      return f;
    };
    const calcium = cellOf(find('calcium'));
    const phosphorus = cellOf(find('phosphorus'));
    const pth = cellOf(find('pth'));
    let product = cellOf(find('product'));
    const ca = find('calcium')?.lab?.value;
    const p = find('phosphorus')?.lab?.value;
    if (entry.product === undefined && ca !== undefined && p !== undefined) {
      const value = Math.round(ca * p * 10) / 10;
      product = { text: `${value} mg²/dL² (calculated)`, chartValue: value, calculated: true };
    }
    rows.push({ slug: def.slug, title: def.title, calcium, phosphorus, product, pth });
  });
  return { rows, problems };
}

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASELINE_FILE, compareWithBaseline, formatChange, snapshotCases, type CaseBaseline } from '../../src/content-loading/case-baseline';

const root = join(__dirname, '../..');
const baseline = JSON.parse(readFileSync(join(root, BASELINE_FILE), 'utf8')) as CaseBaseline;

/** The first case of the baseline and its first two findings, for the tests that edit a copy. */
function sample(): { slug: string; first: string; second: string } {
  const slug = Object.keys(baseline)[0]!;
  const [first, second] = Object.keys(baseline[slug]!);
  return { slug, first: first!, second: second! };
}

describe('case data against the baseline before the clinical revision', () => {
  it('changes no finding value, unit, range or flag without a changed or added quote, and lists every change', () => {
    const changes = compareWithBaseline(baseline, snapshotCases(join(root, 'content/cases')));
    // The list is the record of every data change for the closing note of the revision.
    console.log(
      changes.length === 0
        ? 'case data: no change from the baseline'
        : `case data: ${changes.length} change(s) from the baseline\n${changes.map(formatChange).join('\n')}`,
    );
    const problems = changes.filter((c) => c.problem).map(formatChange);
    expect(problems, 'every changed value needs a changed or added quote').toEqual([]);
  });

  it('fails a value changed without a quote, naming the case, finding and field', () => {
    const { slug, first: finding } = sample();
    const edited: CaseBaseline = structuredClone(baseline);
    edited[slug]![finding] = { ...edited[slug]![finding], flag: 'a flag nobody quoted' };
    const problems = compareWithBaseline(baseline, edited).filter((c) => c.problem);
    expect(problems).toHaveLength(1);
    expect(formatChange(problems[0]!)).toContain(`${slug} / ${finding} / flag`);
  });

  it('accepts a value changed together with its quote, and fails a removed finding or a new one without a quote', () => {
    const { slug, first, second } = sample();
    const edited: CaseBaseline = structuredClone(baseline);
    edited[slug]![first] = { ...edited[slug]![first], flag: 'high', quote: 'a different quote' };
    delete edited[slug]![second];
    edited[slug]!['added-finding'] = { value: 1, unit: 'mg/dL' };
    const changes = compareWithBaseline(baseline, edited);
    expect(changes.filter((c) => c.finding === first).every((c) => !c.problem)).toBe(true);
    expect(changes.find((c) => c.finding === second)?.problem).toMatch(/removed/);
    expect(changes.find((c) => c.finding === 'added-finding')?.problem).toMatch(/no quote/);
  });
});

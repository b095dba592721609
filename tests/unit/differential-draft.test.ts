import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { addLine, checkDraft, draftFrom, filterOptions, matchedSynonym, toDifferential, type DraftLine } from '../../src/islands/differential-draft';
import { differentialProblem, SUMMARY_MAX_LENGTH } from '../../src/schemas/differential';
import { playModeFrom } from '../../src/schemas/play-mode';

const list = YAML.parse(readFileSync('content/diagnoses.yaml', 'utf8')) as { id: string; label: string; synonyms?: string[] }[];
const label = (id: string) => list.find((d) => d.id === id)?.label ?? id;
const noSummary = { required: false, text: '' };
const lines = (...pairs: [string, string][]): DraftLine[] => pairs.map(([diagnosis, percent]) => ({ diagnosis, percent }));

describe('the differential draft', () => {
  it('reports the running total and what is left to assign', () => {
    const c = checkDraft(lines(['dystrophic', '60'], ['metastatic', '30']), label, noSummary);
    expect(c.total).toBe(90);
    expect(c.totalText).toBe('Total 90%: 10% left to assign.');
    expect(c.problem).toBe('Probabilities sum to 90%: they must sum to 100%.');
  });

  it('says by how much a total over 100 is too much', () => {
    const c = checkDraft(lines(['dystrophic', '60'], ['metastatic', '50']), label, noSummary);
    expect(c.totalText).toBe('Total 110%: probabilities sum to 110%, take off 10%.');
    expect(c.problem).toMatch(/sum to 110%/);
  });

  it('names the diagnosis whose probability is not a whole percent from 1 to 100, and keeps what was typed', () => {
    const draft = lines(['dystrophic', '60.5'], ['metastatic', '0'], ['calciphylaxis', '']);
    const c = checkDraft(draft, label, noSummary);
    expect(c.lineProblems.get('dystrophic')).toBe(`${label('dystrophic')}: "60.5" is not a whole percent`);
    expect(c.lineProblems.get('metastatic')).toBe(`${label('metastatic')}: give a whole percent from 1 to 100`);
    expect(c.lineProblems.get('calciphylaxis')).toBe(`Give ${label('calciphylaxis')} a probability`);
    expect(draft[0]!.percent).toBe('60.5');
  });

  it('asks for the summary on the first commitment and holds it to the length limit', () => {
    const ok = lines(['dystrophic', '100']);
    expect(checkDraft(ok, label, { required: true, text: '  ' }).problem).toMatch(/one-sentence summary/);
    expect(checkDraft(ok, label, { required: true, text: 'x'.repeat(SUMMARY_MAX_LENGTH + 1) }).problem).toMatch(new RegExp(`keep it to ${SUMMARY_MAX_LENGTH}`));
    expect(checkDraft(ok, label, { required: true, text: 'A woman after a liver transplant.' }).problem).toBeNull();
  });

  it('marks the highest probability as the working diagnosis, the first listed on a tie', () => {
    expect(checkDraft(lines(['dystrophic', '40'], ['metastatic', '40'], ['calciphylaxis', '20']), label, noSummary).leading).toBe('dystrophic');
    expect(checkDraft(lines(['dystrophic', '30'], ['metastatic', '70']), label, noSummary).leading).toBe('metastatic');
  });

  it('turns a valid draft into a differential the case accepts, and a committed one back into a draft', () => {
    const draft = lines(['dystrophic', ' 55 '], ['metastatic', '45']);
    expect(checkDraft(draft, label, noSummary).problem).toBeNull();
    const differential = toDifferential(draft);
    expect(differentialProblem(differential)).toBeNull();
    expect(draftFrom(differential)).toEqual(lines(['dystrophic', '55'], ['metastatic', '45']));
  });

  it('gives a new line what is left to assign, and never lists a diagnosis twice', () => {
    const one = addLine([], 'dystrophic');
    expect(one).toEqual(lines(['dystrophic', '100']));
    const two = addLine(lines(['dystrophic', '70']), 'metastatic');
    expect(two).toEqual(lines(['dystrophic', '70'], ['metastatic', '30']));
    expect(addLine(two, 'metastatic')).toEqual(two);
    expect(addLine(lines(['dystrophic', '100']), 'metastatic')).toEqual(lines(['dystrophic', '100'], ['metastatic', '']));
  });
});

describe('searching the course list', () => {
  it('finds every entry by its own label typed in part, whatever the case', () => {
    for (const d of list) {
      const query = d.label.split(' ')[0]!.slice(0, 4).toUpperCase();
      expect(
        filterOptions(list, query).map((o) => o.id),
        `${d.id} by "${query}"`,
      ).toContain(d.id);
    }
  });

  it('finds every entry by each of its synonyms, and says which synonym matched', () => {
    for (const d of list)
      for (const s of d.synonyms ?? []) {
        expect(
          filterOptions(list, s).map((o) => o.id),
          `${d.id} by "${s}"`,
        ).toContain(d.id);
        const other = filterOptions(list, s).find((o) => o.id === d.id)!;
        const why = matchedSynonym(other, s);
        if (why !== null) expect((d.synonyms ?? []).includes(why)).toBe(true);
      }
  });

  it('puts label matches before synonym-only matches, and shows the whole list for an empty query', () => {
    expect(filterOptions(list, '')).toHaveLength(list.length);
    const shock = filterOptions(list, 'shock');
    expect(shock.length).toBeGreaterThan(0);
    expect(shock[0]!.label.toLowerCase()).toContain('shock');
  });

  it('matches nothing for words on no entry', () => {
    expect(filterOptions(list, 'zzqx')).toEqual([]);
  });
});

describe('the play mode', () => {
  it('comes from the address first, then the page metadata, and is practice otherwise', () => {
    expect(playModeFrom('?mode=test', null)).toBe('test');
    expect(playModeFrom('?mode=practice', 'test')).toBe('practice');
    expect(playModeFrom('', 'test')).toBe('test');
    expect(playModeFrom('?mode=exam', 'nonsense')).toBe('practice');
    expect(playModeFrom('', null)).toBe('practice');
  });
});

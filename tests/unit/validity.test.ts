import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseDefinition } from '../../src/schemas/case';
import { bestPathEvents, readInstructorNotes } from '../../src/content-loading/load-instructor';
import { DEFAULT_WALKS, formatFigure, validityFigures, type ValidityFigure } from '../../src/scoring/validity-figures';
import { contentDir, course, projectRoot } from '../helpers/content';

/**
 * Validity as tests: the figures `npm run check:content` prints (src/scoring/validity-figures.ts),
 * played on every case over its data and its instructor best path, so the limits hold for any case an
 * author adds. A failure prints the figure: its value, limit, margin and what an author can change.
 */
const { notes } = readInstructorNotes(contentDir, course.cases, new Set(course.sources.map((s) => s.id)), projectRoot);

const TITLES: [ValidityFigure['id'], string][] = [
  ['best', 'scores the authored best path at least 95, with no flag'],
  ['search', 'finds no path through a 10% grid of commitments with the key orders more than 0.5 above the best path'],
  ['blind', 'keeps a blind guess (the right answer at stage 1 at 90%, nothing ordered) at 35 or below'],
  ['shotgun', 'keeps shotgun play (every test and treatment at every stage, harmful ones included) at 50 or below'],
  ['hedge', 'gives hedging the first commitment onto a half-credit entry no more than the best path'],
  ['random', `keeps the mean of ${DEFAULT_WALKS} seeded uniformly random plays at 30 or below`],
  ['team', "flags the treating team's path exactly when the source documents a misdiagnosis"],
];

for (const def of course.cases as CaseDefinition[]) {
  describe(`validity of the score on ${def.slug}`, () => {
    let figures: ValidityFigure[] = [];
    beforeAll(() => {
      const own = notes.find((n) => n.case === def.slug);
      expect(own, `${def.slug} has no instructor notes with a best path`).toBeDefined();
      figures = validityFigures(def, bestPathEvents(own!), { walks: DEFAULT_WALKS });
    }, 300_000);
    for (const [id, title] of TITLES)
      it(title, () => {
        const figure = figures.find((f) => f.id === id)!;
        expect(figure.pass, formatFigure(figure)).toBe(true);
      });
    // `npm run validity` tabulates the flags field and `npm run check:content` prints the detail: they must agree.
    it('gives every one-play figure the flags its printed detail names', () => {
      const onePlay = figures.filter((f) => !['search', 'random'].includes(f.id));
      expect(onePlay.map((f) => f.id)).toEqual(['best', 'blind', 'shotgun', 'hedge', 'team']);
      for (const f of onePlay) expect(f.detail, f.id).toContain(f.flags?.length ? `flags: ${f.flags.join(', ')}` : 'no flag');
    });
  });
}

describe('validity figures say by how much and what to change', () => {
  const def = course.cases[0]!;
  const own = notes.find((n) => n.case === def.slug)!;
  const best = bestPathEvents(own);

  it('fails a best path that orders nothing, with its margin below 95 and advice', () => {
    const bare = best.filter((e) => e.type !== 'ORDER');
    const figure = validityFigures(def, bare, { walks: 1 }).find((f) => f.id === 'best')!;
    expect(figure.pass).toBe(false);
    expect(figure.margin).toBeLessThan(0);
    expect(figure.margin).toBeCloseTo(figure.value - 95, 5);
    expect(figure.advice).toBeTruthy();
    expect(formatFigure(figure)).toMatch(/^FAIL best path .*: [\d.]+ \(at least 95, no flag; margin -[\d.]+\).*\n\s+what to change: /);
  });

  it('fails shotgun play on a case whose stewardship penalties are removed, naming scoring.stewardship', () => {
    const lax: CaseDefinition = { ...def, scoring: { ...def.scoring, stewardship: [] } };
    const figure = validityFigures(lax, best, { walks: 1 }).find((f) => f.id === 'shotgun')!;
    expect(figure.value).toBeGreaterThan(50);
    expect(figure.pass).toBe(false);
    expect(figure.margin).toBeCloseTo(50 - figure.value, 5);
    expect(figure.advice).toContain('scoring.stewardship');
  });
});

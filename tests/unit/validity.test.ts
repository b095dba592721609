import { describe, expect, it } from 'vitest';
import type { CaseDefinition } from '../../src/schemas/case';
import type { PlayEvent } from '../../src/schemas/events';
import { readInstructorNotes } from '../../src/content-loading/load-instructor';
import { blindGuess, describeScore, hedge, randomPlay, scoreOf, searchCommitments, seeded, shotgun, type PolicyResult } from '../../src/scoring/validity';
import { contentDir, course, projectRoot } from '../helpers/content';

/**
 * Validity as tests: named policies played on every case, over the case data (and its instructor
 * best path), so the limits hold for any case an author adds. A failure says by how much and which
 * dimension drove it.
 */
const { notes } = readInstructorNotes(contentDir, course.cases, new Set(course.sources.map((s) => s.id)), projectRoot);

/** The dimension that gave the most points, for a policy that scored too much. */
const drivenBy = (p: PolicyResult) => {
  const [dim, pts] = Object.entries(p.dimensions).sort((a, b) => b[1] - a[1])[0]!;
  return `most points from ${dim} (${pts})`;
};
const atMost = (name: string, p: PolicyResult, limit: number) => {
  expect(p.total, `${name} scores ${p.total}, ${Math.round((p.total - limit) * 10) / 10} above ${limit}; ${drivenBy(p)}; flags: ${p.flags.join(', ') || 'none'}`).toBeLessThanOrEqual(limit);
};

for (const def of course.cases as CaseDefinition[]) {
  describe(`validity of the score on ${def.slug}`, () => {
    const bestPath: PlayEvent[] = notes.find((n) => n.case === def.slug)!.bestPath.map((s) => s.event);
    const best = describeScore(scoreOf(def, bestPath));

    it('scores the authored best path at least 95, with no flag', () => {
      expect(best.total, `best path scores ${best.total}, ${Math.round((95 - best.total) * 10) / 10} below 95; it lost most in ${best.weakest.dimension} (${best.weakest.lost} points)`).toBeGreaterThanOrEqual(95);
      expect(best.flags).toEqual([]);
    });

    it('finds no path through a 10% grid of commitments with the key orders more than 0.5 above the best path', () => {
      const search = searchCommitments(def, bestPath);
      expect(search.total, `the search found ${search.total}, ${Math.round((search.total - best.total) * 10) / 10} above the best path (${best.total}): ${JSON.stringify(search.events.filter((e) => e.type === 'COMMIT'))}`).toBeLessThanOrEqual(best.total + 0.5);
    });

    it('keeps a blind guess (the right answer at stage 1 at 90%, nothing ordered) at 35 or below', () => {
      atMost('the blind guess', describeScore(scoreOf(def, blindGuess(def))), 35);
    });

    it('keeps shotgun play (every test and treatment at every stage, harmful ones included) at 50 or below', () => {
      atMost('shotgun play', describeScore(scoreOf(def, shotgun(def))), 50);
    });

    it('gives hedging the first commitment onto a half-credit entry no more than the best path', () => {
      atMost('the hedge', describeScore(scoreOf(def, hedge(def, bestPath))), best.total);
    });

    it('keeps the mean of 500 seeded uniformly random plays at 30 or below', () => {
      const random = seeded(20261201);
      let sum = 0;
      for (let i = 0; i < 500; i++) sum += scoreOf(def, randomPlay(def, random)).total;
      expect(sum / 500, `random play averages ${(sum / 500).toFixed(1)}, above 30`).toBeLessThanOrEqual(30);
    });

    const mis = def.scoring.documentedMisdiagnosis;
    it(mis ? 'flags the treating team\'s documented path, which made the documented misdiagnosis' : 'does not flag the treating team\'s path with a misdiagnosis the source does not document', () => {
      const team = describeScore(scoreOf(def, def.teamPath.map((s) => s.event)));
      if (mis) expect(team.flags).toContain('documented-misdiagnosis');
      else expect(team.flags).not.toContain('documented-misdiagnosis');
    });
  });
}

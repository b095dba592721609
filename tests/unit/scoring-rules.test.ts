import { describe, expect, it } from 'vitest';
import type { PlayEvent } from '../../src/schemas/events';
import type { ScoringKey } from '../../src/schemas/case';
import { evidenceFactor, informationBudget, keyFindingShare } from '../../src/scoring/score';
import { commit, def, dx, full, play, SUMMARY } from '../helpers/synthetic-case';

/**
 * The edges of the scoring rules, on the synthetic case (tests/helpers/synthetic-case.ts): written
 * against the mutants `npm run mutation` found alive, each a rule whose boundary no other test pinned.
 */

const order = (action: string): PlayEvent => ({ type: 'ORDER', action });

describe('the edges of stewardship', () => {
  it('keeps full efficiency at exactly the budget of information orders and loses it one order past', () => {
    const budget = informationBudget(def);
    // Three information orders at each of the two stages: exactly the budget (6).
    const stage1 = [order('do-biopsy'), order('do-phos'), order('extra'), commit(dx(['right', 100]), SUMMARY), { type: 'ADVANCE' } as PlayEvent];
    const stage2 = [order('do-late'), order('extra'), order('do-phos')];
    const atBudget = play(def, [...stage1, ...stage2, { type: 'FINISH' }]);
    expect(budget).toBe(6);
    expect(atBudget.dimensions.stewardship.fraction).toBe(1);
    expect(atBudget.dimensions.stewardship.reasons.map((r) => r.effect)).toEqual(['earned', 'earned']);
    const onePast = play(def, [...stage1, ...stage2, order('do-biopsy'), { type: 'FINISH' }]);
    expect(onePast.dimensions.stewardship.fraction).toBeCloseTo(6 / 7);
    expect(onePast.dimensions.stewardship.reasons.map((r) => r.effect)).toEqual(['earned', 'lost']);
  });

  it('does not count treatments against the information budget', () => {
    const events = full(dx(['right', 100]));
    const treated = play(def, [order('waste'), ...events]);
    expect(treated.dimensions.stewardship.fraction).toBeCloseTo(1 - 0.3);
  });
});

describe('the edges of the evidence gate and key findings', () => {
  it('is linear from a quarter to all of the credit, and flat past 80% of the weight', () => {
    expect(evidenceFactor(0)).toBe(0.25);
    expect(evidenceFactor(0.4)).toBeCloseTo(0.625);
    expect(evidenceFactor(0.8)).toBe(1);
    expect(evidenceFactor(1)).toBe(1);
  });

  it('weights key findings by their weight, and counts a case without key findings as fully in hand', () => {
    expect(keyFindingShare(def.scoring, new Set(['biopsy']))).toBe(0.75);
    expect(keyFindingShare(def.scoring, new Set(['phos']))).toBe(0.25);
    expect(keyFindingShare({ ...def.scoring, keyFindings: [] } as ScoringKey, new Set())).toBe(1);
  });

  it('scores points as the fraction of the weight, rounded to one decimal, and the total as their sum', () => {
    // The biopsy alone (75% of the weight) before the final diagnosis: key findings 0.75 × 20 = 15.
    const s = play(def, [order('do-biopsy'), commit(dx(['right', 100]), SUMMARY), { type: 'ADVANCE' }, { type: 'FINISH' }]);
    expect(s.dimensions.keyFindings).toMatchObject({ fraction: 0.75, points: 15, max: 20 });
    expect(s.dimensions.diagnosis.fraction).toBeCloseTo(evidenceFactor(0.75));
    expect(s.dimensions.diagnosis.points).toBe(Math.round(evidenceFactor(0.75) * 30 * 10) / 10);
    const sum = Object.values(s.dimensions).reduce((n, d) => n + d.fraction * d.max, 0);
    expect(s.uncapped).toBe(Math.round(sum * 10) / 10);
    expect(s.total).toBe(s.uncapped);
  });

  it('flags premature closure only on a finished attempt with under half the key-finding weight', () => {
    const closedEarly = play(def, [order('do-phos'), commit(dx(['right', 100]), SUMMARY), { type: 'ADVANCE' }, { type: 'FINISH' }]);
    expect(closedEarly.flags.map((f) => f.id)).toContain('premature-closure');
    const unfinished = play(def, [order('do-phos'), commit(dx(['right', 100]), SUMMARY)]);
    expect(unfinished.flags.map((f) => f.id)).not.toContain('premature-closure');
    const enough = play(def, [order('do-biopsy'), commit(dx(['right', 100]), SUMMARY), { type: 'ADVANCE' }, { type: 'FINISH' }]);
    expect(enough.flags.map((f) => f.id)).not.toContain('premature-closure');
  });
});

describe('the edges of revision', () => {
  const withBiopsy = (...commits: PlayEvent[]): PlayEvent[] => [order('do-biopsy'), order('do-phos'), ...commits, { type: 'ADVANCE' }, { type: 'FINISH' }];

  it('counts a move from a wrong diagnosis to one no better supported as sideways, not a revision', () => {
    const s = play(def, withBiopsy(commit(dx(['trap', 100]), SUMMARY), commit(dx(['other', 100]))));
    expect(s.dimensions.revision.fraction).toBe(0);
    expect(s.dimensions.revision.reasons.map((r) => r.effect)).toEqual(['lost', 'lost']);
  });

  it('credits each period of a wrong diagnosis that ends in a better-supported one', () => {
    // trap (0) to half (0.5): improved; half is itself below full credit and is held to the end.
    const s = play(def, withBiopsy(commit(dx(['trap', 100]), SUMMARY), commit(dx(['half', 100]))));
    expect(s.dimensions.revision.fraction).toBe(0.5);
    expect(s.dimensions.revision.reasons.map((r) => r.effect)).toEqual(['earned', 'lost']);
    const fixed = play(def, withBiopsy(commit(dx(['trap', 100]), SUMMARY), commit(dx(['right', 100]))));
    expect(fixed.dimensions.revision.fraction).toBe(1);
  });

  it('gives nothing to revise its evidence gate, and nothing without a commitment', () => {
    const right = play(def, withBiopsy(commit(dx(['right', 100]), SUMMARY)));
    expect(right.dimensions.revision.fraction).toBe(1);
    expect(right.dimensions.revision.reasons[0]!.effect).toBe('earned');
    const blind = play(def, [commit(dx(['right', 100]), SUMMARY), { type: 'ADVANCE' }, { type: 'FINISH' }]);
    expect(blind.dimensions.revision.fraction).toBe(0.25);
    expect(blind.dimensions.revision.reasons[0]!.effect).toBe('lost');
    expect(play(def, []).dimensions.revision.fraction).toBe(0);
  });
});

describe('the edges of anchoring and the documented misdiagnosis', () => {
  const flagIds = (events: PlayEvent[]) => play(def, events).flags.map((f) => f.id);
  const end: PlayEvent[] = [{ type: 'ADVANCE' }, { type: 'FINISH' }];
  const trap = commit(dx(['trap', 100]), SUMMARY);

  it('flags anchoring only when the evidence against the final diagnosis arrived after it was first led with', () => {
    // trap led before the biopsy (which argues against it) and kept after it: anchoring.
    expect(flagIds([trap, order('do-biopsy'), ...end])).toContain('anchoring');
    // The biopsy in hand before trap was first led with: a wrong call, not anchoring.
    expect(flagIds([order('do-biopsy'), trap, ...end])).not.toContain('anchoring');
    // trap, then other, then trap again after the biopsy: the last unbroken run began with the biopsy in hand.
    expect(flagIds([trap, order('do-biopsy'), commit(dx(['other', 100])), commit(dx(['trap', 100])), ...end])).not.toContain('anchoring');
    // trap re-committed (same lead, new probabilities) after the biopsy: still the same run, still anchoring.
    expect(flagIds([trap, order('do-biopsy'), commit(dx(['trap', 90], ['other', 10])), ...end])).toContain('anchoring');
  });

  it('says whether the documented misdiagnosis was kept or revised', () => {
    const misdiagnosis = (events: PlayEvent[]) => play(def, events).flags.find((f) => f.id === 'documented-misdiagnosis')!;
    const kept = misdiagnosis([trap, ...end]);
    expect(kept.message).toMatch(/^Your final working diagnosis is TRAP/);
    const revised = misdiagnosis([trap, { type: 'ADVANCE' }, commit(dx(['right', 100])), { type: 'FINISH' }]);
    expect(revised.message).toMatch(/^At one point you led with TRAP.*\(you revised it, as they did\)/);
  });
});

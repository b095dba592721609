import { describe, expect, it } from 'vitest';
import type { PlayEvent } from '../../src/schemas/events';
import { replay } from '../../src/engine/attempt';
import { legacyDifferential, LEGACY_SUMMARY, migrateEvents } from '../../src/engine/migrate';
import {
  brierScore,
  calibrationPoints,
  CRITICAL_ERROR_CAP,
  diagnosisVerdict,
  evidenceFactor,
  informationBudget,
  OVERTREATMENT_CAP,
  scoreSummary,
} from '../../src/scoring/score';
import { buildDebrief } from '../../src/scoring/debrief';
import { normaliseText } from '../../src/scoring/summary-match';

import { both, commit, def, dx, ev, full, play, SUMMARY } from '../helpers/synthetic-case';

describe('the diagnosis verdict over a differential', () => {
  it('gives full credit when the answer leads, and the credited position its partial credit with its reason', () => {
    expect(diagnosisVerdict(def, dx(['right', 70], ['half', 30]))).toMatchObject({ credit: 1, feedback: 'Right because.', basis: 'answer' });
    expect(diagnosisVerdict(def, dx(['half', 70], ['right', 30]))).toMatchObject({ credit: 0.5, feedback: 'Half because.', basis: 'credited' });
  });

  it('builds feedback for an uncredited entry from its definition and the case findings', () => {
    const v = diagnosisVerdict(def, dx(['other', 100]));
    expect(v.credit).toBe(0);
    expect(v.basis).toBe('definition');
    expect(v.feedback).toContain('OTHER is another process.');
    expect(v.feedback).toContain('biopsy');
    expect(v.evidence).toEqual(ev);
  });

  it('credits a combined answer in full only when every part is on the differential, with one of them leading', () => {
    expect(diagnosisVerdict(both, dx(['right', 50], ['second', 50]))).toMatchObject({ credit: 1, feedback: 'Both because.' });
    expect(diagnosisVerdict(both, dx(['second', 90], ['something-else', 10]))).toMatchObject({
      credit: 0.5,
      feedback: 'Second alone.',
      basis: 'part-of-answer',
    });
    expect(diagnosisVerdict(both, dx(['trap', 60], ['right', 20], ['second', 20])).credit).toBe(0);
  });
});

describe('credit that needs evidence', () => {
  it('keeps a quarter of the credit with nothing in hand and all of it from 80% of the key-finding weight', () => {
    expect(evidenceFactor(0)).toBe(0.25);
    expect(evidenceFactor(0.4)).toBeCloseTo(0.625);
    expect(evidenceFactor(0.8)).toBe(1);
  });

  it('gates the final diagnosis by what was in hand when it was committed', () => {
    const blind = play(def, [commit(dx(['right', 100]), SUMMARY), { type: 'ADVANCE' }, { type: 'FINISH' }]);
    expect(blind.dimensions.diagnosis.fraction).toBe(0.25);
    expect(blind.dimensions.diagnosis.reasons.some((r) => r.text.includes('keeps 25% of its credit'))).toBe(true);
    expect(play(def, full(dx(['right', 100]))).dimensions.diagnosis.fraction).toBe(1);
  });
});

describe('calibration with the Brier score over the whole differential', () => {
  const ids = def.diagnoses.map((d) => d.id);
  const truth = new Map([['right', 1]]);

  it('is strictly proper: for any belief, stating exactly that belief gives the best expected score', () => {
    // Belief: right with probability q, trap otherwise. Expected Brier of stating p on right, 100 - p on trap.
    for (const q of [0.2, 0.5, 0.7, 0.9]) {
      const expected = (p: number) =>
        q * brierScore(ids, dx(['right', p], ['trap', 100 - p]), truth) +
        (1 - q) * brierScore(ids, dx(['right', p], ['trap', 100 - p]), new Map([['trap', 1]]));
      const stated = Math.round(q * 100);
      for (let p = 1; p <= 99; p++) if (p !== stated) expect(expected(p), `q ${q}, p ${p}`).toBeGreaterThan(expected(stated));
    }
  });

  it('gives nothing extra for hedging onto a half-right entry: its probability counts as off the answer', () => {
    const honest = play(def, full(dx(['right', 100]))).dimensions.calibration.fraction;
    const hedged = play(def, full(dx(['right', 50], ['half', 50]), dx(['right', 100]))).dimensions.calibration.fraction;
    expect(hedged).toBeLessThan(honest);
    expect(honest).toBe(1);
  });

  it('scores the differential in force when each stage is left, weighted by the key-finding weight that exists by then', () => {
    const r = replay(def, full(dx(['trap', 60], ['right', 40]), dx(['right', 100])));
    const points = calibrationPoints(def, r.context.trace, r.finished);
    expect(points.map((p) => [p.stage, p.givenToAnswer])).toEqual([
      ['s1', 0.4],
      ['s2', 1],
    ]);
    expect(points[0]!.weight + points[1]!.weight).toBeCloseTo(1);
    expect(points[1]!.skill).toBe(1);
  });

  it('is the debrief chart data: per commitment the day, what was given to the answer and the score', () => {
    const r = replay(def, full(dx(['right', 80], ['trap', 20])));
    const d = buildDebrief(def, r.context.trace, r.finished);
    expect(d.calibration.points[0]).toMatchObject({ when: 'D 1', givenToAnswer: 0.8 });
    expect(d.calibration.words).toContain('80%');
  });
});

describe('stewardship: the needed information at low cost', () => {
  it('gives ordering nothing little, and the key orders full marks', () => {
    const nothing = play(def, [commit(dx(['right', 100]), SUMMARY), { type: 'ADVANCE' }, { type: 'FINISH' }]);
    expect(nothing.dimensions.stewardship.fraction).toBe(0);
    expect(play(def, full(dx(['right', 100]))).dimensions.stewardship.fraction).toBe(1);
  });

  it('loses the efficiency part beyond the case budget of information orders', () => {
    // Twice the fewest orders that reveal every key finding (2), plus one per stage (2).
    expect(informationBudget(def)).toBe(6);
    const all = (['do-biopsy', 'do-phos', 'do-late', 'extra'] as const).map((action): PlayEvent => ({ type: 'ORDER', action }));
    const s = play(def, [...all, commit(dx(['right', 100]), SUMMARY), { type: 'ADVANCE' }, ...all, { type: 'FINISH' }]);
    expect(s.dimensions.stewardship.fraction).toBeCloseTo(6 / 8);
  });

  it('charges a low-value treatment every time it is given, with the source reason', () => {
    const events = full(dx(['right', 100]));
    const s = play(def, [{ type: 'ORDER', action: 'waste' }, ...events.slice(0, 4), { type: 'ORDER', action: 'waste' }, ...events.slice(4)]);
    expect(s.dimensions.stewardship.fraction).toBeCloseTo(1 - 0.6);
    expect(s.dimensions.stewardship.reasons.some((r) => r.text.startsWith('Waste (2 times) (low-value): no gain'))).toBe(true);
  });
});

describe('critical errors and overtreatment cap the total', () => {
  it('caps at 40 when a harmful treatment the sources name is given, and the debrief says why with the source', () => {
    const events = full(dx(['right', 100]));
    const s = play(def, [{ type: 'ORDER', action: 'harm' }, ...events]);
    expect(s.uncapped).toBeGreaterThan(CRITICAL_ERROR_CAP);
    expect(s.total).toBe(CRITICAL_ERROR_CAP);
    expect(s.flags.find((f) => f.id === 'critical-error')).toMatchObject({ evidence: ev });
    const r = replay(def, [{ type: 'ORDER', action: 'harm' }, ...events]);
    expect(buildDebrief(def, r.context.trace, true).criticalErrors).toEqual([
      expect.objectContaining({ action: 'harm', reason: 'hurts', evidence: ev, cap: 40 }),
    ]);
  });

  it('caps at 50 when low-value actions, counted each time, cost more than the whole stewardship dimension', () => {
    const waste: PlayEvent[] = [
      { type: 'ORDER', action: 'waste' },
      { type: 'ORDER', action: 'waste-more' },
    ];
    const events = full(dx(['right', 100]));
    const once = play(def, [...waste, ...events]);
    expect(once.cap).toBeNull();
    const twice = play(def, [...waste, ...events.slice(0, 4), ...waste, ...events.slice(4)]);
    expect(twice.uncapped).toBeGreaterThan(OVERTREATMENT_CAP);
    expect(twice.total).toBe(OVERTREATMENT_CAP);
    expect(twice.flags.map((f) => f.id)).toContain('overtreatment');
  });
});

describe('the problem representation', () => {
  it('matches qualifiers whatever the case, punctuation, hyphens and British or American spelling', () => {
    expect(normaliseText('Haemodialysis-dependent, NORMOCALCAEMIC')).toBe(normaliseText('hemodialysis dependent normocalcemic'));
    const s = scoreSummary(def.scoring, SUMMARY);
    expect(s.found.sort()).toEqual(['dialysis', 'non-ulcerated', 'normocalcaemic', 'painful']);
    expect(s.fraction).toBe(1);
  });

  it('scores the share of qualifiers found and names the missing ones', () => {
    const s = scoreSummary(def.scoring, 'A woman in pain.');
    expect(s.fraction).toBe(0.25);
    expect(s.missing).toEqual(['dialysis', 'non-ulcerated', 'normocalcaemic']);
  });

  it('gives a migrated attempt, which was never asked for a summary, nothing and says why', () => {
    expect(scoreSummary(def.scoring, LEGACY_SUMMARY)).toMatchObject({
      fraction: 0,
      reasons: [expect.objectContaining({ text: expect.stringContaining('before the course asked') })],
    });
  });
});

describe('flags', () => {
  it('flags the documented misdiagnosis whenever it led, and anchoring when it was kept after the evidence against it', () => {
    const s = play(def, [commit(dx(['trap', 80], ['right', 20]), SUMMARY), { type: 'ORDER', action: 'do-biopsy' }, { type: 'ADVANCE' }, { type: 'FINISH' }]);
    expect(s.flags.map((f) => f.id)).toEqual(['documented-misdiagnosis', 'anchoring', 'premature-closure']);
    const revised = play(def, full(dx(['trap', 80], ['right', 20]), dx(['right', 100])));
    expect(revised.flags.map((f) => f.id)).toEqual(['documented-misdiagnosis']);
    expect(revised.dimensions.revision.fraction).toBe(1);
  });
});

describe('migrating attempts of format 1', () => {
  it('turns an old commit into a differential with the rest on something else, the first one with the summary marker', () => {
    const events = migrateEvents(def, [
      { type: 'COMMIT', diagnosis: 'old-right', confidence: 0.7 },
      { type: 'COMMIT', diagnosis: 'old-both', confidence: 0.95 },
    ]);
    expect(events).toEqual([
      { type: 'COMMIT', differential: dx(['right', 70], ['something-else', 30]), summary: LEGACY_SUMMARY },
      { type: 'COMMIT', differential: dx(['right', 48], ['second', 47], ['something-else', 5]) },
    ]);
  });

  it('keeps whole percents that sum to 100 at the edges (0 and 1)', () => {
    expect(legacyDifferential(def, 'old-right', 1)).toEqual(dx(['right', 100]));
    expect(legacyDifferential(def, 'old-both', 0)).toEqual(dx(['right', 1], ['second', 1], ['something-else', 98]));
  });

  it('leaves an option the case cannot map for replay to refuse, so the attempt is set aside, never dropped', () => {
    const events = migrateEvents(def, [{ type: 'COMMIT', diagnosis: 'gone', confidence: 0.5 }]);
    expect(events).toEqual([{ type: 'COMMIT', diagnosis: 'gone', confidence: 0.5 }]);
    expect(() => replay(def, events)).toThrow(/differential/);
  });
});

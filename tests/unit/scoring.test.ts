import { describe, expect, it } from 'vitest';
import type { ScoringKey } from '../../src/schemas/case';
import {
  creditOf,
  detectFlags,
  scoreCalibration,
  scoreDiagnosis,
  scoreKeyFindings,
  scoreRevision,
  scoreStewardship,
} from '../../src/scoring/score';
import type { TraceEntry } from '../../src/engine/machine';

const ev = { source: 'paper' };
const key: ScoringKey = {
  weights: { diagnosis: 40, keyFindings: 25, stewardship: 15, revision: 10, calibration: 10 },
  credits: [
    { diagnosis: 'right', credit: 1, feedback: 'Right because.', evidence: ev },
    { diagnosis: 'half', credit: 0.5, feedback: 'Half because.', evidence: ev },
    { diagnosis: 'trap', credit: 0, feedback: 'Trap because.', evidence: ev },
    { diagnosis: 'other', credit: 0, feedback: 'Other because.', evidence: ev },
  ],
  documentedMisdiagnosis: { diagnosis: 'trap', feedback: 'The team did this too.', evidence: ev },
  keyFindings: [
    { finding: 'biopsy', weight: 3, why: 'decides it' },
    { finding: 'phos', weight: 1, why: 'helps' },
  ],
  stewardship: [
    { action: 'harm', penalty: 0.6, severity: 'harmful', reason: 'hurts', evidence: ev },
    { action: 'waste', penalty: 0.5, severity: 'low-value', reason: 'no gain', evidence: ev },
  ],
  contradictions: [{ diagnosis: 'trap', findings: ['biopsy'], explanation: 'The biopsy argues against the trap.' }],
};
const label = (id: string) => id.toUpperCase();

const stage = (day: number, presented: string[] = []): TraceEntry => ({ kind: 'stage', stage: `d${day}`, day, presented });
const order = (action: string, day: number, revealed: string[] = []): TraceEntry => ({ kind: 'order', action, stage: `d${day}`, day, revealed });
const commit = (diagnosis: string, confidence: number, day: number, previous: string | null = null): TraceEntry => ({ kind: 'commit', diagnosis, confidence, stage: `d${day}`, day, previous });
const finish = (diagnosis: string, confidence: number, day: number): TraceEntry => ({ kind: 'finish', diagnosis, confidence, stage: `d${day}`, day });

describe('scoreDiagnosis', () => {
  it('gives the full credit and its feedback to the documented final diagnosis', () => {
    // Arrange / Act
    const part = scoreDiagnosis(key, 'right');
    // Assert
    expect(part.fraction).toBe(1);
    expect(part.reasons[0]).toMatchObject({ effect: 'earned', text: 'Right because.' });
  });

  it('gives partial credit from the credit table and says why the rest was lost', () => {
    const part = scoreDiagnosis(key, 'half');
    expect(part.fraction).toBe(0.5);
    expect(part.reasons[0]).toMatchObject({ effect: 'lost', text: 'Half because.' });
  });

  it('gives nothing when no diagnosis was committed', () => {
    expect(scoreDiagnosis(key, null).fraction).toBe(0);
  });

  it('gives nothing to a diagnosis missing from the credit table', () => {
    expect(scoreDiagnosis(key, 'unknown').fraction).toBe(0);
    expect(creditOf(key, 'unknown')).toBe(0);
  });
});

describe('scoreKeyFindings', () => {
  it('weights each key finding seen before the final diagnosis', () => {
    // Arrange
    const seen = new Set(['phos']);
    // Act
    const part = scoreKeyFindings(key, seen, label);
    // Assert
    expect(part.fraction).toBeCloseTo(1 / 4);
    expect(part.reasons.filter((r) => r.effect === 'lost').map((r) => r.text)).toEqual(['Missing before the final diagnosis: BIOPSY.']);
  });

  it('gives full marks when every key finding was in hand', () => {
    expect(scoreKeyFindings(key, new Set(['biopsy', 'phos']), label).fraction).toBe(1);
  });
});

describe('scoreStewardship', () => {
  it('keeps full marks when nothing low-value or harmful was done', () => {
    expect(scoreStewardship(key, ['fine', 'also-fine'], label).fraction).toBe(1);
  });

  it('subtracts each penalty once with the source reason, even if the action was repeated', () => {
    const part = scoreStewardship(key, ['harm', 'harm'], label);
    expect(part.fraction).toBeCloseTo(0.4);
    expect(part.reasons).toEqual([expect.objectContaining({ effect: 'lost', text: 'HARM (harmful): hurts', evidence: ev })]);
  });

  it('never goes below zero when penalties add up past the whole dimension', () => {
    expect(scoreStewardship(key, ['harm', 'waste'], label).fraction).toBe(0);
  });
});

describe('scoreRevision', () => {
  it('gives full marks when no wrong working diagnosis was ever held', () => {
    expect(scoreRevision(key, [{ diagnosis: 'right', day: 1 }], label).fraction).toBe(1);
  });

  it('gives full marks for dropping a wrong working diagnosis for a better one', () => {
    const part = scoreRevision(key, [{ diagnosis: 'trap', day: 1 }, { diagnosis: 'right', day: 5 }], label);
    expect(part.fraction).toBe(1);
    expect(part.reasons[0]!.text).toContain('revised TRAP');
  });

  it('gives nothing when a wrong working diagnosis is held to the end', () => {
    expect(scoreRevision(key, [{ diagnosis: 'trap', day: 1 }, { diagnosis: 'trap', day: 5 }], label).fraction).toBe(0);
  });

  it('does not count a move to an equally wrong diagnosis as a revision', () => {
    const part = scoreRevision(key, [{ diagnosis: 'trap', day: 1 }, { diagnosis: 'other', day: 3 }, { diagnosis: 'right', day: 5 }], label);
    expect(part.fraction).toBe(0.5);
  });
});

describe('scoreCalibration', () => {
  it('is nearly perfect for high confidence in the right diagnosis', () => {
    expect(scoreCalibration(key, [{ diagnosis: 'right', confidence: 0.95 }], label).fraction).toBeCloseTo(1 - 0.0025 / 0.25);
  });

  it('earns nothing for an uninformed 50% whatever the diagnosis', () => {
    expect(scoreCalibration(key, [{ diagnosis: 'right', confidence: 0.5 }], label).fraction).toBe(0);
    expect(scoreCalibration(key, [{ diagnosis: 'trap', confidence: 0.5 }], label).fraction).toBe(0);
  });

  it('rewards low confidence in a wrong diagnosis over high confidence in it', () => {
    const humble = scoreCalibration(key, [{ diagnosis: 'trap', confidence: 0.1 }], label).fraction;
    const sure = scoreCalibration(key, [{ diagnosis: 'trap', confidence: 0.9 }], label).fraction;
    expect(humble).toBeCloseTo(1 - 0.01 / 0.25);
    expect(sure).toBe(0);
  });

  it('is the worst for full confidence in a wrong diagnosis', () => {
    expect(scoreCalibration(key, [{ diagnosis: 'trap', confidence: 1 }], label).fraction).toBe(0);
  });

  it('averages the Brier score over every commitment, partial credit as the outcome', () => {
    const part = scoreCalibration(key, [{ diagnosis: 'half', confidence: 0.5 }, { diagnosis: 'trap', confidence: 0.2 }], label);
    expect(part.fraction).toBeCloseTo(1 - (0 + 0.04) / 2 / 0.25);
  });

  it('gives nothing when nothing was committed', () => {
    expect(scoreCalibration(key, [], label).fraction).toBe(0);
  });
});

describe('detectFlags', () => {
  it('flags the documented misdiagnosis and anchoring when the trap is kept after the biopsy argued against it', () => {
    // Arrange
    const trace = [stage(1), commit('trap', 0.7, 1), order('bx', 1, ['biopsy']), finish('trap', 0.7, 1)];
    // Act
    const flags = detectFlags(key, trace, true, 0.75, label);
    // Assert
    expect(flags.map((f) => f.id)).toEqual(['documented-misdiagnosis', 'anchoring']);
    expect(flags[0]!.message).toBe('TRAP is the diagnosis the treating team made first and later abandoned: The team did this too.');
  });

  it('does not flag anchoring when the contradicting evidence was in hand before the commitment', () => {
    const trace = [stage(1), order('bx', 1, ['biopsy']), commit('trap', 0.7, 1), finish('trap', 0.7, 1)];
    expect(detectFlags(key, trace, true, 0.75, label).map((f) => f.id)).toEqual(['documented-misdiagnosis']);
  });

  it('flags premature closure when the case is closed with under half the key findings', () => {
    const trace = [stage(1), commit('right', 0.9, 1), finish('right', 0.9, 1)];
    expect(detectFlags(key, trace, true, 0.25, label).map((f) => f.id)).toEqual(['premature-closure']);
  });

  it('raises no flag for a revised trap with the evidence gathered', () => {
    const trace = [stage(1), commit('trap', 0.6, 1), order('bx', 1, ['biopsy']), commit('right', 0.9, 1, 'trap'), finish('right', 0.9, 1)];
    expect(detectFlags(key, trace, true, 1, label)).toEqual([]);
  });
});

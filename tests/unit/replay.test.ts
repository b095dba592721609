import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { AttemptError, replay } from '../../src/engine/attempt';
import { attemptReport } from '../../src/scoring/report';
import { buildDebrief } from '../../src/scoring/debrief';
import { caseVersion } from '../../src/utils/case-version';
import { caseBySlug, projectRoot } from '../helpers/content';
import { randomWalk, seededRandom } from '../../src/scoring/walks';

const def = caseBySlug('liver-transplant-calcification');
const fixture = (name: string) => JSON.parse(readFileSync(`${projectRoot}tests/fixtures/attempts/${def.slug}/${name}.json`, 'utf8')).events;

describe('replay', () => {
  it('gives the same state, score and debrief every time for the same events', () => {
    // Arrange
    const walks = Array.from({ length: 50 }, (_, i) => randomWalk(def, seededRandom(i)));
    for (const events of walks) {
      // Act
      const a = replay(def, events);
      const b = replay(def, structuredClone(events));
      // Assert
      expect(b.context).toEqual(a.context);
      expect(buildDebrief(def, b.context.trace, b.finished)).toEqual(buildDebrief(def, a.context.trace, a.finished));
    }
  });

  it('starts at the first stage with its presentation and no working diagnosis', () => {
    const { context, finished } = replay(def, []);
    expect(finished).toBe(false);
    expect(context.stage).toBe(0);
    expect(context.working).toBeNull();
    expect(context.trace).toEqual([{ kind: 'stage', stage: 'pod16', day: 16, presented: def.stages[0]!.presents }]);
  });

  it('reveals a later finding only once its stage is reached', () => {
    const atPod16 = replay(def, [{ type: 'ORDER', action: 'skin-examination' }]);
    expect(atPod16.context.revealed['scapula-papules']).toBeUndefined();
    const atPod40 = replay(def, [...fixture('best').slice(0, 20), { type: 'ORDER', action: 'skin-examination' }]);
    expect(atPod40.context.revealed['scapula-papules']).toBeDefined();
  });

  it('presents the hemobilia at POD 21 only after the targeted liver biopsy', () => {
    const commitAndGo = [{ type: 'COMMIT', differential: [{ diagnosis: 'dystrophic', probability: 100 }], summary: 'A woman.' }, { type: 'ADVANCE' }];
    expect(replay(def, commitAndGo).context.revealed.hemobilia).toBeUndefined();
    expect(replay(def, [{ type: 'ORDER', action: 'targeted-liver-biopsy' }, ...commitAndGo]).context.revealed.hemobilia).toBeDefined();
  });

  it.each([
    [[{ type: 'ADVANCE' }], 'event 1: commit a working differential before moving on'],
    [
      [
        { type: 'ORDER', action: 'pth' },
        { type: 'ORDER', action: 'pth' },
      ],
      'event 2: "pth" was already done at POD 16',
    ],
    [[{ type: 'ORDER', action: 'wedge-liver-biopsy' }], 'event 1: "wedge-liver-biopsy" is not available at POD 16'],
    [[{ type: 'ORDER', action: 'x-ray-vision' }], 'event 1: unknown action "x-ray-vision"'],
    [
      [{ type: 'COMMIT', differential: [{ diagnosis: 'gout', probability: 100 }], summary: 'x' }],
      'event 1: unknown diagnosis "gout" (it is not on the course list)',
    ],
    [
      [{ type: 'COMMIT', differential: [{ diagnosis: 'metastatc', probability: 100 }], summary: 'x' }],
      'event 1: unknown diagnosis "metastatc" (did you mean "metastatic"?)',
    ],
    [
      [
        {
          type: 'COMMIT',
          differential: [
            { diagnosis: 'dystrophic', probability: 60 },
            { diagnosis: 'metastatic', probability: 50 },
          ],
          summary: 'x',
        },
      ],
      'event 1: probabilities sum to 110%, they must sum to 100',
    ],
    [
      [
        {
          type: 'COMMIT',
          differential: [
            { diagnosis: 'dystrophic', probability: 50 },
            { diagnosis: 'dystrophic', probability: 50 },
          ],
          summary: 'x',
        },
      ],
      'event 1: "dystrophic" is listed twice',
    ],
    [
      [
        {
          type: 'COMMIT',
          differential: [
            { diagnosis: 'dystrophic', probability: 99.5 },
            { diagnosis: 'metastatic', probability: 0.5 },
          ],
          summary: 'x',
        },
      ],
      'event 1: the probability of "dystrophic" is 99.5: give each diagnosis a whole percent from 1 to 100',
    ],
    [
      [{ type: 'COMMIT', differential: [{ diagnosis: 'dystrophic', probability: 100 }] }],
      'event 1: write a one-sentence summary of the patient with your first differential',
    ],
    [
      [{ type: 'COMMIT', differential: [{ diagnosis: 'dystrophic', probability: 100 }], summary: 'x'.repeat(301) }],
      'event 1: the summary has 301 characters; keep it to 300',
    ],
    [[{ type: 'COMMIT', diagnosis: 'dystrophic', confidence: 0.5 }], 'event 1: a COMMIT event needs a "differential"'],
    [[{ type: 'FINISH' }], 'event 1: the case goes on after POD 16: move on to the next stage first'],
    [[{ type: 'DANCE' }], 'event 1: unknown event type "DANCE" (expected ORDER, COMMIT, ADVANCE or FINISH)'],
  ])('rejects %j with a reason that names the event', (events, message) => {
    expect(() => replay(def, events)).toThrow(AttemptError);
    expect(() => replay(def, events)).toThrow(message);
  });

  it('accepts nothing after the case has finished', () => {
    const best = fixture('best');
    expect(() => replay(def, [...best, { type: 'ORDER', action: 'pth' }])).toThrow(`event ${best.length + 1}: the case has ended`);
  });
});

describe('attempt report', () => {
  it('reports the best path as finished, correct and unflagged with a score of at least 95', () => {
    const report = attemptReport(def, fixture('best'));
    expect(report).toMatchObject({
      case: def.slug,
      caseVersion: def.version,
      finished: true,
      diagnosis: 'dystrophic',
      differential: 'Dystrophic calcification 50%, Metastatic calcification 50%',
      flags: [],
      cap: null,
    });
    expect(report.score.total).toBeGreaterThanOrEqual(95);
    const { total, uncapped, ...dims } = report.score;
    expect(Object.values(dims).reduce((a, b) => a + b, 0)).toBeCloseTo(total, 0);
    expect(uncapped).toBe(total);
  });

  it('flags the anchored calciphylaxis path as the documented misdiagnosis, anchoring and premature closure', () => {
    const report = attemptReport(def, fixture('anchored-calciphylaxis'));
    expect(report.diagnosis).toBe('calciphylaxis');
    expect(report.flags).toEqual(['documented-misdiagnosis', 'anchoring', 'premature-closure']);
    expect(report.score.diagnosis).toBe(0);
  });

  it("replays an attempt of format 1 through the case's legacy mapping, the combined option split across its processes", () => {
    const report = attemptReport(def, [{ type: 'COMMIT', diagnosis: 'dystrophic-metastatic', confidence: 0.8 }]);
    expect(report.differential).toBe('Dystrophic calcification 40%, Metastatic calcification 40%, Something else (not on this list) 20%');
    expect(report.score.summary).toBe(0);
  });

  it('reports an unfinished attempt as not finished with the working diagnosis', () => {
    const report = attemptReport(def, [
      {
        type: 'COMMIT',
        differential: [
          { diagnosis: 'metastatic', probability: 60 },
          { diagnosis: 'dystrophic', probability: 40 },
        ],
        summary: 'A woman.',
      },
    ]);
    expect(report.finished).toBe(false);
    expect(report.diagnosis).toBe('metastatic');
  });
});

describe('debrief', () => {
  it('sets the documented team path beside the learner path, tells a learner who made the team’s first call why it was overturned', () => {
    const events = def.teamPath.map((s) => s.event);
    const { context, finished } = replay(def, events);
    const debrief = buildDebrief(def, context.trace, finished);
    expect(debrief.teamPath).toHaveLength(def.teamPath.length);
    expect(debrief.teamPath[0]!.what).toContain('CT abdomen and pelvis');
    expect(debrief.teamsFirstCall?.feedback).toMatch(/same first call/);
    expect(debrief.score.flags.map((f) => f.id)).toContain('documented-misdiagnosis');
    expect(debrief.summary.expert).toBe(def.scoring.problemRepresentation.expertSummary);
    expect(debrief.calibration.points.map((p) => p.when)).toEqual(['POD 16', 'POD 21', 'POD 40']);
    expect(debrief.criticalErrors).toEqual([]);
    expect(debrief.keyFindings.find((k) => k.id === 'iv-sites')?.seen).toBe(false);
  });
});

describe('case version', () => {
  it('does not depend on key order but changes with any value', () => {
    expect(caseVersion({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(caseVersion({ b: [1, { d: 3, c: 2 }], a: 1 }));
    expect(caseVersion({ a: 1 })).not.toBe(caseVersion({ a: 2 }));
  });
});

import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseBySlug, projectRoot } from '../helpers/content';
import { replay } from '../../src/engine/attempt';
import { migrateEvents } from '../../src/engine/migrate';
import { scoreAttempt } from '../../src/scoring/score';

const tsx = join(projectRoot, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'calx-attempt-'));
function run(content: string) {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, content);
  return spawnSync(tsx, ['scripts/attempt.ts', file], { cwd: projectRoot, encoding: 'utf8' });
}

describe('npm run attempt', () => {
  it('prints the report of a valid attempt as JSON and exits 0', () => {
    const commit = {
      type: 'COMMIT',
      differential: [
        { diagnosis: 'calciphylaxis', probability: 70 },
        { diagnosis: 'dystrophic', probability: 30 },
      ],
      summary: 'Woman after a liver transplant with pain.',
    };
    const result = run(JSON.stringify({ case: 'liver-transplant-calcification', events: [commit] }));
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ finished: false, diagnosis: 'calciphylaxis', cap: null });
    expect(report.differential).toMatch(/^Calciphylaxis .* 70%, Dystrophic calcification 30%$/);
    expect(Object.keys(report.score)).toEqual(['total', 'uncapped', 'diagnosis', 'keyFindings', 'stewardship', 'revision', 'calibration', 'summary']);
    expect(report.flags).toEqual(['documented-misdiagnosis']);
  });

  it('reports a critical error as a flag and the cap it sets', () => {
    const events = [
      { type: 'ORDER', action: 'iv-calcium' },
      { type: 'COMMIT', differential: [{ diagnosis: 'dystrophic', probability: 100 }], summary: 'A woman.' },
    ];
    const report = JSON.parse(run(JSON.stringify({ case: 'liver-transplant-calcification', events })).stdout);
    expect(report.flags).toContain('critical-error');
    expect(report.cap).toMatchObject({ limit: 40 });
  });

  it('reads an attempt in the old single-commit form by migrating it', () => {
    const result = run(
      JSON.stringify({ case: 'liver-transplant-calcification', events: [{ type: 'COMMIT', diagnosis: 'dystrophic-metastatic', confidence: 0.9 }] }),
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).differential).toBe('Dystrophic calcification 45%, Metastatic calcification 45%, Something else (not on this list) 10%');
  });

  it.each([
    ['a file that is not JSON', 'not json at all', /^attempt: .+ is not JSON: /],
    [
      'an unknown case',
      JSON.stringify({ case: 'no-such-case', events: [] }),
      /^attempt: unknown case "no-such-case" \(known: .*liver-transplant-calcification/,
    ],
    [
      'an event the case does not accept',
      JSON.stringify({ case: 'liver-transplant-calcification', events: [{ type: 'FINISH' }] }),
      /^attempt: case "liver-transplant-calcification" does not accept event 1: /,
    ],
    ['a missing events list', JSON.stringify({ case: 'liver-transplant-calcification' }), /^attempt: .+ has no "events" list$/],
    [
      'a differential that does not sum to 100',
      JSON.stringify({
        case: 'liver-transplant-calcification',
        events: [
          {
            type: 'COMMIT',
            differential: [
              { diagnosis: 'dystrophic', probability: 60 },
              { diagnosis: 'metastatic', probability: 50 },
            ],
            summary: 'x',
          },
        ],
      }),
      /^attempt: case "liver-transplant-calcification" does not accept event 1: probabilities sum to 110%, they must sum to 100$/,
    ],
    [
      'a diagnosis not on the list',
      JSON.stringify({
        case: 'liver-transplant-calcification',
        events: [{ type: 'COMMIT', differential: [{ diagnosis: 'dystrophik', probability: 100 }], summary: 'x' }],
      }),
      /^attempt: case "liver-transplant-calcification" does not accept event 1: unknown diagnosis "dystrophik" \(did you mean "dystrophic"\?\)$/,
    ],
    [
      'a summary over the length limit',
      JSON.stringify({
        case: 'liver-transplant-calcification',
        events: [{ type: 'COMMIT', differential: [{ diagnosis: 'dystrophic', probability: 100 }], summary: 'x'.repeat(301) }],
      }),
      /^attempt: case "liver-transplant-calcification" does not accept event 1: summary: a summary has at most 300 characters$/,
    ],
    [
      'a first differential without a summary',
      JSON.stringify({ case: 'liver-transplant-calcification', events: [{ type: 'COMMIT', differential: [{ diagnosis: 'dystrophic', probability: 100 }] }] }),
      /does not accept event 1: write a one-sentence summary of the patient with your first differential$/,
    ],
  ])('rejects %s with one line on stderr and exit code 2', (_name, content, message) => {
    const result = run(content);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr.trimEnd()).toMatch(message);
  });
});

describe('npm run attempt on every recorded attempt', () => {
  const dir = join(projectRoot, 'tests/fixtures/attempts');
  const files = readdirSync(dir).flatMap((slug) =>
    readdirSync(join(dir, slug))
      .filter((f) => f.endsWith('.json'))
      .map((f) => `${slug}/${f}`),
  );

  it.each(files)('replays %s and reports it finished, with the score the scoring functions give its events', (file) => {
    const result = spawnSync(tsx, ['scripts/attempt.ts', join(dir, file)], { cwd: projectRoot, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.case).toBe(file.split('/')[0]);
    expect(report.finished).toBe(true);
    const def = caseBySlug(report.case);
    const played = replay(def, migrateEvents(def, JSON.parse(readFileSync(join(dir, file), 'utf8')).events));
    const expected = scoreAttempt(def, played.context.trace, played.finished);
    expect(report.score.total).toBe(expected.total);
    expect(report.score.uncapped).toBe(expected.uncapped);
    if (file.endsWith('/best.json')) {
      expect(report.score.total).toBeGreaterThanOrEqual(95);
      expect(report.flags).toEqual([]);
    }
  });
});

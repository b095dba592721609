import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../helpers/content';

const tsx = join(projectRoot, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'calx-attempt-'));
function run(content: string) {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, content);
  return spawnSync(tsx, ['scripts/attempt.ts', file], { cwd: projectRoot, encoding: 'utf8' });
}

describe('npm run attempt', () => {
  it('prints the report of a valid attempt as JSON and exits 0', () => {
    const result = run(JSON.stringify({ case: 'liver-transplant-calcification', events: [{ type: 'COMMIT', diagnosis: 'calciphylaxis', confidence: 0.7 }] }));
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ finished: false, diagnosis: 'calciphylaxis' });
    expect(Object.keys(report.score)).toEqual(['total', 'diagnosis', 'keyFindings', 'stewardship', 'revision', 'calibration']);
    expect(report.flags).toEqual(expect.any(Array));
  });

  it.each([
    ['a file that is not JSON', 'not json at all', /^attempt: .+ is not JSON: /],
    ['an unknown case', JSON.stringify({ case: 'no-such-case', events: [] }), /^attempt: unknown case "no-such-case" \(known: .*liver-transplant-calcification/],
    ['an event the case does not accept', JSON.stringify({ case: 'liver-transplant-calcification', events: [{ type: 'FINISH' }] }), /^attempt: case "liver-transplant-calcification" does not accept event 1: /],
    ['a missing events list', JSON.stringify({ case: 'liver-transplant-calcification' }), /^attempt: .+ has no "events" list$/],
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
  const files = readdirSync(dir).flatMap((slug) => readdirSync(join(dir, slug)).filter((f) => f.endsWith('.json')).map((f) => `${slug}/${f}`));

  it.each(files)('replays %s and reports a finished attempt with a score from 0 to 100', (file) => {
    const result = spawnSync(tsx, ['scripts/attempt.ts', join(dir, file)], { cwd: projectRoot, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.case).toBe(file.split('/')[0]);
    expect(report.finished).toBe(true);
    expect(report.score.total).toBeGreaterThanOrEqual(0);
    expect(report.score.total).toBeLessThanOrEqual(100);
    if (file.endsWith('/best.json')) {
      expect(report.score.total).toBeGreaterThanOrEqual(95);
      expect(report.flags).toEqual([]);
    }
  });
});

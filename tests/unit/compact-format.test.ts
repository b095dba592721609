import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot, contentDir } from '../helpers/content';
import { COMPILED_BASELINE_FILE, compiledSnapshot } from '../../src/content-loading/compiled-snapshot';

/** JSON round trip, so that the comparison sees what a JSON file can hold (no undefined fields). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('the compact case format', () => {
  const baseline = JSON.parse(readFileSync(join(projectRoot, COMPILED_BASELINE_FILE), 'utf8')) as ReturnType<typeof compiledSnapshot>;
  const now = asJson(compiledSnapshot(contentDir, projectRoot)) as typeof baseline;

  it('compiles every case to exactly what it compiled to before the files were rewritten', () => {
    expect(Object.keys(now.cases).sort()).toEqual(Object.keys(baseline.cases).sort());
    for (const slug of Object.keys(baseline.cases)) expect(now.cases[slug], slug).toEqual(baseline.cases[slug]);
  });

  it('keeps every instructor best path as the same events', () => {
    expect(Object.keys(now.bestPaths).sort()).toEqual(Object.keys(baseline.bestPaths).sort());
    for (const slug of Object.keys(baseline.bestPaths)) expect(now.bestPaths[slug], slug).toEqual(baseline.bestPaths[slug]);
  });
});

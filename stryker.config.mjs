// The mutation check for scoring (`npm run mutation`, not part of `npm test`: it takes minutes).
// Stryker changes src/scoring/ one operator or constant at a time and confirms a unit test fails.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  // The scoring rules and what reports them. validity.ts (the policies behind `npm run validity`) is
  // left out: only the validity tests' random walks exercise it, at tens of seconds a run.
  mutate: ['src/scoring/score.ts', 'src/scoring/summary-match.ts', 'src/scoring/describe.ts', 'src/scoring/debrief.ts', 'src/scoring/report.ts'],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  concurrency: 1,
  timeoutMS: 60_000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignoreStatic: true,
  // Wording is not scoring: a mutated sentence in a reason survives any test that does not pin
  // prose, and pinning all of it would make every wording fix a test change.
  mutator: { excludedMutations: ['StringLiteral'] },
};

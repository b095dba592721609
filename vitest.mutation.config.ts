import { defineConfig } from 'vitest/config';

/**
 * The unit tests the mutation check (`npm run mutation`, Stryker) runs against each mutant of
 * src/scoring/: the scoring, replay, revision and class-results tests, which take about a second.
 * The model-based and validity tests (random walks, tens of seconds) also reach scoring, but running
 * them per mutant would take hours on a small machine; a mutant that survives here is one these
 * focused tests cannot see, whatever the slower tests might catch.
 */
export default defineConfig({
  test: {
    include: ['tests/unit/scoring.test.ts', 'tests/unit/scoring-*.test.ts', 'tests/unit/replay.test.ts'],
    testTimeout: 60_000,
  },
});

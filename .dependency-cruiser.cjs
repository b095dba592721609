/**
 * The layers of README.md's "Architecture" diagram, enforced (`npm run lint:deps`, part of `npm test`).
 * Each rule names the edge it forbids; the README's diagram and this file change together.
 *
 *   utils <- schemas <- engine <- scoring, quiz, progress, faculty (pure)
 *     <- islands (React, in the browser) and scorm runtime (in the LMS frame)
 *     <- content-loading, scorm/packaging, performance (node side, read content/ and dist/)
 *     <- components, layouts, pages (Astro)          scripts/ and tests/ sit on top, apart.
 *
 * dependency-cruiser reads .ts, .tsx, .mjs and .cjs; it cannot parse .astro files, so the Astro layer's
 * own edges (components, layouts, pages) are held only by the rules on what the lower layers import.
 */
const PURE = '^src/(engine|scoring|quiz|progress|faculty)/';
const SCORM_RUNTIME = '^src/scorm/[^/]+$';
const ASTRO_LAYER = '^src/(components|layouts|pages)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A cycle makes two modules one layer: split the shared part out into the lower one. Cycles made only of ' +
        'type imports are erased at compile time and left to the type checker.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'utils-import-nothing-from-src',
      severity: 'error',
      comment: 'src/utils is the lowest layer: small helpers that every other layer may use.',
      from: { path: '^src/utils/' },
      to: { path: '^src/', pathNot: '^src/utils/' },
    },
    {
      name: 'schemas-import-only-utils',
      severity: 'error',
      comment: 'Schemas describe content and data; they sit on utils and zod alone.',
      from: { path: '^src/schemas/' },
      to: { path: '^src/', pathNot: '^src/(schemas|utils)/' },
    },
    {
      name: 'engine-below-scoring-and-stores',
      severity: 'error',
      comment: 'The engine compiles and replays cases; scoring, quizzes, progress and faculty build on it, not the reverse.',
      from: { path: '^src/engine/' },
      to: { path: '^src/', pathNot: '^src/(engine|schemas|utils)/' },
    },
    {
      name: 'pure-layers-stay-pure',
      severity: 'error',
      comment: 'engine, scoring, quiz, progress and faculty run anywhere (browser, node, tests): no React, Astro, file system or content loading.',
      from: { path: PURE },
      to: {
        path: [
          '^src/(content-loading|islands|components|layouts|pages|scorm|performance|integrations|scripts)/',
          '^src/content\\.config\\.ts$',
          '(^|/)node_modules/(@types/)?(react|react-dom|astro|@astrojs)/',
          '^astro:',
        ],
      },
    },
    {
      name: 'pure-layers-no-node-builtins',
      severity: 'error',
      comment: 'The pure layers ship to the browser: no node: modules.',
      from: { path: PURE },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'scorm-runtime-stays-pure',
      severity: 'error',
      comment: 'The SCORM runtime runs in the LMS frame: no React, no content loading, no packaging, no node modules.',
      from: { path: SCORM_RUNTIME },
      to: {
        path: [
          '^src/(content-loading|islands|components|layouts|pages|performance)/',
          '^src/scorm/packaging/',
          '(^|/)node_modules/(@types/)?(react|react-dom|astro)/',
        ],
      },
    },
    {
      name: 'scorm-runtime-no-node-builtins',
      severity: 'error',
      from: { path: SCORM_RUNTIME },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'islands-never-load-content',
      severity: 'error',
      comment: 'Islands get their data as props from the pages; they never read content/ or the node-side layers.',
      from: { path: '^src/islands/' },
      to: { path: ['^src/(content-loading|performance)/', ASTRO_LAYER, '^src/scorm/packaging/', '^src/content\\.config\\.ts$'] },
    },
    {
      name: 'islands-no-node-builtins',
      severity: 'error',
      from: { path: '^src/islands/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'node-side-below-pages',
      severity: 'error',
      comment: 'content-loading, scorm/packaging and performance serve pages and scripts; they never import islands or the Astro layer.',
      from: { path: ['^src/content-loading/', '^src/scorm/packaging/', '^src/performance/'] },
      to: { path: ['^src/islands/', ASTRO_LAYER] },
    },
    {
      name: 'src-never-imports-scripts-or-tests',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(scripts|tests)/' },
    },
    {
      name: 'scripts-never-import-tests',
      severity: 'error',
      comment: 'What both need lives in src/ (e.g. src/performance, src/scoring/walks.ts, src/progress/memory-storage.ts).',
      from: { path: '^scripts/' },
      to: { path: '^tests/' },
    },
    {
      name: 'tests-never-import-scripts',
      severity: 'error',
      comment: 'Tests run scripts as programs (spawned); shared code lives in src/.',
      from: { path: '^tests/' },
      to: { path: '^scripts/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'A relative import that leads nowhere (a moved file).',
      from: {},
      to: { couldNotResolve: true, path: '^\\.' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist', '^tests/fixtures', '^test-results'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    skipAnalysisNotInRules: true,
  },
};

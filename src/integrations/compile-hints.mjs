// @ts-check
/**
 * Marks the scripts that hold a case's first order for eager compilation, with V8's explicit compile hint: a file
 * whose first line is `//# allFunctionsCalledOnLoad` has every function compiled while the file loads, on a
 * background thread (Chrome 136 and later; other browsers read it as a comment).
 *
 * Why: V8 compiles a function the first time it runs. On a fresh case page the first order a learner makes is the
 * first time the order path runs (the case machine's transition, the player's handlers, React creating the result's
 * elements), so that click also paid for compiling them: about 12 ms of its 28 ms of script at 4x CPU throttling,
 * which made the first order of each page load the slowest click of the case. With the hint that work moves into
 * loading, off the main thread.
 *
 * Only the three chunks that hold that path are marked: each mark costs about 22 gzipped bytes, and the case page's
 * JS is within a few dozen bytes of its budget. The small shared chunks (React's hooks, the JSX runtime, the storage
 * helpers) have run nearly all their code by the time the player has hydrated; the debrief loads later, on its own.
 */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** A chunk holding one of these modules is marked: the case player, its state machine (with XState), React's renderer. */
export const FIRST_ORDER_MODULES = [
  /[\\/]src[\\/]islands[\\/]CasePlayer\.tsx$/,
  /[\\/]src[\\/]engine[\\/]machine\.ts$/,
  /[\\/]react-dom[\\/]cjs[\\/]react-dom-client\.production\.js$/,
];

/** @param {{ moduleIds: readonly string[] }} chunk */
const marked = (chunk) => chunk.moduleIds.some((id) => FIRST_ORDER_MODULES.some((re) => re.test(id)));

/**
 * A source map (as JSON) for the same file with one line added at the top: in the mappings, `;` ends a generated line.
 * @param {string} json
 */
export function shiftedDownOneLine(json) {
  const map = JSON.parse(json);
  return JSON.stringify({ ...map, mappings: `;${map.mappings}` });
}

/** @returns {import('vite').Plugin} */
export default function compileHints() {
  return {
    name: 'calx:compile-hints',
    apply: 'build',
    enforce: 'post',
    applyToEnvironment: (environment) => environment.name === 'client',
    // The hint is part of the file, so it is part of the file's name too: a deployed name never changes content.
    augmentChunkHash(chunk) {
      return marked(chunk) ? COMPILE_HINT : undefined;
    },
    // Last of all, after Vite has put its own preload table at the top of a chunk: the hint must be the file's first line.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
        for (const chunk of chunks) {
          if (!marked(chunk)) continue;
          chunk.code = `${COMPILE_HINT}\n${chunk.code}`;
          // When the build writes source maps, the chunk's map must move down with its code, or every position in the
          // file would map to the line above it.
          const map = bundle[`${chunk.fileName}.map`];
          if (map?.type === 'asset' && typeof map.source === 'string') map.source = shiftedDownOneLine(map.source);
        }
        const missing = FIRST_ORDER_MODULES.filter((re) => !chunks.some((c) => c.moduleIds.some((id) => re.test(id))));
        if (missing.length) this.warn(`compile hints: no chunk holds ${missing.join(', ')}; check FIRST_ORDER_MODULES`);
      },
    },
  };
}

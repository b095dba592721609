// @ts-check
/**
 * An Astro integration that runs after every `astro build` (so `npm run build`, `npm test`, `npm start`'s
 * preview build, the benchmark and the SCORM packager all get it):
 *
 * 1. Search: Pagefind indexes the built pages (only the parts marked `data-pagefind-body`: a case page
 *    offers its neutral title and opening presentation, never its diagnosis, debrief or citation) and
 *    writes its index and runtime to `<out>/pagefind/`. No server, no third party.
 * 2. Offline: Workbox's generateSW writes `<out>/sw.js`, a service worker that precaches the whole
 *    built course (pages, scripts, styles, the search index), so a course visited once works without a
 *    network. It waits for the page to ask before taking over (`skipWaiting: false`), so the page can
 *    offer "a new version is ready" instead of changing under the learner mid-case.
 * 3. The service-worker registration (`public/sw-register.js`, kept readable in the source) is minified in
 *    the build: every page fetches it, so its comments would count against every page's budget.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** @returns {import('astro').AstroIntegration} */
export default function searchAndOffline() {
  return {
    name: 'calx:search-and-offline',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const { transform } = await import('esbuild');
        const registration = `${out}/sw-register.js`;
        const minified = await transform(readFileSync(registration, 'utf8'), { minify: true, target: 'es2020' });
        writeFileSync(registration, minified.code);
        const pagefind = await import('pagefind');
        const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        const added = await index.addDirectory({ path: out });
        if (added.errors.length) throw new Error(`Pagefind could not index the build: ${added.errors.join('; ')}`);
        const written = await index.writeFiles({ outputPath: `${out}/pagefind` });
        if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
        await pagefind.close();
        logger.info(`search: ${added.page_count} pages indexed by Pagefind`);

        const { generateSW } = await import('workbox-build');
        const { count, size, warnings } = await generateSW({
          globDirectory: out,
          globPatterns: ['**/*.{html,js,css,svg,png,webmanifest,json,wasm,pf_meta,pf_index,pf_fragment,pagefind}'],
          // The service worker itself and its registration are never precached (they are how updates arrive).
          globIgnores: [
            'sw.js',
            'workbox-*.js',
            'sw-register.js',
            'pagefind/pagefind-*ui.*',
            'pagefind/pagefind-highlight.js',
            'pagefind/wasm.unknown.pagefind',
          ],
          swDest: `${out}/sw.js`,
          // Hashed Astro assets never change under the same name: no cache-busting query needed.
          dontCacheBustURLsMatching: /\/_astro\//,
          directoryIndex: 'index.html',
          // Pages are static: a query (a quiz's ?seed=, a search's ?q=) is read by the page's script, not the server.
          ignoreURLParametersMatching: [/.*/],
          skipWaiting: false,
          clientsClaim: true,
          cleanupOutdatedCaches: true,
          inlineWorkboxRuntime: true,
          sourcemap: false,
          mode: 'production',
          maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        });
        for (const w of warnings) logger.warn(`offline: ${w}`);
        logger.info(`offline: ${count} files precached by the service worker (${(size / 1024).toFixed(0)} KB)`);
      },
    },
  };
}

// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import searchAndOffline from './src/integrations/search-and-offline.mjs';
import compileHints from './src/integrations/compile-hints.mjs';

/** The policy's directives beside script-src and style-src (which Astro writes), shared with the example header files. */
export const CSP_DIRECTIVES = /** @type {const} */ ([
  "default-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
]);

// A static site: every page is prerendered. After the build, Pagefind indexes it for search and Workbox
// writes the service worker that makes it work offline (src/integrations/search-and-offline.mjs).
export default defineConfig({
  site: process.env.CALX_SITE ?? 'http://localhost:4321',
  integrations: [mdx(), react(), searchAndOffline()],
  build: { format: 'directory' },
  // Overridable so that tests and the benchmark can build other content without touching dist/.
  outDir: process.env.CALX_OUT_DIR ?? './dist',
  cacheDir: process.env.CALX_CACHE_DIR ?? './node_modules/.astro',
  devToolbar: { enabled: false },
  // A strict Content-Security-Policy as a <meta> tag on every page (README, "Content-Security-Policy"):
  // scripts only from this site, Astro hashing the few it inlines (the island loader) at build time.
  // Styles allow inline because the build-time SVG charts and React's style attributes use them;
  // no script can be injected through a style. frame-ancestors cannot be set in a meta tag: the
  // example header files in public/_headers, vercel.json and docs/csp/nginx.conf set it.
  security: {
    csp: {
      directives: [...CSP_DIRECTIVES],
      styleDirective: { resources: ["'self'", "'unsafe-inline'"] },
      // Pagefind's search runs WebAssembly, which a strict script-src blocks without this keyword.
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
    },
  },
  vite: {
    // The scripts that hold a case's first order are compiled while they load, not on that click (compile-hints.mjs).
    plugins: [compileHints()],
    build: {
      rolldownOptions: {
        // The small storage helpers every island shares go out as one file rather than six: fewer requests, and a
        // few hundred gzipped bytes less than the same code spread over files (each with its own header and imports).
        output: {
          codeSplitting: {
            groups: [
              {
                name: 'storage',
                test: new RegExp(
                  [
                    String.raw`src[\\/](progress[\\/](keys|preferences|guarded-storage|attempt-store)`,
                    String.raw`|islands[\\/]browser|schemas[\\/](kinds|differential)|engine[\\/]attempt-format)\.ts$`,
                  ].join(''),
                ),
              },
            ],
          },
        },
        // MDX pages carry Astro's own "use astro:head-inject" directive; the bundler notes on every lesson that it
        // may not keep it, which is expected for Astro (it handles head injection itself). Every other warning shows.
        onLog(level, log, handler) {
          if (log.code === 'MODULE_LEVEL_DIRECTIVE' && /astro:head-inject/.test(log.message)) return;
          handler(level, log);
        },
      },
    },
  },
});

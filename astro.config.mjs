// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';

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

// A static site: every page is prerendered; the case player is the only island.
export default defineConfig({
  site: process.env.CALX_SITE ?? 'http://localhost:4321',
  integrations: [mdx(), react()],
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
    },
  },
});

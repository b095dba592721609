// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import searchAndOffline from './src/integrations/search-and-offline.mjs';

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
  vite: {
    build: {
      rolldownOptions: {
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

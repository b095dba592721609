// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';

// A static site: every page is prerendered; the case player is the only island.
export default defineConfig({
  site: process.env.CALX_SITE ?? 'http://localhost:4321',
  integrations: [mdx(), react()],
  build: { format: 'directory' },
  // Overridable so that tests and the benchmark can build other content without touching dist/.
  outDir: process.env.CALX_OUT_DIR ?? './dist',
  cacheDir: process.env.CALX_CACHE_DIR ?? './node_modules/.astro',
  devToolbar: { enabled: false },
});

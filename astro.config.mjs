// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';

// A static site: every page is prerendered; the case player is the only island.
export default defineConfig({
  site: process.env.CALX_SITE ?? 'http://localhost:4321',
  integrations: [mdx(), react()],
  build: { format: 'directory' },
  devToolbar: { enabled: false },
  telemetry: false,
});

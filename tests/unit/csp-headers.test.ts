import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CSP_DIRECTIVES } from '../../astro.config.mjs';
import { projectRoot } from '../helpers/content';

/** The example header files say the same as the meta tag's directives, plus frame-ancestors, and never name script-src or style-src (the meta tag's hashes
 * would then be overridden). */
// default-src is left out too: it is script-src's fallback, and a header policy without the build's hashes would block the island loader.
const expected = [...CSP_DIRECTIVES.filter((d) => !d.startsWith('default-src')), "frame-ancestors 'self'"].join('; ');
const read = (p: string) => readFileSync(join(projectRoot, p), 'utf8');

describe('example host header files for the Content-Security-Policy', () => {
  it.each([
    ['public/_headers (Netlify, Cloudflare Pages)', () => /Content-Security-Policy: (.+)/.exec(read('public/_headers'))?.[1]],
    [
      'vercel.json',
      () =>
        (JSON.parse(read('vercel.json')) as { headers: { headers: { key: string; value: string }[] }[] }).headers[0]!.headers.find(
          (h) => h.key === 'Content-Security-Policy',
        )?.value,
    ],
    ['docs/csp/nginx.conf', () => /add_header Content-Security-Policy "([^"]+)"/.exec(read('docs/csp/nginx.conf'))?.[1]],
  ])('%s carries the policy with frame-ancestors and without script-src, style-src or default-src', (_name, policyOf) => {
    const policy = policyOf();
    expect(policy).toBe(expected);
    expect(policy).not.toMatch(/script-src|style-src|default-src/);
  });
});

describe('the home page status script', () => {
  it('uses the same storage key prefixes as the stores', async () => {
    const { ATTEMPT_STORAGE_PREFIX, SET_ASIDE_PREFIX } = await import('../../src/progress/keys');
    const script = read('src/scripts/home-status.ts');
    expect(script).toContain(`const ATTEMPT_STORAGE_PREFIX = '${ATTEMPT_STORAGE_PREFIX}'`);
    expect(script).toContain(`const SET_ASIDE_PREFIX = '${SET_ASIDE_PREFIX}'`);
  });
});

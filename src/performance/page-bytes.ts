/**
 * What a visitor's browser fetches for one page, with every island hydrated: each response body
 * gzipped at level 9 here (so the figure does not depend on the server's compression), by kind.
 * Shared by `npm run bench` (scripts/bench/bytes.ts) and the size test (tests/e2e/size.spec.ts).
 */
import { gzipSync } from 'node:zlib';
import type { Page, Request, Response } from '@playwright/test';

export type Kind = 'document' | 'js' | 'css' | 'font' | 'image' | 'other';
export const KINDS: readonly Kind[] = ['document', 'js', 'css', 'font', 'image', 'other'];

export interface Fetched {
  url: string;
  kind: Kind;
  status: number;
  /** Body bytes as served (decoded). */
  raw: number;
  /** Body bytes gzipped at level 9. */
  gzip: number;
}

export interface InlineScript {
  /** The first characters, to say which script it is. */
  head: string;
  raw: number;
  gzip: number;
}

export interface PageBytes {
  path: string;
  fetched: Fetched[];
  /** Gzipped bytes by kind. */
  gzip: Record<Kind, number>;
  /** Raw bytes by kind. */
  raw: Record<Kind, number>;
  /** JavaScript inside the HTML (`<script>` without `src`), counted apart from JS files; its bytes are part of the document's. */
  inline: InlineScript[];
  /** Every URL the page requested that is not on the page's origin (data: and blob: URLs excepted). */
  thirdParty: string[];
  /** `<astro-island>` elements on the page, and how many were hydrated by the time it was measured. */
  islands: number;
  hydrated: number;
  /**
   * Requests still in flight when measuring gave up waiting for a quiet network (`GIVE_UP_MS`), and responses
   * whose body had not arrived by then: their bytes are not counted.
   */
  unfinished: string[];
}

export const gz = (body: Buffer | string) => gzipSync(body, { level: 9 }).length;

function kindOf(request: Request, response: Response): Kind {
  switch (request.resourceType()) {
    case 'document':
      return 'document';
    case 'script':
      return 'js';
    case 'stylesheet':
      return 'css';
    case 'font':
      return 'font';
    case 'image':
      return 'image';
  }
  // Module preloads and the like arrive as "other": fall back to the URL and the content type.
  const type = response.headers()['content-type'] ?? '';
  const path = new URL(request.url()).pathname;
  if (/javascript/.test(type) || /\.m?js$/.test(path)) return 'js';
  if (/text\/css/.test(type) || path.endsWith('.css')) return 'css';
  if (/^font\//.test(type) || /\.(woff2?|ttf|otf)$/.test(path)) return 'font';
  if (/^image\//.test(type)) return 'image';
  return 'other';
}

/** Executable inline scripts in an HTML document (JSON data blocks are not scripts). */
export function inlineScripts(html: string): InlineScript[] {
  const out: InlineScript[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1] ?? '';
    const body = m[2] ?? '';
    if (/\bsrc\s*=/.test(attrs)) continue;
    const type = attrs.match(/\btype\s*=\s*["']?([^"'\s>]+)/i)?.[1];
    if (type && !/^(module|text\/javascript|application\/javascript)$/i.test(type)) continue;
    out.push({ head: body.trim().slice(0, 60).replace(/\s+/g, ' '), raw: Buffer.byteLength(body), gzip: gz(body) });
  }
  return out;
}

/** How long the network must stay quiet (no request in flight) before a page counts as fully fetched. */
const QUIET_MS = 500;
/**
 * How long, in all, to wait for a quiet network and then for the response bodies still being read, before
 * reporting what is missing through `unfinished`. With the hydration wait (20 s) it stays inside the size
 * test's 60 s, so the test fails on its own assertion, naming the URLs, rather than on its timeout.
 */
const GIVE_UP_MS = 15_000;

/**
 * Opens `path` (relative to the page's base URL, or absolute), scrolls to the end in steps so that
 * client:visible islands hydrate, waits for every island to hydrate and for no request to be in
 * flight for half a second, and returns what was fetched. Use a fresh browser context (an empty
 * cache) per page.
 *
 * Every wait here is bounded and none depends on the browser producing frames: headless Chromium is
 * reported by several projects to stop running animation-frame callbacks at times, and in CI the
 * scroll below, when it awaited bare frames, once never returned (the likely cause; the trace stayed
 * on the CI machine) and the test hit its 60 s timeout. A stall now costs a quarter of a second per
 * step; an island that still does not hydrate is reported through `hydrated`, and a request that
 * never ends through `unfinished`, both of which the size test checks by name.
 */
export async function measurePage(page: Page, url: string, opts: { hydrationTimeoutMs?: number } = {}): Promise<PageBytes> {
  const origin = new URL(url).origin;
  const fetched: Fetched[] = [];
  const requested: string[] = [];
  /** Each response whose body is still being read, by its URL. */
  const reading = new Map<Promise<void>, string>();
  const inFlight = new Set<Request>();
  let lastSettled = Date.now();
  let html = '';
  const onRequest = (r: Request) => {
    requested.push(r.url());
    inFlight.add(r);
  };
  const onSettled = (r: Request) => {
    inFlight.delete(r);
    lastSettled = Date.now();
  };
  const onResponse = (response: Response) => {
    const read = (async () => {
      const request = response.request();
      const body = await response.body().catch(() => null);
      if (!body) return; // redirects and aborted requests have no body
      const kind = kindOf(request, response);
      if (kind === 'document' && request.frame() === page.mainFrame() && !html) html = body.toString('utf8');
      fetched.push({ url: response.url(), kind, status: response.status(), raw: body.length, gzip: gz(body) });
    })();
    reading.set(read, response.url());
    // Forgotten once read, whether it succeeded or not (a failure still reaches Promise.all below).
    const forget = () => reading.delete(read);
    read.then(forget, forget);
  };
  page.on('request', onRequest);
  page.on('requestfinished', onSettled);
  page.on('requestfailed', onSettled);
  page.on('response', onResponse);
  try {
    await page.goto(url, { waitUntil: 'load' });
    // Scroll down a viewport at a time, as a reader would, so that each client:visible island intersects.
    // Each step waits for a frame (so that intersection is computed) or a quarter of a second, whichever
    // comes first, and the number of steps is capped, so a page that stops rendering cannot hang here.
    // (No named functions inside: tsx's keepNames would wrap them in a helper the page does not have.)
    await page.evaluate(async () => {
      const step = Math.max(200, Math.floor(window.innerHeight * 0.8));
      for (let i = 0, y = 0; i < 400; i++, y += step) {
        const end = y >= document.documentElement.scrollHeight;
        window.scrollTo(0, end ? document.documentElement.scrollHeight : y);
        await new Promise<void>((resolve) => {
          const fallback = setTimeout(resolve, 250);
          requestAnimationFrame(() => {
            clearTimeout(fallback);
            setTimeout(resolve, 30);
          });
        });
        if (end) break;
      }
    });
    // Polled on a timer rather than on frames, for the same reason.
    await page
      .waitForFunction(() => document.querySelectorAll('astro-island[ssr]').length === 0, null, {
        timeout: opts.hydrationTimeoutMs ?? 20_000,
        polling: 100,
      })
      .catch(() => undefined); // reported through `hydrated` below
    // The network is quiet: nothing in flight, and nothing settled in the last QUIET_MS (Playwright's
    // own 'networkidle' once never came in CI, and its documentation advises against it in tests).
    // A request that never settles is reported through `unfinished`, not left out silently.
    const giveUpAt = Date.now() + GIVE_UP_MS;
    while (Date.now() < giveUpAt) {
      if (inFlight.size === 0 && Date.now() - lastSettled >= QUIET_MS) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const islands = await page.evaluate(() => ({
      all: document.querySelectorAll('astro-island').length,
      waiting: document.querySelectorAll('astro-island[ssr]').length,
    }));
    // A body still being read once the requests have settled is waited for until the same deadline.
    let bodyTimer: ReturnType<typeof setTimeout> | undefined;
    const remaining = Math.max(0, giveUpAt - Date.now());
    await Promise.race([Promise.all(reading.keys()), new Promise((r) => (bodyTimer = setTimeout(r, remaining)))]);
    clearTimeout(bodyTimer);
    const unfinished = [...new Set([...[...inFlight].map((r) => r.url()), ...reading.values()])];
    const gzip = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
    const raw = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
    for (const f of fetched) {
      gzip[f.kind] += f.gzip;
      raw[f.kind] += f.raw;
    }
    const thirdParty = requested.filter((u) => !/^(data|blob):/.test(u) && new URL(u).origin !== origin);
    return {
      path: new URL(url).pathname,
      fetched,
      gzip,
      raw,
      inline: inlineScripts(html),
      thirdParty,
      islands: islands.all,
      hydrated: islands.all - islands.waiting,
      unfinished,
    };
  } finally {
    page.off('request', onRequest);
    page.off('requestfinished', onSettled);
    page.off('requestfailed', onSettled);
    page.off('response', onResponse);
  }
}

/** JS files + CSS + fonts, gzipped: the "JS+CSS+fonts" budget's figure. */
export const jsCssFonts = (b: PageBytes) => b.gzip.js + b.gzip.css + b.gzip.font;
/** Everything fetched, gzipped (HTML included). */
export const totalGzip = (b: PageBytes) => Object.values(b.gzip).reduce((a, n) => a + n, 0);
export const inlineGzip = (b: PageBytes) => b.inline.reduce((a, s) => a + s.gzip, 0);

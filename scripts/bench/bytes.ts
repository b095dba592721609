/**
 * Bytes per page type: every built page opened in Chromium with an empty cache, scrolled so that
 * each island hydrates, each response gzipped at level 9. A type's figure is the largest of its pages.
 */
import { chromium } from '@playwright/test';
import { BUDGETS, JS_BY_DESIGN, SHELL_SCRIPTS } from '../../src/performance/budgets';
import { CHROME_FLAGS, chromiumPath, kb, type PageGroup, type Report } from './lib';
import { gz, inlineGzip, jsCssFonts, measurePage, totalGzip, type PageBytes } from '../../src/performance/page-bytes';

const isShell = (url: string) => SHELL_SCRIPTS.some((re) => re.test(new URL(url).pathname));
/** Gzipped JS files of a page other than the shell scripts every page may fetch. */
const ownJs = (b: PageBytes) => b.fetched.filter((f) => f.kind === 'js' && !isShell(f.url)).reduce((n, f) => n + f.gzip, 0);
const shellJs = (b: PageBytes) => b.fetched.filter((f) => f.kind === 'js' && isShell(f.url)).reduce((n, f) => n + f.gzip, 0);

const SECTION = 'bytes (gzip -9)';

export async function benchBytes(report: Report, origin: string, groups: readonly PageGroup[], log: (s: string) => void): Promise<void> {
  const browser = await chromium.launch({
    ...(chromiumPath ? { executablePath: chromiumPath } : {}),
    args: CHROME_FLAGS.filter((f) => f !== '--headless=new'),
  });
  try {
    for (const group of groups) {
      if (group.pages.length === 0) {
        report.add({ section: SECTION, figure: `${group.type}`, value: '—', budget: '', status: 'not built', note: 'no such page in the build yet' });
        continue;
      }
      const measured: PageBytes[] = [];
      for (const path of group.pages) {
        // Service workers blocked: the offline cache would otherwise fetch the whole course during the measurement.
        const context = await browser.newContext({ serviceWorkers: 'block' });
        const page = await context.newPage();
        try {
          measured.push(await measurePage(page, `${origin}${path}`));
        } finally {
          await context.close();
        }
      }
      log(`bytes: ${group.type} (${measured.length} page${measured.length === 1 ? '' : 's'})`);
      const worst = (f: (b: PageBytes) => number) => measured.reduce((best, b) => (f(b) > f(best) ? b : best), measured[0]!);
      const of = measured.length > 1 ? ` (largest of ${measured.length})` : '';
      const isCase = group.type === 'case';
      const js = worst((b) => b.gzip.js);
      const islands = Math.max(...measured.map((b) => b.islands));
      const notHydrated = measured.filter((b) => b.hydrated < b.islands);
      const islandNote =
        `${islands} island${islands === 1 ? '' : 's'}` +
        `${notHydrated.length ? `; NOT hydrated on ${notHydrated.map((b) => b.path).join(', ')}` : islands ? ', all hydrated' : ''}`;
      const jsFiles = js.fetched.filter((f) => f.kind === 'js').length;
      const unfinished = measured.flatMap((b) => b.unfinished);
      const unfinishedNote = unfinished.length ? `; NOT finished (bytes uncounted): ${unfinished.join(', ')}` : '';
      const jsNote = `${jsFiles} file${jsFiles === 1 ? '' : 's'} on ${js.path}; ${islandNote}${unfinishedNote}`;
      if (isCase) report.budgeted(SECTION, `case: JS files${of}`, js.gzip.js, BUDGETS.caseJs, kb, { note: jsNote });
      else {
        const byDesign = JS_BY_DESIGN.find((d) => group.pages.some((p) => d.pattern.test(p)));
        const own = worst(ownJs);
        report.budgeted(SECTION, `${group.type}: JS files${of}, beyond the shell scripts`, ownJs(own), BUDGETS.noSimulationJs, kb, {
          note: [
            jsNote,
            group.named ? '' : 'not a type the issue names, held to the no-simulation budget',
            byDesign ? `JS by design (${byDesign.why}); the size test holds it to the case page's budgets` : '',
          ]
            .filter(Boolean)
            .join('; '),
        });
      }
      const jcf = worst(jsCssFonts);
      if (isCase)
        report.budgeted(SECTION, `case: JS+CSS+fonts${of}`, jsCssFonts(jcf), BUDGETS.caseJsCssFonts, kb, {
          note: `CSS ${kb(jcf.gzip.css)}, fonts ${kb(jcf.gzip.font)}`,
        });
      else report.info(SECTION, `${group.type}: JS+CSS+fonts${of}`, kb(jsCssFonts(jcf)), `CSS ${kb(jcf.gzip.css)}, fonts ${kb(jcf.gzip.font)}`);
      const inl = worst(inlineGzip);
      report.info(
        SECTION,
        `${group.type}: inline JS in the HTML${of}`,
        kb(inlineGzip(inl)),
        inl.inline.length
          ? `${inl.inline.length} inline script${inl.inline.length === 1 ? '' : 's'} on ${inl.path} (counted apart from JS files; ` +
              `part of the HTML bytes): ${inl.inline.map((s) => `"${s.head.slice(0, 32)}…" ${kb(s.gzip)}`).join(', ')}`
          : 'none',
      );
      const tot = worst(totalGzip);
      report.info(
        SECTION,
        `${group.type}: total fetched${of}`,
        kb(totalGzip(tot)),
        `${tot.path}: HTML ${kb(tot.gzip.document)}, JS ${kb(tot.gzip.js)}, CSS ${kb(tot.gzip.css)}, fonts ${kb(tot.gzip.font)}, ` +
          `images ${kb(tot.gzip.image)}, other ${kb(tot.gzip.other)}`,
      );
      const shell = worst(shellJs);
      report.budgeted(SECTION, `${group.type}: shell scripts (service-worker registration)${of}`, shellJs(shell), BUDGETS.shellScripts, kb, {
        note:
          shell.fetched
            .filter((f) => f.kind === 'js' && isShell(f.url))
            .map((f) => new URL(f.url).pathname)
            .join(', ') || 'none',
      });
      const third = [...new Set(measured.flatMap((b) => b.thirdParty))];
      if (third.length)
        report.add({
          section: SECTION,
          figure: `${group.type}: third-party requests`,
          value: String(third.length),
          budget: '0',
          status: 'MISSED',
          note: third.slice(0, 5).join(' '),
        });
    }
    await benchSearchQuery(report, browser, origin);
  } finally {
    await browser.close();
  }
}

/** What one search costs: the page's script, then Pagefind's runtime, WebAssembly and index chunks, all from this site. */
async function benchSearchQuery(report: Report, browser: import('@playwright/test').Browser, origin: string): Promise<void> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const files: { path: string; gzip: number }[] = [];
  page.on('response', async (response) => {
    const body = await response.body().catch(() => null);
    if (body) files.push({ path: new URL(response.url()).pathname, gzip: gz(body) });
  });
  try {
    await page.goto(`${origin}/search/?q=calcification`);
    await page
      .getByTestId('search-status')
      .filter({ hasText: /results? for|Nothing found|not available/ })
      .waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    const pagefind = files.filter((f) => f.path.includes('/pagefind/'));
    const sum = (xs: { gzip: number }[]) => xs.reduce((n, f) => n + f.gzip, 0);
    const js = files.filter((f) => f.path.endsWith('.js'));
    report.info(
      SECTION,
      'search: one query (script, Pagefind runtime, WebAssembly, index)',
      kb(sum(pagefind) + sum(files.filter((f) => f.path.endsWith('/search.js')))),
      `${pagefind.length} Pagefind files, JS ${kb(sum(js))} (${js.map((f) => f.path).join(', ')}); fetched only on /search/ when a query is made`,
    );
  } catch (e) {
    report.add({
      section: SECTION,
      figure: 'search: one query',
      value: '—',
      budget: '',
      status: 'not built',
      note: e instanceof Error ? e.message.split('\n')[0]! : String(e),
    });
  } finally {
    await context.close();
  }
}

/**
 * Bytes per page type: every built page opened in Chromium with an empty cache, scrolled so that
 * each island hydrates, each response gzipped at level 9. A type's figure is the largest of its pages.
 */
import { chromium } from '@playwright/test';
import { BUDGETS, JS_BY_DESIGN } from './budgets';
import { CHROME_FLAGS, chromiumPath, kb, type PageGroup, type Report } from './lib';
import { inlineGzip, jsCssFonts, measurePage, totalGzip, type PageBytes } from './page-bytes';

const SECTION = 'bytes (gzip -9)';

export async function benchBytes(report: Report, origin: string, groups: readonly PageGroup[], log: (s: string) => void): Promise<void> {
  const browser = await chromium.launch({ ...(chromiumPath ? { executablePath: chromiumPath } : {}), args: CHROME_FLAGS.filter((f) => f !== '--headless=new') });
  try {
    for (const group of groups) {
      if (group.pages.length === 0) {
        report.add({ section: SECTION, figure: `${group.type}`, value: '—', budget: '', status: 'not built', note: 'no such page in the build yet' });
        continue;
      }
      const measured: PageBytes[] = [];
      for (const path of group.pages) {
        const context = await browser.newContext();
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
      const islandNote = `${islands} island${islands === 1 ? '' : 's'}${notHydrated.length ? `; NOT hydrated on ${notHydrated.map((b) => b.path).join(', ')}` : islands ? ', all hydrated' : ''}`;
      const jsFiles = js.fetched.filter((f) => f.kind === 'js').length;
      const jsNote = `${jsFiles} file${jsFiles === 1 ? '' : 's'} on ${js.path}; ${islandNote}`;
      if (isCase) report.budgeted(SECTION, `case: JS files${of}`, js.gzip.js, BUDGETS.caseJs, kb, { note: jsNote });
      else {
        const byDesign = JS_BY_DESIGN.find((d) => group.pages.some((p) => d.pattern.test(p)));
        report.budgeted(SECTION, `${group.type}: JS files${of}`, js.gzip.js, BUDGETS.noSimulationJs, kb, {
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
      if (isCase) report.budgeted(SECTION, `case: JS+CSS+fonts${of}`, jsCssFonts(jcf), BUDGETS.caseJsCssFonts, kb, { note: `CSS ${kb(jcf.gzip.css)}, fonts ${kb(jcf.gzip.font)}` });
      else report.info(SECTION, `${group.type}: JS+CSS+fonts${of}`, kb(jsCssFonts(jcf)), `CSS ${kb(jcf.gzip.css)}, fonts ${kb(jcf.gzip.font)}`);
      const inl = worst(inlineGzip);
      report.info(
        SECTION,
        `${group.type}: inline JS in the HTML${of}`,
        kb(inlineGzip(inl)),
        inl.inline.length ? `${inl.inline.length} inline script${inl.inline.length === 1 ? '' : 's'} on ${inl.path} (counted apart from JS files; part of the HTML bytes): ${inl.inline.map((s) => `"${s.head.slice(0, 32)}…" ${kb(s.gzip)}`).join(', ')}` : 'none',
      );
      const tot = worst(totalGzip);
      report.info(
        SECTION,
        `${group.type}: total fetched${of}`,
        kb(totalGzip(tot)),
        `${tot.path}: HTML ${kb(tot.gzip.document)}, JS ${kb(tot.gzip.js)}, CSS ${kb(tot.gzip.css)}, fonts ${kb(tot.gzip.font)}, images ${kb(tot.gzip.image)}, other ${kb(tot.gzip.other)}`,
      );
      const third = [...new Set(measured.flatMap((b) => b.thirdParty))];
      if (third.length) report.add({ section: SECTION, figure: `${group.type}: third-party requests`, value: String(third.length), budget: '0', status: 'MISSED', note: third.slice(0, 5).join(' ') });
    }
  } finally {
    await browser.close();
  }
}

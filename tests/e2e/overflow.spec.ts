import { test, expect, type Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { CASE_URL, Player, type PlayEvent } from './player';

const WIDTHS = [320, 390, 1280];

/** Every page the build produced, found from dist/ so that a new page is checked without editing this file. */
function builtPages(dir = process.env.CALX_OUT_DIR ?? 'dist', prefix = '/'): string[] {
  const pages: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !entry.name.startsWith('_') && entry.name !== 'pagefind')
      pages.push(...builtPages(`${dir}/${entry.name}`, `${prefix}${entry.name}/`));
    else if (entry.name === 'index.html') pages.push(prefix);
  }
  return pages.sort();
}

/** Checks the page at each width: no wider than the viewport, and every scrollable region labelled and focusable. */
async function expectNoOverflowAtEveryWidth(page: Page, what: string) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 844 });
    // Let layout settle at the new width (fonts are system fonts; this is a frame, not a timing). The
    // measurement below forces layout anyway, so a stalled frame (headless Chromium under load) only
    // costs the fallback's half second instead of hanging the test.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          setTimeout(resolve, 500);
          requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
        }),
    );
    const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
      let widest = '';
      let max = 0;
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (r.right > max && r.width > 0) {
          // Content inside a region that scrolls sideways is allowed to be wider than the page.
          let p = el.parentElement;
          let clipped = false;
          while (p && p !== document.body) {
            const s = getComputedStyle(p);
            if (s.overflowX === 'auto' || s.overflowX === 'scroll' || s.overflowX === 'hidden' || s.overflowX === 'clip') clipped = true;
            p = p.parentElement;
          }
          if (!clipped) {
            max = r.right;
            const classes = el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : '';
            widest = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${classes}`;
          }
        }
      }
      return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, widest };
    });
    expect(scrollWidth, `${what} at ${width} px is ${scrollWidth} px wide (widest: ${widest})`).toBeLessThanOrEqual(innerWidth);
    // Any region that does scroll sideways can be reached and is named.
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((el) => {
          const s = getComputedStyle(el);
          return (s.overflowX === 'auto' || s.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1;
        })
        .filter(
          (el) =>
            !(
              el.getAttribute('tabindex') === '0' &&
              (el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')) &&
              el.getAttribute('role') === 'region'
            ),
        )
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    expect(unlabelled, `${what} at ${width} px: scrolling regions without a label, role or tabindex`).toEqual([]);
  }
}

test.describe('no horizontal overflow at 320, 390 and 1280 px', () => {
  for (const path of builtPages()) {
    test(`${path} is no wider than the screen`, async ({ page }) => {
      await page.goto(path);
      if (await page.locator('.player').count()) await new Player(page, 'mouse').waitReadyAfterReload();
      await page.locator('details').evaluateAll((els) => els.forEach((d) => d.setAttribute('open', '')));
      await expectNoOverflowAtEveryWidth(page, path);
    });
  }

  test('the open debrief is no wider than the screen', async ({ page }) => {
    const best: PlayEvent[] = JSON.parse(readFileSync('tests/fixtures/attempts/liver-transplant-calcification/best.json', 'utf8')).events;
    const player = new Player(page, 'mouse');
    await player.open(CASE_URL);
    await player.play(best);
    await expect(player.root).toHaveAttribute('data-finished', 'true');
    await page.locator('details').evaluateAll((els) => els.forEach((d) => d.setAttribute('open', '')));
    await expectNoOverflowAtEveryWidth(page, 'the debrief');
  });

  test('class results with files loaded are no wider than the screen', async ({ page }) => {
    const best: PlayEvent[] = JSON.parse(readFileSync('tests/fixtures/attempts/liver-transplant-calcification/best.json', 'utf8')).events;
    const file = {
      format: 'calx-attempt',
      formatVersion: 1,
      case: 'liver-transplant-calcification',
      caseVersion: 'x',
      learner: 'A learner with quite a long name',
      attemptId: 'a1',
      events: best,
      startedAt: '2026-03-02T09:00:00.000Z',
      updatedAt: '2026-03-02T09:20:00.000Z',
    };
    await page.goto('/class-results/');
    await expect(page.locator('.class-results')).toHaveAttribute('data-ready', 'true');
    await page.getByLabel('Choose attempt files').setInputFiles([{ name: 'a.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) }]);
    await expect(page.getByTestId('class-table')).toBeVisible();
    await expectNoOverflowAtEveryWidth(page, 'class results');
  });
});

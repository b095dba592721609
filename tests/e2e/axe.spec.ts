import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readdirSync } from 'node:fs';
import { fixtureEvents, Player, type PlayEvent } from './player';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Every page the build produced, found from dist/ so that a new page is checked without editing this file. */
function builtPages(dir = process.env.CALX_OUT_DIR ?? 'dist', prefix = '/'): string[] {
  const pages: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== '_astro') pages.push(...builtPages(`${dir}/${entry.name}`, `${prefix}${entry.name}/`));
    else if (entry.name === 'index.html') pages.push(prefix);
  }
  return pages.sort();
}

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test.describe('accessibility (axe, WCAG 2.2 AA)', () => {
  test('the page list includes the faculty pages of the full build (the authoring guide, the instructor view)', () => {
    test.skip(process.env.CALX_LEARNER_BUILD === '1', 'the learner build leaves them out');
    expect(builtPages()).toEqual(expect.arrayContaining(['/authoring/', '/instructor/']));
  });

  for (const path of builtPages()) {
    test(`${path} has no violations`, async ({ page }) => {
      await page.goto(path);
      const player = page.locator('.player');
      if (await player.count()) {
        await new Player(page, 'mouse').waitReadyAfterReload();
      }
      await page.locator('details').evaluateAll((els) => els.forEach((d) => d.setAttribute('open', '')));
      await expectNoViolations(page);
    });
  }

  test('the case player with results and a working diagnosis has no violations', async ({ page }) => {
    const player = new Player(page, 'mouse');
    await player.open();
    await player.play([
      { type: 'ORDER', action: 'pth' },
      { type: 'ORDER', action: 'magnesium' },
      { type: 'ORDER', action: 'ct-abdomen' },
      {
        type: 'COMMIT',
        differential: [
          { diagnosis: 'metastatic', probability: 60 },
          { diagnosis: 'calciphylaxis', probability: 40 },
        ],
        summary: 'Woman after a liver transplant with calcium in the graft and abdominal wall.',
      },
    ]);
    await page.locator('.player details').evaluateAll((els) => els.forEach((d) => d.setAttribute('open', '')));
    await expectNoViolations(page);
  });

  test('the open debrief has no violations', async ({ page }) => {
    const best: PlayEvent[] = fixtureEvents('liver-transplant-calcification');
    const player = new Player(page, 'mouse');
    await player.open();
    await player.play(best);
    await expect(page.getByTestId('debrief')).toBeVisible();
    await expectNoViolations(page);
  });
});

import { test, expect, type Page } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import { fixtureEvents, Player } from './player';

/**
 * A result shows only type styles (size, weight, slant, figures) that the case page already shows before the first
 * order. The first time a page lays out text in a new style the browser has to fetch that font's glyph metrics, and
 * with the first result bringing three new ones (13.6 px regular and bold, 12.96 px) the first order's layout took
 * twice as long as a later order's (about 11 against 5 ms at 4x CPU throttling). Small text in the player is 0.92rem,
 * the size of its hints, and bold only at body size.
 */

const casesWithBestPaths = readdirSync('tests/fixtures/attempts').filter((d) => existsSync(`tests/fixtures/attempts/${d}/best.json`));

/** Every type style in which the page shows text now, with an example of where. */
async function typeStyles(page: Page): Promise<Map<string, string>> {
  const styles = await page.evaluate(() => {
    const found: [string, string][] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent?.trim() || el.getClientRects().length === 0) continue;
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden') continue;
      found.push([`${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily} ${s.fontVariantNumeric}`, `${el.tagName.toLowerCase()}.${el.className}`]);
    }
    return found;
  });
  return new Map(styles);
}

for (const slug of casesWithBestPaths) {
  test(`${slug}: the results of the first stage's orders bring no type style the page did not already show`, async ({ page }) => {
    const player = new Player(page, 'mouse');
    await player.open(`/cases/${slug}/`);
    await player.waitReadyAfterReload();
    const events = fixtureEvents(slug);
    const firstOther = events.findIndex((e) => e.type !== 'ORDER');
    const firstStage = firstOther === -1 ? events : events.slice(0, firstOther);
    expect(firstStage.length, 'the best path starts with orders').toBeGreaterThan(0);
    const before = await typeStyles(page);
    for (const event of firstStage) {
      if (event.type !== 'ORDER') continue;
      await player.root.locator(`button[data-action="${event.action}"]`).click();
      await expect(page.locator(`[data-latest-result-for="${event.action}"]`)).toBeVisible();
      // The full results list follows a frame later: its copy of the result is held to the same rule.
      await expect(page.locator(`[data-result-for="${event.action}"]`).first()).toBeVisible();
      const fresh = [...(await typeStyles(page))].filter(([style]) => !before.has(style)).map(([style, where]) => `${style} (${where})`);
      expect(fresh, `new type styles after ordering ${event.action}`).toEqual([]);
    }
  });
}

import { test, expect, type Page } from '@playwright/test';
import { CASE_URL, Player } from './player';

/** Whether the element's first 48 px (or all of it, if shorter) lie inside the viewport. */
async function topIsOnScreen(page: Page, selector: string): Promise<{ top: number; bottom: number; viewport: number }> {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.top + Math.min(r.height, 48), viewport: window.innerHeight };
  });
}

for (const viewport of [
  { width: 390, height: 844 },
  { width: 1280, height: 900 },
]) {
  test.describe(`at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });
    for (const where of ['first', 'last'] as const) {
      test(`the result of the ${where} order in the list appears on screen, with focus left on the order button`, async ({ page }) => {
        const player = new Player(page, 'mouse');
        await player.open(CASE_URL);
        const buttons = player.root.locator('button[data-action]');
        const button = where === 'first' ? buttons.first() : buttons.last();
        const action = (await button.getAttribute('data-action'))!;
        await player.waitReadyAfterScroll(button);
        await button.click();
        const inline = `[data-latest-result-for="${action}"]`;
        await expect(page.locator(inline)).toBeVisible();
        const box = await topIsOnScreen(page, inline);
        expect(box.top, 'the result starts below the top of the screen').toBeGreaterThanOrEqual(0);
        expect(box.bottom, 'the result starts above the bottom of the screen').toBeLessThanOrEqual(box.viewport);
        await expect(button).toBeFocused();
        await expect(page.getByTestId('live-region')).not.toBeEmpty();
        // The full history keeps it too.
        await expect(player.root.locator(`[data-result-for="${action}"]`)).toHaveCount(1);
      });
    }
  });
}

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

test('an order shows its result under its button first; the results list and the timeline catch up in a later frame', async ({ page }) => {
  const player = new Player(page, 'mouse');
  await player.open(CASE_URL);
  const button = player.root.locator('button[data-action]').first();
  const action = (await button.getAttribute('data-action'))!;
  await player.waitReadyAfterScroll(button);
  const timelineSteps = await player.root.locator('.timeline li').count();
  // Records, in the page, the frame in which each view of the result first appears.
  await page.evaluate((action) => {
    const seen: Record<string, number> = {};
    (window as unknown as { __seen: Record<string, number> }).__seen = seen;
    let frame = 0;
    const count = () => {
      frame++;
      requestAnimationFrame(count);
    };
    requestAnimationFrame(count);
    const watch = { underButton: `[data-latest-result-for="${action}"]`, list: `[data-result-for="${action}"]` };
    new MutationObserver(() => {
      for (const [name, selector] of Object.entries(watch)) if (!(name in seen) && document.querySelector(selector)) seen[name] = frame;
    }).observe(document.querySelector('.player')!, { childList: true, subtree: true });
  }, action);
  await button.click();
  await expect(player.root.locator(`[data-result-for="${action}"]`)).toHaveCount(1);
  await expect(player.root.locator('.timeline li')).toHaveCount(timelineSteps + 1);
  const seen = await page.evaluate(() => (window as unknown as { __seen: Record<string, number> }).__seen);
  expect(seen.underButton, 'the result under the button appeared').toBeDefined();
  expect(seen.list, 'the results list followed in a later frame').toBeGreaterThan(seen.underButton!);
});

test('a pressed order button stays where it was, with the results of earlier orders at this stage still above it', async ({ page }) => {
  const player = new Player(page, 'mouse');
  await player.open(CASE_URL);
  const buttons = player.root.locator('button[data-action]');
  const first = buttons.nth(0);
  const second = buttons.nth(1);
  const [firstAction, secondAction] = [await first.getAttribute('data-action'), await second.getAttribute('data-action')];
  await player.waitReadyAfterScroll(first);
  await first.click();
  await expect(page.locator(`[data-latest-result-for="${firstAction}"]`)).toBeVisible();
  await second.scrollIntoViewIfNeeded();
  const before = await second.boundingBox();
  await second.click();
  await expect(page.locator(`[data-latest-result-for="${secondAction}"]`)).toBeVisible();
  const after = await second.boundingBox();
  // Where it was: the same top-left corner and width. It may grow downwards, as its label gains "(done at …)".
  expect({ x: after!.x, y: after!.y, width: after!.width }, 'the second button is where it was when pressed').toEqual({
    x: before!.x,
    y: before!.y,
    width: before!.width,
  });
  expect(after!.height).toBeGreaterThanOrEqual(before!.height);
  // The first order's result is still under its button, no longer marked as the latest.
  await expect(page.locator(`[data-result-under-button="${firstAction}"]`)).toBeVisible();
  await expect(page.locator(`[data-latest-result-for="${firstAction}"]`)).toHaveCount(0);
});

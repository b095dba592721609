import { test, expect, type Locator } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { CASE_URL, Player, type PlayEvent } from './player';

/** A landing is visible when the focused element draws an outline of some width. */
async function expectVisibleFocus(target: Locator) {
  await expect(target).toBeFocused();
  const outline = await target.evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThan(0);
}

test('the skip link lands on the page content with visible focus', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expectVisibleFocus(page.locator('main'));
});

test('from the last order one Tab reaches a link to the diagnosis, and one Shift+Tab from the diagnosis leads back to the orders', async ({ page }) => {
  const player = new Player(page, 'keyboard');
  await player.open(CASE_URL);
  const lastOrder = player.root.locator('button[data-action]').last();
  await player.tabTo(lastOrder);
  await player.waitReady();
  await page.keyboard.press('Tab');
  const skip = player.root.getByRole('link', { name: 'Skip to your diagnosis' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expectVisibleFocus(player.root.locator('#diagnosis-controls'));
  // The next Tab stops are the way back and then the diagnosis controls themselves.
  await page.keyboard.press('Tab');
  const back = player.root.getByRole('link', { name: 'Back to the order list' });
  await expect(back).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('#diagnosis-controls'))).toBe(true);
  await page.keyboard.press('Shift+Tab');
  await expect(back).toBeFocused();
  await page.keyboard.press('Enter');
  await expectVisibleFocus(player.root.locator('#order-list'));
  // And from there the orders are the next Tab stops.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBeTruthy();
});

test('after Finish focus goes straight to the debrief heading, never resting on the page body', async ({ page }) => {
  const best: PlayEvent[] = JSON.parse(readFileSync('tests/fixtures/attempts/liver-transplant-calcification/best.json', 'utf8')).events;
  const player = new Player(page, 'mouse');
  await player.open(CASE_URL);
  const finishAt = best.findIndex((e) => e.type === 'FINISH');
  await player.play(best.slice(0, finishAt));
  const finish = player.root.getByRole('button', { name: 'Finish and see the debrief' });
  await player.waitReadyAfterScroll(finish);
  await finish.focus();
  // Record where focus is at every frame and at every focus change from now on.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { focusLog: string[] }).focusLog = seen;
    const note = () =>
      seen.push(document.activeElement === document.body || !document.activeElement ? 'body' : document.activeElement.id || document.activeElement.tagName);
    document.addEventListener('focusout', () => queueMicrotask(note), true);
    const frame = () => {
      note();
      if (seen.length < 400) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await page.keyboard.press('Enter');
  await expect(player.root).toHaveAttribute('data-finished', 'true');
  const heading = page.locator('#debrief-heading');
  await expectVisibleFocus(heading);
  // A few more frames after the landing, so a later loss of focus would show in the log.
  const frames = await page.evaluate(() => (window as unknown as { focusLog: string[] }).focusLog.length);
  await page.waitForFunction((n) => (window as unknown as { focusLog: string[] }).focusLog.length >= n + 10, frames);
  const log = await page.evaluate(() => (window as unknown as { focusLog: string[] }).focusLog);
  expect(log).not.toContain('body');
  await expect(heading).toBeFocused();
});

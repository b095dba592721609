import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { Player } from './player';

/**
 * Nothing lost when storage is full or blocked, and nothing set aside out of sight: the browser end
 * of src/progress/guarded-storage.ts and src/progress/set-aside.ts.
 */

const SLUG = 'liver-transplant-calcification';
const KEY = `calx:v1:attempt:${SLUG}`;
const DAMAGED = '{"format":"calx-attempt", damaged';

test.describe('storage that never overwrites', () => {
  test('with storage full, a damaged attempt stays byte for byte through play, and the page says so and offers a download', async ({ page }) => {
    await page.goto('/');
    await page.evaluate(([k, v]) => localStorage.setItem(k!, v!), [KEY, DAMAGED]);
    // From now on every write is refused, as a full browser storage does.
    await page.addInitScript(() => {
      Storage.prototype.setItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    const player = new Player(page, 'mouse');
    await player.open(`/cases/${SLUG}/`);
    await player.waitReadyAfterReload();
    const notice = page.getByTestId('save-notice');
    await expect(notice).toContainText('stays untouched where it was saved (browser storage is full');
    await expect(page.getByTestId('notice-download')).toBeVisible();
    await player.send({ type: 'ORDER', action: 'pth' });
    expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBe(DAMAGED);
    const download = page.waitForEvent('download');
    await page.getByTestId('notice-download').click();
    const file = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
    expect(file.events).toEqual([{ type: 'ORDER', action: 'pth' }]);
  });

  test('with writes blocked, a valid saved attempt resumes and the progress page still shows it', async ({ page }) => {
    await page.goto('/');
    const saved = {
      format: 'calx-attempt',
      formatVersion: 1,
      case: SLUG,
      caseVersion: 'x',
      events: [{ type: 'ORDER', action: 'pth' }],
      startedAt: '2026-11-20T09:00:00.000Z',
      updatedAt: '2026-11-20T09:05:00.000Z',
    };
    const version = await page.locator(`.case-status[data-case="${SLUG}"]`).getAttribute('data-version');
    await page.evaluate(([k, v]) => localStorage.setItem(k!, v!), [KEY, JSON.stringify({ ...saved, caseVersion: version })]);
    await page.addInitScript(() => {
      Storage.prototype.setItem = function () {
        throw new DOMException('Blocked.', 'SecurityError');
      };
    });
    const player = new Player(page, 'mouse');
    await player.open(`/cases/${SLUG}/`);
    await player.waitReadyAfterReload();
    await expect(page.getByTestId('save-notice')).toContainText('cannot save in this browser right now');
    await expect(player.root.locator('[data-result-for="pth"]').first()).toBeVisible();
    await page.goto('/progress/');
    await expect(page.locator(`tr[data-case="${SLUG}"]`)).toHaveAttribute('data-status', 'in-progress');
    await expect(page.getByTestId('progress-notice')).toContainText('cannot save in this browser right now');
    await expect(page.getByRole('button', { name: 'Download all my progress' })).toBeVisible();
  });
});

test.describe('set-aside data stays in sight', () => {
  test('is listed on the progress page, named on the home page, and included in the export', async ({ page }) => {
    await page.goto('/');
    await page.evaluate(([k, v]) => localStorage.setItem(k!, v!), [KEY, DAMAGED]);
    const player = new Player(page, 'mouse');
    await player.open(`/cases/${SLUG}/`);
    await player.waitReadyAfterReload();
    await expect(page.getByTestId('save-notice')).toContainText('set aside');
    // After a reload the notice is gone, but the home and progress pages still say what happened.
    await page.goto('/');
    await expect(page.locator(`.case-status[data-case="${SLUG}"]`)).toHaveText('Set aside (see your progress page)');
    await page.goto('/progress/');
    await expect(page.locator(`tr[data-case="${SLUG}"]`)).toHaveAttribute('data-status', 'set-aside');
    const listed = page.getByTestId('set-aside').locator('li');
    await expect(listed).toHaveCount(1);
    await expect(listed).toContainText('could not be read');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download all my progress' }).click();
    const file = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
    expect(file.setAside).toHaveLength(1);
    expect(file.setAside[0].raw).toBe(DAMAGED);
  });

  test('a set-aside attempt that is readable can be restored from the progress page', async ({ page }) => {
    await page.goto('/');
    const attempt = {
      format: 'calx-attempt',
      formatVersion: 1,
      case: SLUG,
      caseVersion: 'old',
      events: [{ type: 'ORDER', action: 'retired-action' }],
      startedAt: '2026-11-20T09:00:00.000Z',
      updatedAt: '2026-11-20T09:05:00.000Z',
    };
    await page.evaluate(
      ([v]) =>
        localStorage.setItem(
          'calx:v1:set-aside:liver-transplant-calcification:2026-11-21T10:00:00.000Z',
          JSON.stringify({ reason: 'test reason', setAsideAt: '2026-11-21T10:00:00.000Z', raw: v }),
        ),
      [JSON.stringify(attempt)],
    );
    await page.goto('/progress/');
    await page
      .getByTestId('set-aside')
      .getByRole('button', { name: /^Restore the set-aside attempt/ })
      .click();
    await expect(page.getByTestId('transfer-status')).toContainText('Restored');
    expect(await page.evaluate((k) => JSON.parse(localStorage.getItem(k)!).events, KEY)).toEqual(attempt.events);
  });
});

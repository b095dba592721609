import { test, expect } from '@playwright/test';
import { fixtureEvents, Player } from './player';

test('on a phone the player fits the screen and can be played by touch', async ({ page }) => {
  const player = new Player(page, 'mouse');
  await player.open();
  await player.send({ type: 'ORDER', action: 'ct-abdomen' });
  await player.send({ type: 'COMMIT', differential: [{ diagnosis: 'dystrophic', probability: 60 }, { diagnosis: 'metastatic', probability: 40 }], summary: 'Woman after a liver transplant with calcium in the graft.' });
  await player.send({ type: 'ADVANCE' });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const box = await page.getByRole('button', { name: /^Move on to POD 40/ }).boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
});

test.describe('at 390 px wide', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the best path plays to the debrief by touch with nothing wider than the screen, the diagnosis list open included', async ({ page }) => {
    test.setTimeout(120_000);
    const slug = 'liver-transplant-calcification';
    const events = fixtureEvents(slug);
    const player = new Player(page, 'mouse');
    await player.open(`/cases/${slug}/`);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await player.waitReadyAfterReload();
    const input = player.form.getByRole('combobox');
    await input.tap();
    await input.fill('calc');
    await expect(page.getByRole('listbox', { name: 'Diagnoses' })).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await input.fill('');
    for (const event of events) {
      await player.send(event);
      expect(await overflow(), `after ${JSON.stringify(event)}`).toBeLessThanOrEqual(0);
    }
    await expect(page.getByTestId('debrief')).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(0);
    for (const target of await player.form.locator('input, button').all()) {
      const b = await target.boundingBox();
      if (b) expect(b.height).toBeGreaterThanOrEqual(44);
    }
  });
});

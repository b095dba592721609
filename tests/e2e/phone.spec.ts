import { test, expect } from '@playwright/test';
import { Player } from './player';

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

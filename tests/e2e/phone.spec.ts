import { test, expect, type Locator, type Page } from '@playwright/test';
import { fixtureEvents, Player } from './player';

/**
 * The player driven with the finger: every press is a tap (a touch pointer, from the phone project's
 * `hasTouch` device), never a mouse click. The page records the pointer type of every press, so the
 * tests can confirm that no mouse press slipped in.
 */
class TouchPlayer extends Player {
  constructor(page: Page) {
    super(page, 'mouse');
  }

  override async press(target: Locator) {
    await this.waitReadyAfterScroll(target);
    await target.tap();
  }

  override async addDiagnosis(id: string) {
    const input = this.form.getByRole('combobox');
    const option = this.form.locator(`[role="option"][data-option="${id}"]`);
    await this.typeInto(input, await this.labelOf(id));
    await expect(option).toBeVisible();
    await option.tap();
    await expect(this.form.locator(`[data-line="${id}"]`)).toHaveCount(1);
  }

  override async typeInto(field: Locator, text: string) {
    await this.waitReadyAfterScroll(field);
    await field.tap();
    await field.fill(text);
  }
}

/** Records the pointer type of every press on the page, from before any script of the page runs. */
async function recordPointerTypes(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __pointerTypes: string[] }).__pointerTypes = seen;
    window.addEventListener('pointerdown', (e) => seen.push(e.pointerType), { capture: true });
  });
}

const pointerTypes = (page: Page) => page.evaluate(() => (window as unknown as { __pointerTypes: string[] }).__pointerTypes);

test.beforeEach(async ({ page }) => {
  await recordPointerTypes(page);
});

test('on a phone the player fits the screen and can be played by touch', async ({ page }) => {
  const player = new TouchPlayer(page);
  await player.open();
  await player.send({ type: 'ORDER', action: 'ct-abdomen' });
  await player.send({
    type: 'COMMIT',
    differential: [
      { diagnosis: 'dystrophic', probability: 60 },
      { diagnosis: 'metastatic', probability: 40 },
    ],
    summary: 'Woman after a liver transplant with calcium in the graft.',
  });
  await player.send({ type: 'ADVANCE' });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const box = await page.getByRole('button', { name: /^Move on to POD 40/ }).boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  const types = await pointerTypes(page);
  expect(types.length).toBeGreaterThan(0);
  expect(new Set(types)).toEqual(new Set(['touch']));
});

test.describe('at 390 px wide', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the best path plays to the debrief by touch with nothing wider than the screen, the diagnosis list open included', async ({ page }) => {
    test.setTimeout(120_000);
    const slug = 'liver-transplant-calcification';
    const events = fixtureEvents(slug);
    const player = new TouchPlayer(page);
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
    const types = await pointerTypes(page);
    expect(types.length).toBeGreaterThan(events.length);
    expect(new Set(types)).toEqual(new Set(['touch']));
  });
});

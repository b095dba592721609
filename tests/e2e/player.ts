import { expect, type Locator, type Page } from '@playwright/test';

export type PlayEvent =
  | { type: 'ORDER'; action: string }
  | { type: 'COMMIT'; diagnosis: string; confidence: number }
  | { type: 'ADVANCE' }
  | { type: 'FINISH' };

export const CASE_URL = '/cases/liver-transplant-calcification/';

/** Drives the case player the way a person does, with the mouse or with the keyboard alone. */
export class Player {
  constructor(
    readonly page: Page,
    readonly mode: 'mouse' | 'keyboard',
  ) {}

  get root(): Locator {
    return this.page.locator('.player');
  }

  async open(url = CASE_URL) {
    await this.page.goto(url);
  }

  /** After a reload the player hydrates when visible: scroll it into view as a reader would. */
  async waitReadyAfterReload() {
    await this.root.scrollIntoViewIfNeeded();
    await this.waitReady();
  }

  async waitReady() {
    await expect(this.root).toHaveAttribute('data-ready', 'true');
  }

  /** Presses Tab until `target` has focus (keyboard mode), failing after `max` presses. */
  async tabTo(target: Locator, max = 400) {
    for (let i = 0; i < max; i++) {
      if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
      await this.page.keyboard.press('Tab');
    }
    throw new Error(`could not reach ${target} with Tab in ${max} presses`);
  }

  private async press(target: Locator) {
    if (this.mode === 'mouse') {
      await this.waitReadyAfterScroll(target);
      await target.click();
    } else {
      await this.tabTo(target);
      await this.waitReady();
      await this.page.keyboard.press('Enter');
    }
  }

  async waitReadyAfterScroll(target: Locator) {
    await target.scrollIntoViewIfNeeded();
    await this.waitReady();
  }

  async send(event: PlayEvent) {
    switch (event.type) {
      case 'ORDER': {
        const button = this.root.locator(`button[data-action="${event.action}"]`);
        const before = await this.root.locator(`[data-result-for="${event.action}"]`).count();
        await this.press(button);
        await expect(this.root.locator(`[data-result-for="${event.action}"]`)).toHaveCount(before + 1);
        return;
      }
      case 'COMMIT':
        return this.commit(event.diagnosis, event.confidence);
      case 'ADVANCE': {
        const stage = await this.root.getAttribute('data-stage');
        await this.press(this.root.getByRole('button', { name: /^Move on to / }));
        await expect(this.root).not.toHaveAttribute('data-stage', stage!);
        return;
      }
      case 'FINISH':
        await this.press(this.root.getByRole('button', { name: 'Finish and see the debrief' }));
        await expect(this.root).toHaveAttribute('data-finished', 'true');
        return;
    }
  }

  async commit(diagnosis: string, confidence: number) {
    const radio = this.root.locator(`input[name="diagnosis"][value="${diagnosis}"]`);
    const select = this.root.locator('select[name="confidence"]');
    const pct = String(Math.round(confidence * 100));
    if (this.mode === 'mouse') {
      await this.waitReadyAfterScroll(radio);
      await radio.check();
      await select.selectOption(pct);
      await this.root.getByRole('button', { name: /(Commit|Revise) (working|final) diagnosis/ }).click();
    } else {
      // Tab reaches one radio of the group; arrow keys move the choice within it.
      for (let i = 0; i < 400 && !(await this.page.evaluate(() => document.activeElement?.getAttribute('name') === 'diagnosis')); i++) {
        await this.page.keyboard.press('Tab');
      }
      await this.waitReady();
      for (let i = 0; i < 20 && !(await radio.isChecked()); i++) await this.page.keyboard.press('ArrowDown');
      await expect(radio).toBeChecked();
      await this.tabTo(select);
      for (let i = 0; i < 20 && (await select.inputValue()) !== pct; i++) {
        await this.page.keyboard.press(Number(await select.inputValue()) < Number(pct) ? 'ArrowDown' : 'ArrowUp');
      }
      await expect(select).toHaveValue(pct);
      await this.tabTo(this.root.getByRole('button', { name: /(Commit|Revise) (working|final) diagnosis/ }));
      await this.page.keyboard.press('Enter');
    }
    await expect(this.root.getByTestId('working-diagnosis')).toContainText(`${pct}% confident`);
  }

  async play(events: readonly PlayEvent[]) {
    for (const e of events) await this.send(e);
  }
}

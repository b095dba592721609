import { expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import type { CommitEvent, PlayEvent } from '../../src/schemas/events';
import { migrateEvents } from '../../src/engine/migrate';

export type { PlayEvent } from '../../src/schemas/events';

/** An attempt's events in the current format: old single-diagnosis commits migrated as the engine does. */
export function currentEvents(slug: string, events: readonly unknown[]): PlayEvent[] {
  const legacyDiagnoses = YAML.parse(readFileSync(`content/cases/${slug}/case.yaml`, 'utf8')).legacyDiagnoses ?? {};
  return migrateEvents({ legacyDiagnoses }, events) as PlayEvent[];
}

/** The events of a fixture attempt file, in the current format. */
export function fixtureEvents(slug: string, name = 'best'): PlayEvent[] {
  return currentEvents(slug, JSON.parse(readFileSync(`tests/fixtures/attempts/${slug}/${name}.json`, 'utf8')).events);
}

/** What the player's summary box gets when an event brings none (a migrated attempt). */
export const DEFAULT_SUMMARY = 'Adult patient with calcium deposits in soft tissue, under investigation.';

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

  async press(target: Locator) {
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
        return this.commit(event);
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

  /** The differential form. */
  get form(): Locator {
    return this.root.locator('section.diagnosis');
  }

  /** Presses a control with the mouse or, in keyboard mode, tabs to it and presses Enter. */
  async activate(target: Locator) {
    await this.press(target);
  }

  /** Types into a field: clicks it (mouse) or tabs to it (keyboard), then replaces its text. */
  async typeInto(field: Locator, text: string) {
    if (this.mode === 'mouse') {
      await this.waitReadyAfterScroll(field);
      await field.fill(text);
    } else {
      await this.tabTo(field);
      await this.page.keyboard.press('ControlOrMeta+a');
      await this.page.keyboard.press('Delete');
      if (text) await this.page.keyboard.type(text);
    }
  }

  /** Adds a diagnosis through the combobox: types its label, then picks it (click, or arrow keys and Enter). */
  async addDiagnosis(id: string) {
    const input = this.form.getByRole('combobox');
    const option = this.form.locator(`[role="option"][data-option="${id}"]`);
    const label = await this.labelOf(id);
    await this.typeInto(input, label);
    await expect(option).toBeVisible();
    if (this.mode === 'mouse') {
      await option.click();
    } else {
      const optionId = await option.getAttribute('id');
      for (let i = 0; i < 30 && (await input.getAttribute('aria-activedescendant')) !== optionId; i++) await this.page.keyboard.press('ArrowDown');
      await expect(input).toHaveAttribute('aria-activedescendant', optionId!);
      await this.page.keyboard.press('Enter');
    }
    await expect(this.form.locator(`[data-line="${id}"]`)).toHaveCount(1);
  }

  /** The course list's label of a diagnosis (read from the page's data, as a learner reads the list). */
  private labels: Map<string, string> | null = null;
  async labelOf(id: string): Promise<string> {
    if (!this.labels) {
      const list = YAML.parse(readFileSync('content/diagnoses.yaml', 'utf8')) as { id: string; label: string }[];
      this.labels = new Map(list.map((d) => [d.id, d.label]));
    }
    return this.labels.get(id) ?? id;
  }

  /** Builds the differential in the form (starting from the one in force) and commits it. */
  async commit(event: CommitEvent) {
    await this.waitReadyAfterScroll(this.form);
    const target = event.differential.map((d) => d.diagnosis);
    const lines = async () => this.form.locator('[data-line]').evaluateAll((els) => els.map((el) => el.getAttribute('data-line')!));
    // Keep the lines already there only where they are in the target's order; remove the rest.
    let current = await lines();
    const kept = current.filter((id) => target.includes(id));
    const inOrder = kept.every((id, i) => target.indexOf(id) === i);
    for (const id of current)
      if (!inOrder || !target.includes(id)) await this.activate(this.form.getByRole('button', { name: `Remove ${await this.labelOf(id)}` }));
    current = await lines();
    for (const id of target) if (!current.includes(id)) await this.addDiagnosis(id);
    for (const d of event.differential) await this.typeInto(this.form.locator(`[data-percent-for="${d.diagnosis}"]`), String(d.probability));
    const summary = this.form.locator('textarea[name="summary"]');
    if (await summary.count()) await this.typeInto(summary, event.summary ?? DEFAULT_SUMMARY);
    await expect(this.form.getByTestId('differential-total')).toHaveText('Total 100%: ready to commit.');
    await this.activate(this.form.getByRole('button', { name: /^(Commit|Revise) (final )?differential$/ }));
    const lead = event.differential.reduce((a, b) => (b.probability > a.probability ? b : a));
    await expect(this.root.getByTestId('working-diagnosis')).toContainText(`${await this.labelOf(lead.diagnosis)} at ${lead.probability}%`);
  }

  async play(events: readonly PlayEvent[]) {
    for (const e of events) await this.send(e);
  }
}

import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { CASE_URL, Player } from './player';

/**
 * The differential form: the diagnosis combobox (WAI-ARIA APG, listbox popup) by keyboard alone, probabilities
 * with a running total and errors announced and tied to their inputs, nothing saved lost on invalid input, and
 * axe clean with the list open and with an error on screen.
 */

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const list = YAML.parse(readFileSync('content/diagnoses.yaml', 'utf8')) as { id: string; label: string; synonyms?: string[] }[];
const entry = (id: string) => list.find((d) => d.id === id)!;

async function openCase(page: Page) {
  const player = new Player(page, 'keyboard');
  await player.open(CASE_URL);
  await player.waitReadyAfterReload();
  return player;
}

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test('the diagnosis combobox works by keyboard alone: type to filter by a synonym, arrows to move, Enter to add, Escape to close', async ({ page }) => {
  const player = await openCase(page);
  const input = player.form.getByRole('combobox');
  await player.tabTo(input);
  await expect(input).toHaveAttribute('aria-expanded', 'false');

  // A synonym finds its entry: the list holds it, labelled by the entry's own name.
  const target = list.find((d) => (d.synonyms ?? []).length > 0 && d.id !== 'something-else')!;
  await page.keyboard.type(target.synonyms![0]!);
  await expect(input).toHaveAttribute('aria-expanded', 'true');
  const listbox = page.getByRole('listbox', { name: 'Diagnoses' });
  await expect(listbox).toBeVisible();
  await expect(listbox.getByRole('option', { name: new RegExp(target.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })).toBeVisible();

  // Down moves the highlight, shown to assistive technology through aria-activedescendant; focus stays in the box.
  await page.keyboard.press('ArrowDown');
  const active = await input.getAttribute('aria-activedescendant');
  expect(active).toBeTruthy();
  await expect(page.locator(`[id="${active}"]`)).toHaveAttribute('aria-selected', 'true');
  await expect(input).toBeFocused();
  for (let i = 0; i < 20 && (await page.locator(`[id="${await input.getAttribute('aria-activedescendant')}"]`).getAttribute('data-option')) !== target.id; i++)
    await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(player.form.locator(`[data-line="${target.id}"]`)).toHaveCount(1);
  await expect(input).toHaveValue('');
  await expect(input).toHaveAttribute('aria-expanded', 'false');
  // Enter added a line; it did not submit the form.
  await expect(page.getByTestId('working-diagnosis')).toHaveText('No differential committed yet.');

  // Escape closes the list, then clears the text.
  await page.keyboard.type('calc');
  await expect(input).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Escape');
  await expect(input).toHaveAttribute('aria-expanded', 'false');
  await expect(listbox).toBeHidden();
  await expect(input).toHaveValue('calc');
  await page.keyboard.press('Escape');
  await expect(input).toHaveValue('');

  // An entry already on the differential is not offered again.
  await page.keyboard.type(target.label);
  await expect(listbox.locator(`[data-option="${target.id}"]`)).toHaveCount(0);
});

test('probabilities that do not sum to 100 are announced, tied to the inputs, and block the commit with a message', async ({ page }) => {
  const player = await openCase(page);
  await player.addDiagnosis('dystrophic');
  await player.addDiagnosis('metastatic');
  const total = player.form.getByTestId('differential-total');
  await expect(total).toHaveAttribute('aria-live', 'polite');

  await player.typeInto(player.form.locator('[data-percent-for="dystrophic"]'), '60');
  await player.typeInto(player.form.locator('[data-percent-for="metastatic"]'), '50');
  await expect(total).toHaveText('Total 110%: probabilities sum to 110%, take off 10%.');
  const input = player.form.getByLabel(/^Dystrophic calcification, probability in percent/);
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(input).toHaveAttribute('aria-describedby', /dx-total/);

  await player.typeInto(player.form.locator('[data-percent-for="metastatic"]'), '30');
  await expect(total).toHaveText('Total 90%: 10% left to assign.');

  // A value that is not a whole percent gets its own message, tied to its input.
  await player.typeInto(player.form.locator('[data-percent-for="metastatic"]'), '30.5');
  const metastatic = player.form.locator('[data-percent-for="metastatic"]');
  await expect(metastatic).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await metastatic.getAttribute('aria-describedby'))!.split(' ');
  await expect(page.locator(`[id="${describedBy[0]}"]`)).toHaveText(`${entry('metastatic').label}: "30.5" is not a whole percent.`);

  // Submitting is refused with an alert; nothing reaches the case.
  await player.activate(player.form.getByRole('button', { name: 'Commit differential' }));
  await expect(player.form.getByRole('alert')).toHaveText(`${entry('metastatic').label}: "30.5" is not a whole percent.`);
  await expect(page.getByTestId('working-diagnosis')).toHaveText('No differential committed yet.');
  await expectNoViolations(page);
});

test('a differential committed, then an invalid revision refused, keeps what was saved after a reload', async ({ page }) => {
  const player = new Player(page, 'mouse');
  await player.open(CASE_URL);
  await player.commit({
    type: 'COMMIT',
    differential: [
      { diagnosis: 'dystrophic', probability: 70 },
      { diagnosis: 'calciphylaxis', probability: 30 },
    ],
    summary: 'Woman two weeks after a liver transplant with calcium in the graft.',
  });
  const working = await page.getByTestId('working-diagnosis').textContent();

  // The revision starts from the differential in force.
  await expect(player.form.locator('[data-percent-for="dystrophic"]')).toHaveValue('70');
  await expect(player.form.locator('[data-percent-for="calciphylaxis"]')).toHaveValue('30');
  await player.typeInto(player.form.locator('[data-percent-for="dystrophic"]'), '90');
  await player.form.getByRole('button', { name: 'Revise differential' }).click();
  await expect(player.form.getByRole('alert')).toContainText('Probabilities sum to 120%');

  await page.reload();
  await player.waitReadyAfterReload();
  await expect(page.getByTestId('working-diagnosis')).toHaveText(working!);
  await expect(player.form.locator('[data-percent-for="dystrophic"]')).toHaveValue('70');
});

test('the first commitment asks for a one-sentence summary with a counter and a limit', async ({ page }) => {
  const player = new Player(page, 'mouse');
  await player.open(CASE_URL);
  await player.waitReadyAfterReload();
  await player.addDiagnosis('something-else');
  const summary = player.form.getByLabel('Your one-sentence summary of the patient');
  await player.form.getByRole('button', { name: 'Commit differential' }).click();
  await expect(player.form.getByRole('alert')).toContainText('one-sentence summary');
  await expect(summary).toBeFocused();
  await summary.fill('x'.repeat(301));
  await expect(player.form.getByTestId('summary-count')).toHaveText('301 of 300 characters: 1 over the limit');
  await expect(summary).toHaveAttribute('aria-invalid', 'true');
  await player.form.getByRole('button', { name: 'Commit differential' }).click();
  await expect(player.form.getByRole('alert')).toContainText('keep it to 300');
  await summary.fill('A woman after a liver transplant with new calcium in the graft.');
  await player.form.getByRole('button', { name: 'Commit differential' }).click();
  await expect(page.getByTestId('working-diagnosis')).toContainText(`${entry('something-else').label} at 100%`);
  // Later revisions do not ask again.
  await expect(player.form.locator('textarea')).toHaveCount(0);
});

test('the case player has no axe violations with the diagnosis list open', async ({ page }) => {
  const player = await openCase(page);
  const input = player.form.getByRole('combobox');
  await player.tabTo(input);
  await page.keyboard.type('calc');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('listbox', { name: 'Diagnoses' })).toBeVisible();
  await expectNoViolations(page);
});

test('the open diagnosis list lies over the parts of the player below the form, down to its last option', async ({ page }) => {
  const player = await openCase(page);
  const input = player.form.getByRole('combobox');
  await player.tabTo(input);
  await page.keyboard.press('ArrowDown');
  const listbox = page.getByRole('listbox', { name: 'Diagnoses' });
  await expect(listbox).toBeVisible();
  // A point just above the list's bottom edge: what the browser finds there is what is painted on top.
  const onTop = await listbox.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const form = document.getElementById('diagnosis-controls')!.getBoundingClientRect();
    const y = box.bottom - 4;
    window.scrollBy(0, Math.max(0, y - window.innerHeight + 20));
    const after = el.getBoundingClientRect();
    const hit = document.elementFromPoint(after.left + after.width / 2, after.bottom - 4);
    return { belowForm: box.bottom > form.bottom, inList: !!hit && el.contains(hit) };
  });
  expect(onTop.belowForm, 'the open list reaches past the diagnosis form (else this test shows nothing)').toBe(true);
  expect(onTop.inList, 'the list is on top where it overlaps what follows the form').toBe(true);
});

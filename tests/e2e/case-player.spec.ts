import { test, expect, type Page } from '@playwright/test';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import YAML from 'yaml';
import { CASE_URL, fixtureEvents, Player, type PlayEvent } from './player';
import type { CommitEvent } from '../../src/schemas/events';
import { stepEvent } from '../../src/schemas/play-step';

const slug = 'liver-transplant-calcification';
const best: PlayEvent[] = fixtureEvents(slug);
const teamPath: PlayEvent[] = YAML.parse(readFileSync(`content/cases/${slug}/case.yaml`, 'utf8')).teamPath.map((s: Parameters<typeof stepEvent>[0]) =>
  stepEvent(s),
);
const storageKey = `calx:v1:attempt:${slug}`;

/** Every case with a best path in tests/fixtures/attempts/<slug>/best.json. */
const casesWithBestPaths = readdirSync('tests/fixtures/attempts').filter((d) => existsSync(`tests/fixtures/attempts/${d}/best.json`));

test.describe('every case', () => {
  for (const caseSlug of casesWithBestPaths) {
    test(`${caseSlug}: the best path played through the page scores at least 95 with no flags`, async ({ page }) => {
      const events: PlayEvent[] = fixtureEvents(caseSlug);
      const player = new Player(page, 'mouse');
      await player.open(`/cases/${caseSlug}/`);
      await player.play(events);
      const total = Number((await page.getByTestId('score-total').locator('strong').textContent())!.trim());
      expect(total).toBeGreaterThanOrEqual(95);
      await expect(page.getByTestId('debrief').locator('[data-flag]')).toHaveCount(0);
    });
  }
});

test.describe('case player', () => {
  test('the best path played with the keyboard alone ends in a debrief scoring at least 95', async ({ page }) => {
    // Tabbing through every control of every stage, one key at a time, takes a while on a shared machine.
    test.setTimeout(240_000);
    // Arrange
    const player = new Player(page, 'keyboard');
    await player.open();
    // Act
    await player.play(best);
    // Assert
    const debrief = page.getByTestId('debrief');
    await expect(debrief.getByRole('heading', { name: 'Debrief' })).toBeFocused();
    const total = Number((await page.getByTestId('score-total').locator('strong').textContent())!.trim());
    expect(total).toBeGreaterThanOrEqual(95);
    await expect(debrief.getByTestId('final-diagnosis')).toContainText('Full credit');
    await expect(debrief.locator('[data-flag]')).toHaveCount(0);
    await expect(debrief.locator('[data-key-finding][data-seen="false"]')).toHaveCount(0);
    await expect(debrief.getByRole('heading', { name: "The treating team's documented path" })).toBeVisible();
  });

  test("the treating team's documented path shows their first call, the thiosulfate cost and both paths", async ({ page }) => {
    const player = new Player(page, 'mouse');
    await player.open();
    await player.play(teamPath);
    const debrief = page.getByTestId('debrief');
    await expect(debrief.locator('[data-flag="documented-misdiagnosis"]')).toContainText('same first call');
    await expect(debrief.locator('tr[data-dimension="stewardship"]')).toContainText('Start sodium thiosulfate');
    await expect(debrief.locator('tr[data-dimension="revision"]')).toContainText('You revised Calciphylaxis');
    await expect(debrief.locator('[data-key-finding="iv-sites"]')).toHaveAttribute('data-seen', 'false');
    const paths = debrief.locator('.paths ol');
    await expect(paths.nth(0).locator('li')).toHaveCount(teamPath.length + 1); // plus arriving at the first stage; each ADVANCE is its own arrival
    await expect(paths.nth(1).locator('li')).toHaveCount(teamPath.length);
  });

  test('a result shows its value, unit, reference range and flag, and the live region announces it', async ({ page }) => {
    const player = new Player(page, 'mouse');
    await player.open();
    await player.send({ type: 'ORDER', action: 'pth' });
    const result = page.locator('[data-result-for="pth"]');
    await expect(result).toContainText('483 pg/mL');
    await expect(result.locator('.flag-high')).toHaveText('High');
    await expect(result).toContainText('Reference: 15 to 65 pg/mL');
    await expect(page.getByTestId('live-region')).toContainText('New result: Parathyroid hormone');
  });

  test('switching to SI units converts results and is remembered after a reload', async ({ page }) => {
    const player = new Player(page, 'mouse');
    await player.open();
    await player.send({ type: 'ORDER', action: 'pth' });
    await page.getByRole('radio', { name: 'SI' }).check();
    const result = page.locator('[data-result-for="pth"]');
    await expect(result).toContainText('51.2 pmol/L');
    await expect(result).toContainText('Reference: 1.6 to 6.9 pmol/L');
    await expect(result.locator('.flag-high')).toHaveText('High');
    await page.reload();
    await player.waitReadyAfterReload();
    await expect(page.getByRole('radio', { name: 'SI' })).toBeChecked();
    await expect(page.locator('[data-result-for="pth"]')).toContainText('51.2 pmol/L');
  });

  test('a test the paper does not report says so rather than inventing a value', async ({ page }) => {
    const player = new Player(page, 'mouse');
    await player.open();
    await player.send({ type: 'ORDER', action: 'magnesium' });
    await expect(page.locator('[data-result-for="magnesium"]')).toContainText('does not report magnesium');
  });

  test('moving on without a working diagnosis is refused with a reason', async ({ page }) => {
    const player = new Player(page, 'mouse');
    await player.open();
    await player.waitReadyAfterReload();
    await page.getByRole('button', { name: 'Move on to POD 21' }).click();
    await expect(page.getByRole('alert')).toContainText('Commit a working differential before moving on');
    await expect(player.root).toHaveAttribute('data-stage', 'pod16');
  });

  test('a reload mid-case resumes the attempt where it was', async ({ page }) => {
    const player = new Player(page, 'mouse');
    await player.open();
    await player.play(best.slice(0, 16)); // through POD 16, commit, move on
    await expect(player.root).toHaveAttribute('data-stage', 'pod21');
    const working = await page.getByTestId('working-diagnosis').textContent();
    expect(working).toMatch(/^Working diagnosis: .+ at \d+%/);
    await page.reload();
    await player.waitReadyAfterReload();
    await expect(player.root).toHaveAttribute('data-stage', 'pod21');
    await expect(page.getByTestId('save-notice')).toContainText('Welcome back');
    await expect(page.getByTestId('working-diagnosis')).toHaveText(working!);
    // A revision starts from the differential in force.
    await expect(page.locator('[data-percent-for]')).toHaveCount((best.slice(0, 16).findLast((e) => e.type === 'COMMIT') as CommitEvent).differential.length);
    await expect(page.locator('[data-result-for="pth"]')).toContainText('483 pg/mL');
    await player.play(best.slice(16));
    await expect(page.getByTestId('debrief')).toBeVisible();
  });

  test('a corrupt saved attempt is set aside with a message and the case starts afresh', async ({ page }) => {
    await page.goto(CASE_URL);
    await page.evaluate((key) => localStorage.setItem(key, '{"format":"calx-attempt", broken'), storageKey);
    await page.reload();
    const player = new Player(page, 'mouse');
    await player.waitReadyAfterReload();
    await expect(page.getByTestId('save-notice')).toContainText('could not be read');
    await expect(page.getByTestId('save-notice')).toContainText('set aside');
    await expect(player.root).toHaveAttribute('data-stage', 'pod16');
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('calx:v1:set-aside:')));
    expect(kept).toHaveLength(1);
    await player.send({ type: 'ORDER', action: 'pth' });
  });

  /** Opens the case with a saved attempt made under another scoring version, ordering `action`, and reloads. */
  async function loadWithAttemptFromOldVersion(page: Page, action: string): Promise<void> {
    await page.goto(CASE_URL);
    const attempt = {
      format: 'calx-attempt',
      formatVersion: 1,
      case: 'liver-transplant-calcification',
      caseVersion: 'deadbeefdeadbeef',
      events: [{ type: 'ORDER', action }],
      startedAt: 'x',
      updatedAt: 'x',
    };
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [storageKey, JSON.stringify(attempt)] as const);
    await page.reload();
    await new Player(page, 'mouse').waitReadyAfterReload();
  }

  test('a saved attempt from another scoring version that still replays is kept and re-scored, not set aside', async ({ page }) => {
    await loadWithAttemptFromOldVersion(page, 'pth');
    await expect(page.getByTestId('save-notice')).toContainText('has been updated since then in a way that affects scoring');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('calx:v1:set-aside:')))).toEqual([]);
  });

  test('a saved attempt from another scoring version that no longer replays is set aside, not mis-scored', async ({ page }) => {
    await loadWithAttemptFromOldVersion(page, 'retired-action');
    await expect(page.getByTestId('save-notice')).toContainText('changed in a way that affects scoring');
    await expect(page.getByTestId('save-notice')).toContainText('set aside');
  });

  test('the home page lists every case in course order with its source', async ({ page }) => {
    await page.goto('/');
    const cards = page.locator('.case-card');
    await expect(cards).toHaveCount(casesWithBestPaths.length);
    await expect(cards.first()).toContainText('liver transplant');
    for (const card of await cards.all()) await expect(card.locator('dd').nth(1)).not.toBeEmpty();
  });

  test('the home page lists the case with its source, time and the learner status', async ({ page }) => {
    await page.goto('/');
    const card = page.locator('.case-card').filter({ has: page.locator(`.case-status[data-case="${slug}"]`) });
    await expect(card).toContainText('about 20 minutes');
    await expect(card).toContainText('ACS Case Reviews in Surgery');
    await expect(card.locator('.case-status')).toHaveText('Not started');
    await page.goto(CASE_URL);
    const player = new Player(page, 'mouse');
    await player.send({ type: 'ORDER', action: 'pth' });
    await page.goto('/');
    await expect(card.locator('.case-status')).toHaveText('In progress');
  });
});

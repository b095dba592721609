import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { allItems, answer, bank, startQuiz } from './quiz-driver';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

const SLUG = 'liver-transplant-calcification';
const BEST = `tests/fixtures/attempts/${SLUG}/best.json`;
const T0 = new Date('2026-11-22T09:00:00Z');
const items = allItems();
const smallest = [...bank()].sort((a, b) => a.items.length - b.items.length)[0]!;

/** Case 1's best path as the case player saves it when finished, scored by the same engine (`npm run attempt`). */
function finishedAttempt() {
  const report = JSON.parse(execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/attempt.ts', BEST], { encoding: 'utf8' }));
  const events = JSON.parse(readFileSync(BEST, 'utf8')).events;
  const at = new Date(T0.getTime() - 3_600_000).toISOString();
  return {
    record: {
      format: 'calx-attempt',
      formatVersion: 1,
      case: SLUG,
      caseVersion: report.caseVersion,
      events,
      startedAt: new Date(T0.getTime() - 7_200_000).toISOString(),
      updatedAt: at,
      result: { total: report.score.total, diagnosis: report.diagnosis, diagnosisLabel: 'Dystrophic and metastatic calcification together', finishedAt: at },
    },
    total: report.score.total as number,
  };
}
const attempt = finishedAttempt();

/** A finished case and a finished test in which the first question was missed. */
async function seedCaseAndQuiz(page: Page): Promise<string> {
  await page.goto('/');
  await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [`calx:v1:attempt:${SLUG}`, JSON.stringify(attempt.record)]);
  const order = await startQuiz(page, smallest.id, { seed: 'prog1', mode: 'test' });
  for (const [i, id] of order.entries()) await answer(page.locator(`[data-item="${id}"]`), items.get(id)!, i > 0);
  await page.getByRole('button', { name: 'Submit the test' }).click();
  await expect(page.getByTestId('quiz-summary')).toBeVisible();
  return order[0]!;
}

test.describe('progress page', () => {
  test('shows a finished case with its score and date, a finished quiz with best and last scores, and what falls due', async ({ page }) => {
    // Arrange
    await page.clock.install({ time: T0 });
    const missed = await seedCaseAndQuiz(page);
    // Act
    await page.goto('/progress/');
    // Assert
    const row = page.locator(`tr[data-case="${SLUG}"]`);
    await expect(row).toHaveAttribute('data-status', 'finished');
    await expect(row.locator('td')).toHaveText(new RegExp(`^Finished: score ${attempt.total} of 100, on .*2026$`));
    await expect(page.locator('tr[data-status="not-started"]').first()).toContainText('Not started');
    const percent = Math.round(((smallest.items.length - 1) / smallest.items.length) * 100);
    const quiz = page.locator(`tr[data-quiz="${smallest.id}"]`);
    await expect(quiz.locator('td').nth(0)).toHaveText(new RegExp(`^${percent}% on .*2026$`));
    await expect(quiz).toHaveAttribute('data-sittings', '1');
    await expect(page.getByTestId('progress-due')).toHaveText(/^Nothing is due for review right now\. 1 more is scheduled, the next on /);
    await expect(page.locator('[data-objective][data-status="covered"], [data-objective][data-status="practising"]').first()).toBeVisible();
    // Act: two days later the missed question is due
    await page.clock.setSystemTime(new Date(T0.getTime() + 2 * 86_400_000));
    await page.reload();
    await expect(page.getByTestId('progress-due')).toHaveText('1 question is due for review.');
    await expect(page.getByRole('link', { name: 'Open the review deck' })).toHaveAttribute('href', '/review/');
    expect(missed).toBeTruthy();
  });

  test('exports everything to one file that another browser can import without losing anything', async ({ page, browser }) => {
    // Arrange
    await page.clock.install({ time: T0 });
    await seedCaseAndQuiz(page);
    await page.goto('/progress/');
    // Act: export
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download all my progress' }).click()]);
    expect(download.suggestedFilename()).toBe('calx-progress-2026-11-22.json');
    const file = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    await expect(page.getByTestId('transfer-status')).toContainText('1 case attempt, 1 quiz result and 1 review card');
    expect(file.attempts).toEqual([attempt.record]);
    // Act: import into a fresh browser
    const other = await browser.newPage();
    await other.goto('/progress/');
    await expect(other.locator(`tr[data-case="${SLUG}"]`)).toHaveAttribute('data-status', 'not-started');
    await other.getByLabel('Import progress from a file').setInputFiles((await download.path())!);
    // Assert
    await expect(other.getByTestId('transfer-status')).toHaveText('Imported: 1 case attempt added; 1 quiz result added; 1 review card added.');
    await expect(other.locator(`tr[data-case="${SLUG}"]`)).toHaveAttribute('data-status', 'finished');
    await expect(other.locator(`tr[data-quiz="${smallest.id}"]`)).toHaveAttribute('data-sittings', '1');
    // Importing the same file again changes nothing and says so
    await other.getByLabel('Import progress from a file').setInputFiles((await download.path())!);
    await expect(other.getByTestId('transfer-status')).toHaveText(
      'Imported: the file held nothing newer than this browser already had. Kept 3 records that were as new or newer here.',
    );
    await other.close();
  });

  test('rejects a malformed file with a message that says what is wrong, and changes nothing', async ({ page }) => {
    await page.goto('/progress/');
    const input = page.getByLabel('Import progress from a file');
    await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "calx-progress-export", "version": 1,') });
    await expect(page.getByRole('alert')).toContainText('broken.json cannot be imported: it is not valid JSON');
    await expect(page.getByRole('alert')).toContainText('Nothing was changed.');
    await input.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"title": "my notes"}') });
    await expect(page.getByRole('alert')).toContainText('notes.json cannot be imported: it is not a Calx progress file');
    await input.setInputFiles({
      name: 'bad-event.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          format: 'calx-progress-export',
          version: 1,
          exportedAt: T0.toISOString(),
          attempts: [{ ...attempt.record, events: [{ type: 'ORDER' }] }],
          quizResults: [],
          review: {},
        }),
      ),
    });
    await expect(page.getByRole('alert')).toContainText('case attempt 1 (`attempts[0]`): event 1 is malformed (an ORDER event needs an "action" id)');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('calx:')))).toEqual([]);
  });

  test('a damaged progress store is set aside and reported, and the page still works', async ({ page }) => {
    await page.goto('/');
    await page.evaluate(() => localStorage.setItem('calx:v1:progress', '{"format": "calx-progress", broken'));
    await page.goto('/progress/');
    await expect(page.getByTestId('progress-notice')).toContainText('could not be read');
    await expect(page.getByTestId('progress-notice')).toContainText('set aside');
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('calx:v1:set-aside:progress:')));
    expect(kept).toHaveLength(1);
    await expect(page.locator('tr[data-quiz]').first()).toContainText('Not taken yet');
  });

  test('the progress page with data has no accessibility violations', async ({ page }) => {
    await page.clock.install({ time: T0 });
    await seedCaseAndQuiz(page);
    await page.clock.setSystemTime(new Date(T0.getTime() + 2 * 86_400_000));
    await page.goto('/progress/');
    await expect(page.getByTestId('progress-due')).toHaveText('1 question is due for review.');
    await expectNoViolations(page);
  });
});

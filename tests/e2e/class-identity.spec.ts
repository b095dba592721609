import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { CASE_URL, Player, type PlayEvent } from './player';

const best: PlayEvent[] = JSON.parse(readFileSync('tests/fixtures/attempts/liver-transplant-calcification/best.json', 'utf8')).events;

test('the attempt download asks for the name, remembers it, and writes it with an attempt id into the file and its name', async ({ page }) => {
  const player = new Player(page, 'mouse');
  await player.open(CASE_URL);
  await player.play(best);
  const form = page.getByTestId('attempt-download');
  const button = form.getByRole('button', { name: 'Download this attempt (JSON)' });
  // No name: a clear error and no file.
  let downloads = 0;
  page.on('download', () => downloads++);
  await button.click();
  await expect(form.getByRole('alert')).toContainText('Type your name first');
  expect(downloads).toBe(0);
  // With a name.
  await form.getByLabel('Your name, for your teacher').fill('Ada Lovelace');
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const file = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(file.learner).toBe('Ada Lovelace');
  expect(file.attemptId).toMatch(/^[0-9a-z]{11}$/);
  expect(download.suggestedFilename()).toBe(`calx-liver-transplant-calcification-ada-lovelace-${file.attemptId}.json`);
  // Remembered for the next download, after a reload.
  await page.reload();
  await player.waitReadyAfterReload();
  await expect(page.getByTestId('attempt-download').getByLabel('Your name, for your teacher')).toHaveValue('Ada Lovelace');

  // On the class results page: the same file twice is one attempt and a duplicate; another learner's file of the same name is kept.
  const text = readFileSync((await download.path())!, 'utf8');
  const other = JSON.stringify({ ...file, learner: 'Grace Hopper', attemptId: 'zzzzzzzzzzz', startedAt: '2026-03-02T09:00:00.000Z' });
  await page.goto('/class-results/');
  await expect(page.locator('.class-results')).toHaveAttribute('data-ready', 'true');
  const name = download.suggestedFilename();
  await page.getByLabel('Choose attempt files').setInputFiles([{ name, mimeType: 'application/json', buffer: Buffer.from(text) }]);
  await page.getByLabel('Choose attempt files').setInputFiles([{ name, mimeType: 'application/json', buffer: Buffer.from(text) }]);
  await page.getByLabel('Choose attempt files').setInputFiles([{ name, mimeType: 'application/json', buffer: Buffer.from(other) }]);
  const table = page.getByTestId('class-table');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('class-summary')).toContainText('3 files: 3 attempts from 2 learners, 1 flagged');
  await expect(page.getByTestId('class-live')).toContainText('1 file read (3 files in all).');
  await expect(table.locator('[data-flag="duplicate"]')).toHaveText(
    `Flagged: a second copy of attempt ${file.attemptId}, already counted from ${name} (Ada Lovelace)`,
  );
  await expect(table.locator('tr[data-counted="true"]')).toHaveCount(2);
  await expect(table.locator('tr[data-learner="Grace Hopper"]')).toHaveAttribute('data-counted', 'true');
  // Charts in relative terms and counts in correct English.
  const dims = page.locator('[data-chart$="-dims"]');
  await expect(dims).toContainText('as a share of');
  for (const value of await dims.locator('[data-value]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))))) {
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThanOrEqual(100);
  }
  await expect(page.locator('main')).not.toContainText(/\b1 attempts\b/);
});

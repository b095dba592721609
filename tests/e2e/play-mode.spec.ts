import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import YAML from 'yaml';
import { Player, type PlayEvent } from './player';
import { stepEvent } from '../../src/schemas/play-step';

/**
 * Practice and test mode. The treating team's documented path of case 1 makes choices the sources comment on
 * (a treatment with a documented consequence, the team's own first call), so in practice mode it draws feedback
 * during play; in test mode the same path must draw none until the debrief.
 */

const slug = 'liver-transplant-calcification';
const teamPath: PlayEvent[] = YAML.parse(readFileSync(`content/cases/${slug}/case.yaml`, 'utf8')).teamPath.map((s: Parameters<typeof stepEvent>[0]) =>
  stepEvent(s),
);
const beforeFinish = teamPath.filter((e) => e.type !== 'FINISH');
const feedback = '.consequence, .commit-feedback';

test('in practice mode the sources comment on choices as they are made', async ({ page }) => {
  const player = new Player(page, 'mouse');
  await player.open(`/cases/${slug}/`);
  await player.waitReadyAfterReload();
  await expect(page.getByTestId('play-mode')).toContainText('Practice mode');
  await player.play(beforeFinish);
  expect(await player.root.locator(feedback).count()).toBeGreaterThan(0);
});

test('in test mode no feedback is shown during play, and the debrief comes at the end', async ({ page }) => {
  const player = new Player(page, 'mouse');
  await player.open(`/cases/${slug}/?mode=test`);
  await player.waitReadyAfterReload();
  await expect(page.getByTestId('play-mode')).toContainText('Test mode');
  for (const event of beforeFinish) {
    await player.send(event);
    await expect(player.root.locator(feedback)).toHaveCount(0);
  }
  await player.send({ type: 'FINISH' });
  await expect(page.getByTestId('debrief')).toBeVisible();
  await expect(page.getByTestId('score-total')).toBeVisible();
});

test('a module in test mode links its cases in test mode, and says so', async ({ page }) => {
  const testModules = readdirSync('content/modules')
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ slug: f.replace(/\.yaml$/, ''), data: YAML.parse(readFileSync(`content/modules/${f}`, 'utf8')) }))
    .filter((m) => m.data.caseMode === 'test');
  expect(testModules.length, 'a module in content/modules in test mode (liver-cases ships as one)').toBeGreaterThan(0);
  for (const m of testModules) {
    await page.goto(`/modules/${m.slug}/`);
    await expect(page.getByTestId('module-mode')).toContainText('test mode');
    const caseLinks = page.locator('.module-step[data-kind="case"] a');
    expect(await caseLinks.count()).toBeGreaterThan(0);
    for (const href of await caseLinks.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) expect(href).toMatch(/\?mode=test$/);
  }
});

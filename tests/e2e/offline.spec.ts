import { test, expect, type Page } from '@playwright/test';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { CASE_URL, Player } from './player';
import { allItems, answer, mostVariedTopic, startQuiz } from './quiz-driver';

test.use({ serviceWorkers: 'allow' });

/** Waits until the service worker has installed (the whole course precached) and controls this page. */
async function waitForOfflineReady(page: Page) {
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    return reg.active?.state;
  });
}

test('after a first visit the course works with the network off: a case, a quiz and the review deck', async ({ page, context }) => {
  const items = allItems();
  await page.goto('/');
  await waitForOfflineReady(page);
  await context.setOffline(true);

  // A case, played offline.
  const player = new Player(page, 'mouse');
  await player.open(CASE_URL);
  const first = player.root.locator('button[data-action]').first();
  await player.waitReadyAfterScroll(first);
  const action = (await first.getAttribute('data-action'))!;
  await first.click();
  await expect(page.locator(`[data-latest-result-for="${action}"]`)).toBeVisible();

  // A quiz, taken offline: a missed question goes to the review deck.
  const topic = mostVariedTopic();
  const order = await startQuiz(page, topic.id, { seed: 'offline1', mode: 'practice' });
  const section = page.locator(`[data-item="${order[0]}"]`);
  await answer(section, items.get(order[0]!)!, false);
  await section.getByRole('button', { name: 'Check answer' }).click();
  await expect(section.getByTestId('item-feedback')).toBeVisible();

  // The review deck, offline.
  await page.goto('/review/');
  await expect(page.locator('.review-deck')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('review-empty')).toContainText('scheduled');

  // And search, offline.
  await page.goto('/search/?q=quiz');
  await expect(page.getByTestId('search-status')).toContainText(/results? for/);
  await context.setOffline(false);
});

test('when a new version is deployed the page offers it, and updates when asked', async ({ page }) => {
  // A server of our own over the built site, so the test can "deploy" a new sw.js while the page is open.
  const root = process.env.CALX_OUT_DIR ?? 'dist';
  let deployed = 1;
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.json': 'application/json',
    '.webmanifest': 'application/manifest+json',
  };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url!, 'http://x').pathname);
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    let body: Buffer | string = readFileSync(file);
    if (path === '/sw.js' && deployed > 1) body = `${body}\n// deployment ${deployed}\n`;
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await page.goto(`${origin}/about/`);
    await waitForOfflineReady(page);
    await expect(page.locator('[data-update-prompt]')).toHaveCount(0);
    deployed = 2;
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const prompt = page.locator('[data-update-prompt]');
    await expect(prompt).toContainText('A new version of the course is ready');
    await expect(prompt).toHaveAttribute('role', 'status');
    const reloaded = page.waitForEvent('load');
    await prompt.getByRole('button', { name: 'Update now' }).click();
    await reloaded;
    await expect(page.locator('[data-update-prompt]')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  } finally {
    await new Promise((r) => server.close(r));
  }
});

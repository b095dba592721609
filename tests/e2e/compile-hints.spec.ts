import { test, expect, type Page } from '@playwright/test';
import { COMPILE_HINT } from '../../src/integrations/compile-hints.mjs';
import { CASE_URL } from './player';

/** The island's own script and its renderer's script, as the page names them, with each file's first line. */
async function islandScripts(page: Page, url: string): Promise<{ component: string; renderer: string }> {
  await page.goto(url);
  const island = page.locator('astro-island').first();
  const firstLine = async (attribute: string) => {
    const src = (await island.getAttribute(attribute))!;
    const body = await (await page.request.get(src)).text();
    return body.slice(0, body.indexOf('\n'));
  };
  return { component: await firstLine('component-url'), renderer: await firstLine('renderer-url') };
}

test('a case page’s player and React renderer start with the eager-compile hint, so a first order compiles nothing', async ({ page }) => {
  const scripts = await islandScripts(page, CASE_URL);
  expect(scripts.component).toBe(COMPILE_HINT);
  expect(scripts.renderer).toBe(COMPILE_HINT);
});

test('another island’s script carries no hint: it loads with the usual lazy compiling', async ({ page }) => {
  await page.goto('/quizzes/');
  const href = await page.locator('main a[href^="/quizzes/"]').first().getAttribute('href');
  const scripts = await islandScripts(page, href!);
  expect(scripts.component).not.toBe(COMPILE_HINT);
});

import { test, expect } from '@playwright/test';
import { readdirSync } from 'node:fs';

/** Every built page, from dist/, so that new pages are checked too. */
function builtPages(dir = process.env.CALX_OUT_DIR ?? 'dist', prefix = '/'): string[] {
  const pages: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !entry.name.startsWith('_') && entry.name !== 'pagefind')
      pages.push(...builtPages(`${dir}/${entry.name}`, `${prefix}${entry.name}/`));
    else if (entry.name === 'index.html') pages.push(prefix);
  }
  return pages.sort();
}

const facultyPages = builtPages().filter((p) => p.startsWith('/instructor/') || p === '/class-results/');

test.describe('faculty pages speak teaching language and explain themselves', () => {
  for (const path of facultyPages) {
    test(`${path} sends nobody to the README and names no machine internals`, async ({ page }) => {
      await page.goto(path);
      const text = await page.locator('main').innerText();
      expect(text).not.toMatch(/README/);
      expect(text).not.toMatch(/machine's (states|transitions)|\bORDER \(|\bADVANCE\b|\bFINISH\b|\bCOMMIT\b/);
    });
  }

  test('the instructor case page explains on the page why a static site cannot hide the key', async ({ page }) => {
    const casePage = facultyPages.find((p) => p.startsWith('/instructor/cases/'))!;
    await page.goto(casePage);
    const notice = page.locator('.notice-warning');
    await expect(notice).toContainText('static site');
    await expect(notice).toContainText('CALX_LEARNER_BUILD=1');
    await expect(notice.getByRole('link', { name: 'class results' })).toBeVisible();
  });
});

test.describe('no run-on sentences in the text of any page', () => {
  for (const path of builtPages()) {
    test(`${path} has no doubled full stops and no sentence glued to the next`, async ({ page }) => {
      await page.goto(path);
      const text = await page.locator('main').innerText();
      expect(text).not.toMatch(/[a-z]\.\.(?!\.)/);
      // "67-71.Case", "Undated.Case": a full stop followed straight by a capitalised word.
      expect(text.match(/[a-z0-9)]\.[A-Z][a-z]{2,}/g) ?? []).toEqual([]);
      expect(text).not.toMatch(/\btheclass\b/);
    });
  }
});

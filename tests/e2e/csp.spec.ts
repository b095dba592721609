import { test, expect, type Page } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Player, type PlayEvent } from './player';
import { allItems, answer, mostVariedTopic, startQuiz } from './quiz-driver';

/**
 * Every page under the site's Content-Security-Policy (the <meta> tag the build writes), and the
 * interactive tools used under it: no violation may be reported, and the policy must stay strict
 * (scripts only from the site and build-time hashes; no plugins; no <base>).
 */

const DIST = process.env.CALX_OUT_DIR ?? 'dist';
const SLUG = 'liver-transplant-calcification';

function builtPages(dir = DIST): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return builtPages(full);
    return name === 'index.html' ? [`/${relative(DIST, dir).split('\\').join('/')}${dir === DIST ? '' : '/'}`] : [];
  });
}

/** Collects CSP violations from the page (the DOM event) and from the console (what Chromium logs). */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const logged: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) logged.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  return async () => [...logged, ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations))];
}

function policyOf(html: string): string {
  const m = /<meta http-equiv="content-security-policy" content="([^"]+)"/i.exec(html);
  return m ? m[1]! : '';
}

test.describe('the Content-Security-Policy', () => {
  test('every built page carries a strict policy, and has no inline script that it does not hash', () => {
    const pages = builtPages();
    expect(pages.length).toBeGreaterThan(0);
    for (const p of pages) {
      const html = readFileSync(join(DIST, p, 'index.html'), 'utf8');
      const policy = policyOf(html);
      // 'wasm-unsafe-eval' lets the search index (Pagefind) compile its WebAssembly; it allows no script text to run.
      expect(policy, p).toMatch(/script-src 'self'( 'wasm-unsafe-eval')?( 'sha256-[A-Za-z0-9+/=]+')*;/);
      expect(policy, p).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
      expect(policy, p).toContain("object-src 'none'");
      expect(policy, p).toContain("base-uri 'none'");
      expect(html, p).not.toMatch(/<script[^>]*\bis:inline|\son[a-z]+="/i);
    }
  });

  test('loads every page with no violation, islands hydrated', async ({ page }) => {
    const violations = await watchViolations(page);
    for (const p of builtPages()) {
      await page.goto(p);
      // client:visible islands hydrate when seen: bring each into view, as a reader would.
      const pending = page.locator('[data-ready="false"]');
      await expect(async () => {
        if (await pending.count())
          await pending
            .first()
            .scrollIntoViewIfNeeded({ timeout: 1000 })
            .catch(() => undefined);
        expect(await pending.count(), p).toBe(0);
      }).toPass({ timeout: 15_000 });
    }
    expect(await violations()).toEqual([]);
  });

  test('plays a case to the debrief with no violation', async ({ page }) => {
    const violations = await watchViolations(page);
    const events: PlayEvent[] = JSON.parse(readFileSync(`tests/fixtures/attempts/${SLUG}/best.json`, 'utf8')).events;
    const player = new Player(page, 'mouse');
    await player.open(`/cases/${SLUG}/`);
    await player.waitReadyAfterReload();
    await player.play(events);
    await expect(player.root).toHaveAttribute('data-finished', 'true');
    expect(await violations()).toEqual([]);
  });

  test('takes a quiz and a review deck with no violation', async ({ page }) => {
    const violations = await watchViolations(page);
    const items = allItems();
    const topic = mostVariedTopic();
    const order = await startQuiz(page, topic.id, { seed: 'csp1', mode: 'practice' });
    const section = page.locator(`[data-item="${order[0]}"]`);
    await answer(section, items.get(order[0]!)!, false);
    await section.getByRole('button', { name: 'Check answer' }).click();
    await expect(section.getByTestId('item-feedback')).toBeVisible();
    await page.goto('/review/');
    await expect(page.getByTestId('review-empty')).toContainText('1 question is scheduled');
    expect(await violations()).toEqual([]);
  });

  test('reads class results and the progress page with no violation', async ({ page }) => {
    const violations = await watchViolations(page);
    await page.goto('/class-results/');
    await expect(page.locator('.class-results')).toHaveAttribute('data-ready', 'true');
    const events = JSON.parse(readFileSync(`tests/fixtures/attempts/${SLUG}/best.json`, 'utf8')).events;
    const attempt = {
      format: 'calx-attempt',
      formatVersion: 1,
      case: SLUG,
      caseVersion: 'x',
      events,
      startedAt: '2026-03-02T09:00:00.000Z',
      updatedAt: '2026-03-02T09:20:00.000Z',
    };
    await page
      .getByLabel('Choose attempt files')
      .setInputFiles([{ name: 'alice.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(attempt)) }]);
    await expect(page.getByTestId('class-table').locator('tbody tr')).toHaveCount(1);
    await page.goto('/progress/');
    await expect(page.locator('.progress')).toHaveAttribute('data-ready', 'true');
    expect(await violations()).toEqual([]);
  });
});

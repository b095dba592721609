import { test, expect, type Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import YAML from 'yaml';
import { readFileSync } from 'node:fs';
import { buildPackages } from '../../src/scorm/packaging/package';
import { Player } from './player';
import { caseSlugs, spoilerTerms, spoilersIn } from './spoilers';

/**
 * Nothing a learner sees before the debrief names a case's diagnosis: for every case, the words are the labels and
 * synonyms of every diagnosis its answer key credits (tests/e2e/spoilers.ts reads them from the content). Checked:
 * the case page as rendered (title, every meta tag, the visible text; the course-wide diagnosis list and closed
 * disclosures are not on screen), its home-page card, the module pages and the quiz list that name it, and the
 * SCORM packages' launch pages.
 */

const slugs = caseSlugs();
const modules = readdirSync('content/modules')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({
    slug: f.replace(/\.yaml$/, ''),
    data: YAML.parse(readFileSync(`content/modules/${f}`, 'utf8')) as { title: string; description: string; items: { kind: string; slug?: string }[] },
  }));
const casesOf = (m: (typeof modules)[number]) => m.data.items.filter((i) => i.kind === 'case').map((i) => i.slug!);

/** The page's title and every meta tag's content. */
const metadata = (page: Page) =>
  page.evaluate(() => [document.title, ...[...document.querySelectorAll('meta[content]')].map((m) => m.getAttribute('content') ?? '')].join('\n'));

/** What is on screen in `selector`: innerText leaves out closed disclosures and hidden popups; the diagnosis list is set aside. */
const visibleText = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const list = [...document.querySelectorAll<HTMLElement>('[data-diagnosis-list]')];
    const before = list.map((el) => el.style.display);
    list.forEach((el) => (el.style.display = 'none'));
    const text = [...document.querySelectorAll<HTMLElement>(sel)].map((el) => el.innerText).join('\n');
    list.forEach((el, i) => (el.style.display = before[i]!));
    return text;
  }, selector);

test('every case has words to guard: its answer key credits at least one diagnosis', () => {
  for (const slug of slugs) expect(spoilerTerms(slug), slug).not.toEqual([]);
});

for (const slug of slugs) {
  test.describe(slug, () => {
    const terms = spoilerTerms(slug);

    test('the case page names no credited diagnosis before the debrief, and keeps the source one click away', async ({ page }) => {
      const player = new Player(page, 'mouse');
      await player.open(`/cases/${slug}/`);
      await player.waitReadyAfterReload();
      expect(spoilersIn(await metadata(page), terms), 'title and metadata').toEqual([]);
      expect(spoilersIn(await visibleText(page, 'body'), terms), 'page text before the debrief').toEqual([]);

      // The source is behind a closed disclosure that warns; opened, it shows the citation.
      const disclosure = page.locator('header [data-source-disclosure]');
      await expect(disclosure).not.toHaveAttribute('open', '');
      await expect(disclosure.locator('summary')).toContainText('may reveal the diagnosis');
      await disclosure.locator('summary').click();
      await expect(disclosure.getByText('Licence:')).toBeVisible();
    });

    test('the home-page card, module pages and quiz list name no credited diagnosis', async ({ page }) => {
      await page.goto('/');
      const card = page.locator('.case-card', { has: page.locator(`a[href$="/cases/${slug}/"]`) });
      await expect(card).toHaveCount(1);
      expect(spoilersIn(await card.innerText(), terms), 'home-page card').toEqual([]);
      await expect(card.locator('[data-source-disclosure]')).not.toHaveAttribute('open', '');

      for (const m of modules.filter((m) => casesOf(m).includes(slug))) {
        await page.goto(`/modules/${m.slug}/`);
        expect(spoilersIn(await metadata(page), terms), `${m.slug}: title and metadata`).toEqual([]);
        expect(spoilersIn(await page.locator('.module .lede').innerText(), terms), `${m.slug}: description`).toEqual([]);
        expect(spoilersIn(await page.locator(`.module-step[data-id="${slug}"]`).innerText(), terms), `${m.slug}: the case's step`).toEqual([]);
      }

      // The about page lists every source with the cases that use it: the citation stays behind its disclosure.
      await page.goto('/about/');
      const sourceEntry = page.locator('.source-list li', { has: page.locator(`a[href$="/cases/${slug}/"]`) });
      await expect(sourceEntry).toHaveCount(1);
      expect(spoilersIn(await sourceEntry.innerText(), terms), 'the about page entry of its source').toEqual([]);
      await expect(sourceEntry.locator('[data-source-disclosure]')).not.toHaveAttribute('open', '');

      await page.goto('/quizzes/');
      const quizHrefs: string[] = [];
      for (const quizCard of await page.locator('.quiz-list .case-card', { has: page.locator(`a[href$="/cases/${slug}/"]`) }).all()) {
        expect(spoilersIn(await quizCard.innerText(), terms), 'the case quiz in the quiz list').toEqual([]);
        quizHrefs.push((await quizCard.locator('h3 a').getAttribute('href'))!);
      }
      // The quiz itself is about the case (its questions may name the diagnosis); its title and metadata may not.
      for (const href of quizHrefs) {
        await page.goto(href);
        expect(spoilersIn(await metadata(page), terms), `${href}: title and metadata`).toEqual([]);
        expect(spoilersIn(await page.locator('h1').innerText(), terms), `${href}: heading`).toEqual([]);
      }
    });
  });
}

test("the SCORM launch and overview pages of every module name none of its cases' credited diagnoses", async () => {
  test.setTimeout(120_000);
  const packages = await buildPackages({ distDir: resolve(process.env.CALX_OUT_DIR ?? 'dist'), contentDir: resolve('content') });
  expect(packages.length).toBeGreaterThan(0);
  const text = (html: string) =>
    html
      .replace(/<script[\s\S]*?<\/script>/g, ' ')
      .replace(/<[^>]*?content="([^"]*)"[^>]*>/g, ' $1 ')
      .replace(/<[^>]+>/g, ' ');
  for (const p of packages) {
    const m = modules.find((x) => x.slug === p.module)!;
    const terms = [...new Set(casesOf(m).flatMap(spoilerTerms))];
    const entry = new TextDecoder().decode(p.contents.get('index.html')!);
    expect(spoilersIn(text(entry), terms), `${p.file}: index.html`).toEqual([]);
    // The overview's objectives are course-wide (they name every process); its title, description and steps must not.
    const overview = new TextDecoder().decode(p.contents.get('module/index.html')!);
    const main = /<main[\s\S]*<\/main>/.exec(overview)![0].replace(/<section aria-labelledby="objectives-heading">[\s\S]*?<\/section>/, '');
    expect(spoilersIn(text(main), terms), `${p.file}: module/index.html`).toEqual([]);
    expect(spoilersIn(text(/<head>[\s\S]*<\/head>/.exec(overview)![0]), terms), `${p.file}: module/index.html head`).toEqual([]);
  }
});

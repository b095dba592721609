import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { loadCourseContent } from '../../src/content-loading/load-content';

const course = loadCourseContent('content', process.cwd());

interface Entry {
  url: string;
  content: string;
  excerpt: string;
  meta: { title?: string };
}

test('a search from the header finds a case by words of its opening, with the keyboard alone', async ({ page }) => {
  const def = [...course.cases].sort((a, b) => a.order - b.order)[0]!;
  // A distinctive word of the case's own title, as a learner might remember it.
  const word = def.title
    .split(/\s+/)
    .filter((w) => w.length > 5)
    .sort((a, b) => b.length - a.length)[0]!
    .replace(/[^\p{L}-]/gu, '');
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('/');
  await page.getByRole('searchbox', { name: 'Search the course' }).focus();
  await page.keyboard.type(word);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/search/\\?q=${encodeURIComponent(word)}`));
  await expect(page.getByTestId('search-status')).toContainText(/\d+ results? for/);
  const link = page.getByTestId('search-results').getByRole('link', { name: `${def.title} (case)`, exact: true });
  await expect(link).toBeVisible();
  // Tab from the search box reaches the results.
  await page.getByLabel('Words to find in cases, lessons and quizzes').focus();
  for (let i = 0; i < 10 && !(await link.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`/cases/${def.slug}/`);
  const origin = new URL(page.url()).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
});

test('search covers lessons and quizzes too', async ({ page }) => {
  await page.goto('/search/?q=quiz');
  await expect(page.getByTestId('search-status')).toContainText(/results? for/);
  const hrefs = await page
    .getByTestId('search-results')
    .getByRole('link')
    .evaluateAll((els) => els.map((e) => e.getAttribute('href')!));
  expect(hrefs.some((h) => h.startsWith('/quizzes/'))).toBe(true);
  await page.goto('/search/?q=calcification');
  await expect(page.getByTestId('search-status')).toContainText(/results? for/);
  const more = await page
    .getByTestId('search-results')
    .getByRole('link')
    .evaluateAll((els) => els.map((e) => e.getAttribute('href')!));
  expect(more.some((h) => h.startsWith('/lessons/'))).toBe(true);
});

test("no case's search entry gives away its diagnosis, its debrief or its source", async ({ page }) => {
  await page.goto('/search/');
  for (const def of course.cases) {
    const entries: Entry[] = await page.evaluate(async (title) => {
      const pf = await import('/pagefind/pagefind.js' as string);
      const found = await pf.search(title);
      return Promise.all(found.results.map((r: { data: () => Promise<Entry> }) => r.data()));
    }, def.title);
    const entry = entries.find((e) => e.url === `/cases/${def.slug}/`);
    expect(entry, `the case page ${def.slug} is in the index`).toBeTruthy();
    const text = `${entry!.meta.title ?? ''} ${entry!.content}`.toLowerCase();
    const answers = def.scoring.credits.filter((c) => c.credit === 1).map((c) => def.diagnoses.find((d) => d.id === c.diagnosis)!.label.toLowerCase());
    for (const a of answers) expect(text, `${def.slug}: the answer "${a}"`).not.toContain(a);
    for (const t of def.teachingPoints) expect(text).not.toContain(t.text.toLowerCase().slice(0, 60));
    expect(text).not.toContain('debrief');
    expect(text).not.toContain('teaching points');
  }
});

test('the search page with results has no accessibility violations', async ({ page }) => {
  await page.goto('/search/?q=calcification');
  await expect(page.getByTestId('search-status')).toContainText(/results? for/);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { allItems, answer, mostVariedTopic, startQuiz } from './quiz-driver';
import { reviewItem } from '../../src/quiz/schedule';
import { formatDateTime } from '../../src/utils/dates';

const T0 = new Date('2026-12-01T13:31:00.000Z');
const items = allItems();

// A browser set to US English and UTC: the course still writes its dates in British English.
test.use({ locale: 'en-US', timezoneId: 'UTC' });

test('right after a quiz the missed questions can be practised at once, the deck says when they come back, in en-GB dates', async ({ page }) => {
  await page.clock.install({ time: T0 });
  const topic = mostVariedTopic();
  const order = await startQuiz(page, topic.id, { seed: 'now1', mode: 'practice' });
  const missed = order.slice(0, 2);
  for (const id of missed) {
    const section = page.locator(`[data-item="${id}"]`);
    await answer(section, items.get(id)!, false);
    await section.getByRole('button', { name: 'Check answer' }).click();
    await expect(section.getByTestId('item-feedback')).toBeVisible();
  }
  // Only items the quiz scored below full credit are scheduled; an ordering item "answered wrongly" may be left as shuffled.
  await page.goto('/review/');
  const empty = page.getByTestId('review-empty');
  await expect(empty).toContainText('Nothing is due for review right now.');
  const due = new Date(reviewItem(undefined, 0, T0)!.due);
  await expect(page.getByTestId('review-next')).toHaveText(formatDateTime(due, 'UTC'));
  await expect(empty).toContainText(/comes back the next day; each time you then answer it right it waits longer \(\d+ days, then \d+ days/);
  const scheduled = Number((await empty.textContent())!.match(/(\d+) questions? (?:is|are) scheduled/)![1]);
  expect(scheduled).toBeGreaterThan(0);

  // Practise now: the scheduled questions, at once.
  await page.getByTestId('practise-now').click();
  await expect(page.getByTestId('review-count')).toContainText(`Practising ${scheduled} scheduled question`);
  const first = page.locator('.quiz-item').first();
  const id = (await first.getAttribute('data-item'))!;
  await answer(first, items.get(id)!, true);
  await first.getByRole('button', { name: 'Check answer' }).click();
  await expect(first.getByTestId('item-feedback')).toContainText('Correct.');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // The practice round leaves the schedule as it was.
  await page.reload();
  await expect(page.getByTestId('review-next')).toHaveText(formatDateTime(due, 'UTC'));
  await expect(page.getByTestId('review-empty')).toContainText(`${scheduled} question`);
});

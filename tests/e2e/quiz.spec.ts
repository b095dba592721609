import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { allItems, answer, bank, modalRating, mostVariedTopic, shownOrder, startQuiz, type BankItem } from './quiz-driver';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

const items = allItems();
const T0 = new Date('2026-11-22T09:00:00Z');

test.describe('script-concordance and key-feature items', () => {
  const contested = bank().find((t) => t.items.some((i) => i.type === 'concordance'))!;
  const decisions = bank().find((t) => t.items.some((i) => i.type === 'key-feature'))!;

  test('a script-concordance item is answered by keyboard alone and explains every source on its panel', async ({ page }) => {
    const order = await startQuiz(page, contested.id, { seed: 'sctkeys', mode: 'practice' });
    const id = order.find((x) => items.get(x)!.type === 'concordance')!;
    const item = items.get(id)!;
    const section = page.locator(`[data-item="${id}"]`);
    // Tab into the scale, then move along it with the arrow keys to the rating most sources give.
    await section.locator('input[type="radio"]').first().focus();
    await page.keyboard.press('Space');
    for (let r = -2; r < modalRating(item); r++) await page.keyboard.press('ArrowRight');
    await expect(section.locator(`input[value="${modalRating(item)}"]`)).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(section.getByRole('button', { name: 'Check answer' })).toBeFocused();
    await page.keyboard.press('Enter');
    const feedback = section.getByTestId('item-feedback');
    await expect(feedback).toBeFocused();
    await expect(feedback).toContainText('Correct.');
    await expect(feedback.locator('li')).toHaveCount(item.panel!.length);
    await expect(feedback.getByRole('link', { name: /./ }).first()).toHaveAttribute('href', /\/lessons\/telling-them-apart\/#disagreement-/);
    await expectNoViolations(page);
  });

  test('a source-supported rating that fewer sources give earns partial credit with the reason', async ({ page }) => {
    const order = await startQuiz(page, contested.id, { seed: 'sctpart', mode: 'practice' });
    // A panel where one rating is given by half as many sources as the most common one.
    const count = (it: BankItem, r: number) => it.panel!.filter((p) => p.rating === r).length;
    const halfRating = (it: BankItem) => it.panel!.map((p) => p.rating).find((r) => 2 * count(it, r) === count(it, modalRating(it)));
    const id = order.find((x) => items.get(x)!.type === 'concordance' && halfRating(items.get(x)!) !== undefined)!;
    const item = items.get(id)!;
    const minority = halfRating(item)!;
    const section = page.locator(`[data-item="${id}"]`);
    await section.locator(`input[value="${minority}"]`).check();
    await section.getByRole('button', { name: 'Check answer' }).click();
    await expect(section.getByTestId('item-feedback')).toContainText(/Partly correct\..*Credit 0\.5 of 1\./s);
  });

  test('a key-feature item is answered by keyboard alone in test mode and scored on submission', async ({ page }) => {
    const order = await startQuiz(page, decisions.id, { seed: 'kfkeys', mode: 'test' });
    const id = order.find((x) => items.get(x)!.type === 'key-feature')!;
    const item = items.get(id)!;
    const section = page.locator(`[data-item="${id}"]`);
    for (const f of item.features!) {
      for (const o of f.options.filter((x) => x.correct)) {
        await section.locator(`[data-feature="${f.id}"] input[value="${o.id}"]`).focus();
        await page.keyboard.press('Space');
      }
    }
    for (const other of order.filter((x) => x !== id)) await answer(page.locator(`[data-item="${other}"]`), items.get(other)!, true);
    await page.getByRole('button', { name: /Submit/ }).focus();
    await page.keyboard.press('Enter');
    await expect(
      page.getByTestId('quiz-summary').getByRole('heading', { name: new RegExp(`^Your score: ${order.length} of ${order.length} \\(100%\\)$`) }),
    ).toBeVisible();
    await expect(section.getByTestId('item-feedback')).toContainText(`Correct: all ${item.features!.length} key features.`);
    await expectNoViolations(page);
  });
});

test.describe('where the sources disagree', () => {
  test('the lesson renders every disagreement from content at its own anchor, with editorial notes marked', async ({ page }) => {
    const dir = join(process.env.CALX_CONTENT_DIR ?? 'content', 'disagreements');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    await page.goto('/lessons/telling-them-apart/');
    for (const f of files) {
      const d = YAML.parse(readFileSync(join(dir, f), 'utf8')) as {
        question: string;
        positions: { label: string; evidence: { quote: string }[] }[];
        editorialNotes?: unknown[];
      };
      const section = page.locator(`#disagreement-${f.replace(/\.yaml$/, '')}`);
      await expect(section.getByRole('heading', { name: d.question })).toBeVisible();
      for (const p of d.positions) {
        await expect(section).toContainText(p.label);
        for (const e of p.evidence) await expect(section.locator('q', { hasText: e.quote })).toHaveCount(1);
      }
      await expect(section.getByRole('note')).toHaveCount(d.editorialNotes?.length ?? 0);
      for (const note of await section.getByRole('note').all()) await expect(note).toContainText('Editorial note, not from the paper');
    }
    await expectNoViolations(page);
  });
});

test.describe('quizzes', () => {
  test('the quiz list links every topic and case quiz with its number of questions', async ({ page }) => {
    await page.goto('/quizzes/');
    for (const t of bank()) {
      const card = page.locator(`[data-topic="${t.id}"]`);
      await expect(card.getByRole('link', { name: t.title })).toHaveAttribute('href', `/quizzes/${t.id}/`);
      await expect(card).toContainText(`Questions${t.items.length}`);
    }
  });

  test('practice mode gives feedback after each question, moves focus to it, and ends with the score', async ({ page }) => {
    // Arrange
    const topic = mostVariedTopic();
    const order = await startQuiz(page, topic.id, { seed: 'practice1', mode: 'practice' });
    // Act: miss the first question, answer the rest from the key
    for (const [i, id] of order.entries()) {
      const section = page.locator(`[data-item="${id}"]`);
      await answer(section, items.get(id)!, i > 0);
      await section.getByRole('button', { name: 'Check answer' }).click();
      // Assert: feedback right away, focused and announced
      const feedback = section.getByTestId('item-feedback');
      await expect(feedback).toBeFocused();
      await expect(feedback).toContainText(i === 0 ? /Not correct|Partly correct/ : 'Correct.');
      await expect(feedback).toContainText('Why:');
      await expect(feedback).toContainText('Source:');
      await expect(page.getByTestId('quiz-live')).toContainText(`Question ${i + 1}:`);
      await expect(section.locator('input:not([disabled]):not([readonly]), select:not([disabled])')).toHaveCount(0);
    }
    // Assert
    const summary = page.getByTestId('quiz-summary');
    await expect(summary.getByRole('heading', { name: new RegExp(`^Your score: [\\d.]+ of ${order.length} \\(\\d+%\\)$`) })).toBeVisible();
    await expect(summary).toContainText('1 question you missed or found hard will come back in your review deck.');
  });

  test('a wrong choice is explained, and so is the right one', async ({ page }) => {
    const topic = bank().find((t) => t.items.some((i) => i.type === 'single'))!;
    const order = await startQuiz(page, topic.id, { seed: 'single1', mode: 'practice' });
    const id = order.find((x) => items.get(x)!.type === 'single')!;
    const section = page.locator(`[data-item="${id}"]`);
    await answer(section, items.get(id)!, false);
    await section.getByRole('button', { name: 'Check answer' }).click();
    const feedback = section.getByTestId('item-feedback');
    await expect(feedback.locator('.note-wrong')).toContainText('You chose');
    await expect(feedback.locator('.note-missed')).toContainText('The best answer');
    await expect(section.locator('.mark-wrong')).toContainText('your answer');
  });

  test('checking without an answer says what to do and scores nothing', async ({ page }) => {
    const topic = mostVariedTopic();
    const order = await startQuiz(page, topic.id, { seed: 'empty1', mode: 'practice' });
    // An ordering item always has an order to check, so the first item of another type is the one left empty.
    const first = order.find((id) => items.get(id)!.type !== 'ordering');
    expect(first, 'the quiz has an item that can be left unanswered').toBeDefined();
    const section = page.locator(`[data-item="${first}"]`);
    await section.getByRole('button', { name: 'Check answer' }).click();
    await expect(section.locator('.field-error')).toBeFocused();
    await expect(section.getByTestId('item-feedback')).toHaveCount(0);
  });

  test('a numeric answer that is not a number is explained, not scored', async ({ page }) => {
    const topic = bank().find((t) => t.items.some((i) => i.type === 'numeric'))!;
    const order = await startQuiz(page, topic.id, { seed: 'num1', mode: 'practice' });
    const id = order.find((x) => items.get(x)!.type === 'numeric')!;
    const section = page.locator(`[data-item="${id}"]`);
    await section.getByLabel('Your answer').fill('about ninety');
    await section.getByRole('button', { name: 'Check answer' }).click();
    await expect(section.locator('.field-error')).toContainText('Enter a number');
    await expect(section.getByLabel('Your answer')).toHaveAttribute('aria-invalid', 'true');
    await answer(section, items.get(id)!, true);
    await section.getByRole('button', { name: 'Check answer' }).click();
    await expect(section.getByTestId('item-feedback')).toContainText('Correct.');
  });

  test('test mode shows a countdown, says when time is up without submitting, and gives all feedback at the end', async ({ page }) => {
    // Arrange
    await page.clock.install({ time: T0 });
    const topic = mostVariedTopic();
    const order = await startQuiz(page, topic.id, { seed: 'test1', mode: 'test', time: 5 });
    await expect(page).toHaveURL(/\?seed=test1&mode=test&time=5/);
    await expect(page.getByRole('timer', { name: 'Time left' })).toHaveText(/^(5:00|4:5\d)$/);
    await expect(page.getByTestId('quiz-live')).toContainText('Time limit 5 minutes');
    for (const id of order) await answer(page.locator(`[data-item="${id}"]`), items.get(id)!, true);
    await expect(page.getByRole('button', { name: 'Check answer' })).toHaveCount(0);
    await expect(page.getByTestId('item-feedback')).toHaveCount(0);
    // Act: let the time run out
    // (The fake clock also moves with real time, so the countdown is checked within a few seconds.)
    await page.clock.runFor(240_000);
    await expect(page.getByRole('timer')).toHaveText(/^(1:00|0:[345]\d)$/);
    await expect(page.getByTestId('quiz-live')).toHaveText('1 minute left.');
    await page.clock.runFor(60_000);
    // Assert: told, not submitted, still answerable
    await expect(page.getByTestId('time-up')).toContainText('Time is up. Nothing has been submitted');
    await expect(page.getByTestId('quiz-live')).toContainText('Time is up');
    await expect(page.getByTestId('quiz-summary')).toHaveCount(0);
    await page.getByRole('button', { name: 'Submit the test' }).click();
    const summary = page.getByTestId('quiz-summary');
    await expect(summary.getByRole('heading', { name: `Your score: ${order.length} of ${order.length} (100%)` })).toBeFocused();
    await expect(summary).toContainText('after the time limit of 5 minutes had run out');
    await expect(page.getByTestId('item-feedback')).toHaveCount(order.length);
  });

  test('the same seed shows the same order of questions and options; another seed another order', async ({ page }) => {
    const topic = [...bank()].sort((a, b) => b.items.length - a.items.length)[0]!;
    const options = () => page.locator('.quiz-option').evaluateAll((els) => els.map((e) => e.getAttribute('data-option')));
    const first = await startQuiz(page, topic.id, { seed: 'same1', mode: 'practice' });
    const firstOptions = await options();
    const again = await startQuiz(page, topic.id, { seed: 'same1', mode: 'practice' });
    expect(again).toEqual(first);
    expect(await options()).toEqual(firstOptions);
    await expect(page.locator('.quiz-seed-note')).toContainText('same1');
    const orders = new Set([first.join()]);
    for (const seed of ['other1', 'other2', 'other3']) orders.add((await startQuiz(page, topic.id, { seed, mode: 'practice' })).join());
    expect(orders.size).toBeGreaterThan(1);
  });

  test('a quiz opened without a seed gets one and puts it in the address when it starts', async ({ page }) => {
    await page.goto(`/quizzes/${bank()[0]!.id}/`);
    const seed = (await page.getByTestId('quiz-seed').textContent())!;
    expect(seed).toMatch(/^[a-z0-9]{6}$/);
    await page.getByRole('button', { name: 'Start the quiz' }).click();
    await expect(page).toHaveURL(new RegExp(`\\?seed=${seed}&mode=practice$`));
  });

  test('a quiz can be taken with the keyboard alone, including reordering steps', async ({ page }) => {
    // Arrange: a topic with an ordering item
    const topic = bank().find((t) => t.items.some((i) => i.type === 'ordering'))!;
    await page.goto(`/quizzes/${topic.id}/?seed=keys1`);
    await expect(page.locator('.quiz')).toHaveAttribute('data-ready', 'true');
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 300; i++) {
        if (
          await page
            .locator(selector)
            .evaluate((el) => el === document.activeElement)
            .catch(() => false)
        )
          return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`could not reach ${selector} with Tab`);
    };
    // Act: start with the keyboard
    await tabTo('.quiz-setup button[type="submit"]');
    await page.keyboard.press('Enter');
    await expect(page.locator('.quiz-item h2').first()).toBeFocused();
    const order = await shownOrder(page);
    const id = order.find((x) => items.get(x)!.type === 'ordering')!;
    const item = items.get(id)!;
    const section = `[data-item="${id}"]`;
    const steps = () => page.locator(`${section} [data-step]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-step')!));
    // Move the last step up once, by keyboard; focus stays on the button that moved it.
    const before = await steps();
    const last = before.at(-1)!;
    await tabTo(`${section} [data-step="${last}"] [data-move="up"]`);
    await page.keyboard.press('Enter');
    // Assert
    expect(await steps()).toEqual([...before.slice(0, -2), last, before.at(-2)!]);
    await expect(page.locator(`${section} [data-step="${last}"] [data-move="up"]`)).toBeFocused();
    await expect(page.getByTestId('quiz-live')).toContainText(`moved to position ${before.length - 1} of ${before.length}`);
    await tabTo(`${section} button.button-primary`);
    await page.keyboard.press('Enter');
    await expect(page.locator(`${section} [data-testid="item-feedback"]`)).toBeFocused();
    expect(item.steps!.length).toBe(before.length);
  });

  for (const topic of bank()) {
    test(`every question of "${topic.id}" answered from its key scores 100% in a test`, async ({ page }) => {
      const order = await startQuiz(page, topic.id, { seed: 'key1', mode: 'test' });
      for (const id of order) await answer(page.locator(`[data-item="${id}"]`), items.get(id)!, true);
      await page.getByRole('button', { name: 'Submit the test' }).click();
      await expect(page.getByTestId('quiz-summary').getByRole('heading')).toHaveText(`Your score: ${order.length} of ${order.length} (100%)`);
    });
  }

  test('the review deck brings back a missed question the next day, and answering it moves it on', async ({ page }) => {
    // Arrange: miss one question in practice
    await page.clock.install({ time: T0 });
    const topic = mostVariedTopic();
    const order = await startQuiz(page, topic.id, { seed: 'review1', mode: 'practice' });
    const missed = order[0]!;
    const section = page.locator(`[data-item="${missed}"]`);
    await answer(section, items.get(missed)!, false);
    await section.getByRole('button', { name: 'Check answer' }).click();
    await expect(section.getByTestId('item-feedback')).toBeVisible();
    // Act: the same day, nothing is due yet
    await page.goto('/review/');
    await expect(page.getByTestId('review-empty')).toContainText('Nothing is due for review right now.');
    await expect(page.getByTestId('review-empty')).toContainText('1 question is scheduled');
    // Act: two days later it is due
    await page.clock.setSystemTime(new Date(T0.getTime() + 2 * 86_400_000));
    await page.reload();
    // Assert
    await expect(page.getByTestId('review-count')).toHaveText('1 question is due for review, the longest overdue first.');
    const again = page.locator(`[data-item="${missed}"]`);
    await answer(again, items.get(missed)!, true);
    await again.getByRole('button', { name: 'Check answer' }).click();
    await expect(again.getByTestId('item-feedback')).toContainText('Correct.');
    await page.reload();
    await expect(page.getByTestId('review-empty')).toContainText('Nothing is due for review right now.');
  });

  test('a quiz with feedback shown has no accessibility violations (practice, test and review)', async ({ page }) => {
    // It answers a whole topic three times and runs axe after each: on a loaded two-core machine that
    // can pass the default minute, which would say nothing about accessibility.
    test.slow();
    await page.clock.install({ time: T0 });
    const topic = mostVariedTopic();
    let order = await startQuiz(page, topic.id, { seed: 'axe1', mode: 'practice' });
    for (const [i, id] of order.entries()) {
      const section = page.locator(`[data-item="${id}"]`);
      await answer(section, items.get(id)!, i % 2 === 1);
      await section.getByRole('button', { name: 'Check answer' }).click();
    }
    await expectNoViolations(page);
    order = await startQuiz(page, topic.id, { seed: 'axe2', mode: 'test', time: 10 });
    await expectNoViolations(page);
    await page.clock.runFor(600_000);
    await expect(page.getByTestId('time-up')).toBeVisible();
    await page.getByRole('button', { name: 'Submit the test' }).click();
    await expect(page.getByTestId('quiz-summary')).toBeVisible();
    await expectNoViolations(page);
    await page.clock.setSystemTime(new Date(T0.getTime() + 3 * 86_400_000));
    await page.goto('/review/');
    await expect(page.getByTestId('review-count')).toBeVisible();
    const first = page.locator('.quiz-item').first();
    await answer(first, items.get((await first.getAttribute('data-item'))!)!, false);
    await first.getByRole('button', { name: 'Check answer' }).click();
    await expectNoViolations(page);
  });
});

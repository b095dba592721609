import { expect, type Locator, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';

/**
 * The question bank as the tests see it: read from the content folder at test time, so that the
 * browser tests follow whatever items the bank holds rather than a copy of them.
 */
export interface BankItem {
  id: string;
  type: 'single' | 'multiple' | 'matching' | 'numeric' | 'ordering' | 'concordance' | 'key-feature';
  options?: { id: string; correct: boolean; credit?: number }[];
  panel?: { rating: number }[];
  features?: { id: string; options: { id: string; correct: boolean }[] }[];
  choices?: { id: string }[];
  prompts?: { id: string; match: string }[];
  answer?: number;
  tolerance?: number;
  steps?: { id: string }[];
}
export interface BankTopic {
  id: string;
  title: string;
  items: BankItem[];
}

const contentDir = process.env.CALX_CONTENT_DIR ?? 'content';

export function bank(): BankTopic[] {
  const dir = join(contentDir, 'questions');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const data = YAML.parse(readFileSync(join(dir, f), 'utf8')) as { title: string; items: BankItem[] };
      return { id: f.replace(/\.yaml$/, ''), title: data.title, items: data.items };
    });
}

export const allItems = () => new Map(bank().flatMap((t) => t.items.map((i) => [i.id, i] as const)));

/** The topic with the most kinds of item, for tests that want variety. */
export function mostVariedTopic(): BankTopic {
  return [...bank()].sort((a, b) => new Set(b.items.map((i) => i.type)).size - new Set(a.items.map((i) => i.type)).size || b.items.length - a.items.length)[0]!;
}

/** The ids of the items in the order the page shows them. */
export async function shownOrder(page: Page): Promise<string[]> {
  return page.locator('.quiz-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-item')!));
}

/** Answers one item with the mouse: rightly from the key, or wrongly. */
export async function answer(section: Locator, item: BankItem, right: boolean): Promise<void> {
  switch (item.type) {
    case 'single': {
      // A wrong answer is one no source supports (an option with partial credit is not simply wrong).
      const pick = item.options!.find((o) => o.correct === right && !o.credit)!;
      await section.locator(`input[value="${pick.id}"]`).check();
      return;
    }
    case 'multiple': {
      const picks = right ? item.options!.filter((o) => o.correct) : [item.options!.find((o) => !o.correct)!];
      for (const o of picks) await section.locator(`input[value="${o.id}"]`).check();
      return;
    }
    case 'matching':
      for (const p of item.prompts!) {
        const choice = right ? p.match : item.choices!.find((c) => c.id !== p.match)!.id;
        await section.locator(`[data-prompt="${p.id}"] select`).selectOption(choice);
      }
      return;
    case 'numeric':
      await section.locator('input[type="text"]').fill(String(right ? item.answer : item.answer! * 3 + (item.tolerance ?? 0) * 5 + 1000));
      return;
    case 'ordering': {
      if (!right) return; // the shuffle never starts in the right order
      const key = item.steps!.map((s) => s.id);
      for (let target = 0; target < key.length; target++) {
        for (let guard = 0; guard < key.length; guard++) {
          const order = await section.locator('[data-step]').evaluateAll((els) => els.map((e) => e.getAttribute('data-step')!));
          if (order.indexOf(key[target]!) <= target) break;
          await section.locator(`[data-step="${key[target]}"] [data-move="up"]`).click();
        }
      }
      await expect(section.locator('[data-step]')).toHaveCount(key.length);
      return;
    }
    case 'concordance': {
      await section.locator(`input[value="${right ? modalRating(item) : unsupportedRating(item)}"]`).check();
      return;
    }
    case 'key-feature':
      for (const f of item.features!) {
        const picks = right ? f.options.filter((o) => o.correct) : [f.options.find((o) => !o.correct)!];
        for (const o of picks) await section.locator(`[data-feature="${f.id}"] input[value="${o.id}"]`).check();
      }
      return;
  }
}

/** The rating most sources on a script-concordance panel give (full credit). */
export function modalRating(item: BankItem): number {
  const counts = new Map<number, number>();
  for (const p of item.panel!) counts.set(p.rating, (counts.get(p.rating) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

/** A rating no source on the panel gives (no credit). */
export function unsupportedRating(item: BankItem): number {
  return [-2, -1, 0, 1, 2].find((r) => !item.panel!.some((p) => p.rating === r))!;
}

/** Opens a topic quiz and starts it in a mode; returns the ids in the order shown. */
export async function startQuiz(page: Page, topic: string, options: { seed: string; mode: 'practice' | 'test'; time?: number }): Promise<string[]> {
  await page.goto(`/quizzes/${topic}/?seed=${options.seed}`);
  const quiz = page.locator('.quiz');
  await expect(quiz).toHaveAttribute('data-ready', 'true');
  await quiz.getByRole('radio', { name: options.mode === 'practice' ? /^Practice/ : /^Test/ }).check();
  if (options.time) await quiz.getByLabel('Time limit').selectOption(String(options.time));
  await quiz.getByRole('button', { name: 'Start the quiz' }).click();
  await expect(quiz.locator('.quiz-item').first()).toBeVisible();
  return shownOrder(page);
}

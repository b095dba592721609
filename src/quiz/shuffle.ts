import type { Question } from '../schemas/question';
import { mulberry32 } from '../utils/mulberry32';

/**
 * Seeded shuffling, so that a quiz can be repeated exactly: the seed is shown in the URL
 * (`?seed=`), and the same seed always gives the same order of items and of options.
 */

/** A seed is short and URL-safe. */
export const SEED_PATTERN = /^[a-z0-9]{1,32}$/;

/** A 32-bit hash of a string (FNV-1a), to turn a seed and an item id into a generator state. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A generator seeded by a text (a quiz seed, or a seed and an item id). */
export function seededRandom(seed: string): () => number {
  return mulberry32(hashString(seed));
}

/** Fisher-Yates with the given generator; returns a new list. */
export function shuffled<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A fresh seed of six letters and digits. */
export function newSeed(random: () => number = Math.random): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += 'abcdefghijkmnpqrstuvwxyz23456789'[Math.floor(random() * 32)];
  return s;
}

/** The seed from a URL's query, when it is a usable one. */
export function seedFromQuery(search: string): string | null {
  const seed = new URLSearchParams(search).get('seed')?.trim().toLowerCase() ?? '';
  return SEED_PATTERN.test(seed) ? seed : null;
}

/** An item as a quiz shows it: the order of its options (or prompts, or steps) and, for matching, of its choices. */
export interface ArrangedItem {
  item: Question;
  /** Option ids (single, multiple), prompt ids (matching) or step ids (ordering) in display order; empty for numeric. */
  order: string[];
  /** Choice ids in display order (matching only). */
  choiceOrder: string[];
  /** Key features only: feature id to its option ids in display order. */
  featureOptions?: Record<string, string[]>;
}

/** Shows an item: options shuffled unless the author fixed their order; ordering steps never start in the right order. */
export function arrangeItem(item: Question, seed: string): ArrangedItem {
  const random = seededRandom(`${seed}:${item.id}`);
  switch (item.type) {
    case 'single':
    case 'multiple': {
      const ids = item.options.map((o) => o.id);
      return { item, order: item.fixedOrder ? ids : shuffled(ids, random), choiceOrder: [] };
    }
    case 'matching':
      return {
        item,
        order: shuffled(
          item.prompts.map((p) => p.id),
          random,
        ),
        choiceOrder: shuffled(
          item.choices.map((c) => c.id),
          random,
        ),
      };
    case 'numeric':
    case 'concordance':
      return { item, order: [], choiceOrder: [] };
    case 'key-feature':
      // Features keep their order (they unfold like the case); the options of each are shuffled.
      return {
        item,
        order: item.features.map((f) => f.id),
        choiceOrder: [],
        featureOptions: Object.fromEntries(
          item.features.map((f) => [
            f.id,
            shuffled(
              f.options.map((o) => o.id),
              random,
            ),
          ]),
        ),
      };
    case 'ordering': {
      const key = item.steps.map((s) => s.id);
      let order = shuffled(key, random);
      // A shuffle can land on the answer; starting there would give the item away, so move the first step to the end.
      if (order.every((id, i) => id === key[i])) order = [...order.slice(1), order[0]!];
      return { item, order, choiceOrder: [] };
    }
  }
}

/** Arranges a quiz: the items in a seeded order (or as given), each item's options seeded by the seed and its id. */
export function arrangeQuiz(items: readonly Question[], seed: string, shuffleItems = true): ArrangedItem[] {
  const ordered = shuffleItems ? shuffled(items, seededRandom(seed)) : [...items];
  return ordered.map((item) => arrangeItem(item, seed));
}

import type { Question } from '../schemas/question';

/**
 * Cue statistics for the question bank: the test-wise cues that let a learner answer without knowing
 * the content. Pure functions of the items; `npm run check:content` prints them and
 * `tests/unit/question-cues.test.ts` holds them to the limits below.
 */

/** How much more often than chance the key may be the longest option (10 percentage points). */
export const LONGEST_KEY_MARGIN = 0.1;
/** No option may be longer than this multiple of its item's median option length. */
export const MAX_LENGTH_RATIO = 2;
/** Words that give an item away when only the distractors use them. */
export const ABSOLUTES = /\b(only|never|always|all|every|none|no source|cannot|must|proves?|proven|guarantee[sd]?|any)\b/i;
/** Words in an ordering step that give its place away. */
export const ORDER_WORDS = /\b(first|second|third|then|next|finally|last|later|afterwards?|before|after|once)\b|\b(day|POD|week|month)s?\s*\d/i;
/** A lead-in that asks what a paper said rather than what to do. */
export const RECALL_LEAD_IN = /according to|\b(report|paper|teaching file|the file|authors?|course sources|table \d)\b/i;

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The option lists of an item that a learner chooses from (single, multiple, and each key feature). */
export function optionLists(item: Question): { where: string; options: { id: string; text: string; correct: boolean }[] }[] {
  switch (item.type) {
    case 'single':
    case 'multiple':
      return [{ where: 'options', options: item.options }];
    case 'key-feature':
      return item.features.map((f) => ({ where: `features.${f.id}`, options: f.options }));
    default:
      return [];
  }
}

export interface CueStatistics {
  /** Single-best-answer items. */
  singleItems: number;
  /** Of those, items whose key is the longest option (a tie counts as longest). */
  keyLongest: string[];
  /** The share of single items where the key would be longest by chance: the mean of 1/n. */
  chanceShare: number;
  /** The most the key may be longest: chance + 10 points, as a share. */
  allowedShare: number;
  /** Options longer than twice their list's median length: "item/option (length vs median)". */
  overlong: string[];
  /** Single items where an absolute word appears in a distractor but not in the key. */
  absolutesOnlyInDistractors: string[];
  /** Matching items where every choice is some prompt's answer, so the last match is free by elimination. */
  matchingWithoutSpareChoice: string[];
  /** Ordering items whose step texts carry order words or day numbers. */
  orderingWithCues: string[];
  /** Items whose lead-in asks what a paper said rather than for a decision. */
  recallLeadIns: string[];
  /** All items and counts by type. */
  items: number;
  byType: Record<string, number>;
}

/** The last paragraph of the stem: the lead-in. */
export const leadIn = (stem: string) =>
  stem
    .trim()
    .split(/\n\s*\n/)
    .at(-1)!
    .trim();

export function cueStatistics(items: readonly Question[]): CueStatistics {
  const singles = items.filter((q): q is Extract<Question, { type: 'single' }> => q.type === 'single');
  const keyLongest = singles.filter((q) => {
    const key = q.options.find((o) => o.correct)!;
    return q.options.every((o) => o.text.length <= key.text.length);
  });
  const chanceShare = singles.length ? singles.reduce((s, q) => s + 1 / q.options.length, 0) / singles.length : 0;
  const overlong: string[] = [];
  for (const q of items)
    for (const list of optionLists(q)) {
      const m = median(list.options.map((o) => o.text.length));
      for (const o of list.options)
        if (o.text.length > MAX_LENGTH_RATIO * m) overlong.push(`${q.id}/${o.id} (${o.text.length} characters against a median of ${m})`);
    }
  const absolutesOnlyInDistractors = singles
    .filter((q) => {
      const key = q.options.find((o) => o.correct)!;
      return !ABSOLUTES.test(key.text) && q.options.some((o) => !o.correct && ABSOLUTES.test(o.text));
    })
    .map((q) => q.id);
  const matchingWithoutSpareChoice = items
    .filter((q): q is Extract<Question, { type: 'matching' }> => q.type === 'matching')
    .filter((q) => q.choices.every((c) => q.prompts.some((p) => p.match === c.id)))
    .map((q) => q.id);
  const orderingWithCues = items
    .filter((q): q is Extract<Question, { type: 'ordering' }> => q.type === 'ordering')
    .filter((q) => q.steps.some((s) => ORDER_WORDS.test(s.text)))
    .map((q) => q.id);
  const recallLeadIns = items.filter((q) => RECALL_LEAD_IN.test(leadIn(q.stem))).map((q) => q.id);
  const byType: Record<string, number> = {};
  for (const q of items) byType[q.type] = (byType[q.type] ?? 0) + 1;
  return {
    singleItems: singles.length,
    keyLongest: keyLongest.map((q) => q.id),
    chanceShare,
    allowedShare: chanceShare + LONGEST_KEY_MARGIN,
    overlong,
    absolutesOnlyInDistractors,
    matchingWithoutSpareChoice,
    orderingWithCues,
    recallLeadIns,
    items: items.length,
    byType,
  };
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The statistics as lines for `npm run check:content`. */
export function formatCueStatistics(s: CueStatistics): string[] {
  const share = s.singleItems ? s.keyLongest.length / s.singleItems : 0;
  /** How many, then which in brackets (nothing when none). */
  const counted = (ids: readonly string[], separator: string) => `${ids.length}${ids.length ? ` (${ids.join(separator)})` : ''}`;
  return [
    `cue statistics (${s.items} items: ${Object.entries(s.byType)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')}):`,
    `  key is the longest option: ${s.keyLongest.length} of ${s.singleItems} single-best-answer items ` +
      `(${pct(share)}; chance ${pct(s.chanceShare)}, limit ${pct(s.allowedShare)})`,
    `  options over ${MAX_LENGTH_RATIO}x their item's median length: ${s.overlong.length}${s.overlong.length ? ` (${s.overlong.join('; ')})` : ''}`,
    `  absolutes only in distractors: ${counted(s.absolutesOnlyInDistractors, ', ')}`,
    `  matching items with no spare choice: ${counted(s.matchingWithoutSpareChoice, ', ')}`,
    `  ordering items with order words in their steps: ${counted(s.orderingWithCues, ', ')}`,
    `  lead-ins asking what a paper said: ${s.recallLeadIns.length} of ${s.items}`,
  ];
}

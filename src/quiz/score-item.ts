import type { Question } from '../schemas/question';
import type { ItemAnswer } from './answers';
import { displayUnit, formatNumber } from './numeric';

/**
 * Scoring of one item: a pure function of the item (with its key) and the learner's answer, in the
 * same spirit as case scoring. Every result carries the credit (0 to 1), whether it is fully
 * correct, and the feedback: why the right answer is right, and why each wrong choice the learner
 * made is wrong.
 */

export interface FeedbackNote {
  /** right: a right choice the learner made; wrong: a wrong one they made; missed: a right one they did not make. */
  tone: 'right' | 'wrong' | 'missed';
  /** What the note is about, e.g. `You chose "Calciphylaxis"`. */
  label: string;
  /** Why, from the item's explanations. */
  text: string;
  /** Script concordance: the panel source (an id) whose view the note gives; the island names it. */
  source?: string;
}

export type Verdict = 'correct' | 'partial' | 'incorrect' | 'unanswered';

export interface ItemResult {
  item: string;
  /** 0 to 1. */
  credit: number;
  /** Full credit. */
  correct: boolean;
  verdict: Verdict;
  /** One sentence: what the learner got. */
  summary: string;
  /** Why the right answer is right (the item's explanation). */
  explanation: string;
  notes: FeedbackNote[];
}

const quoted = (text: string) => `“${text}”`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function result(item: Question, credit: number, answered: boolean, summary: string, notes: FeedbackNote[]): ItemResult {
  const c = Math.min(1, Math.max(0, credit));
  const correct = c >= 1 - 1e-9;
  const verdict: Verdict = !answered ? 'unanswered' : correct ? 'correct' : c > 0 ? 'partial' : 'incorrect';
  return { item: item.id, credit: correct ? 1 : c, correct, verdict, summary, explanation: item.explanation, notes };
}

type Of<T extends Question['type']> = Extract<Question, { type: T }>;
type AnswerOf<T extends ItemAnswer['type']> = Extract<ItemAnswer, { type: T }>;

export function scoreSingle(item: Of<'single'>, answer: AnswerOf<'single'> | undefined): ItemResult {
  const right = item.options.find((o) => o.correct)!;
  const chosen = item.options.find((o) => o.id === answer?.choice);
  if (!chosen) return result(item, 0, false, 'Not answered.', [{ tone: 'missed', label: `The best answer: ${quoted(right.text)}`, text: right.explanation }]);
  if (chosen.correct)
    return result(item, 1, true, 'That is the best answer.', [{ tone: 'right', label: `You chose ${quoted(chosen.text)}`, text: chosen.explanation }]);
  // A position a source supports on a contested point is never scored as simply wrong.
  if (chosen.credit !== undefined)
    return result(item, chosen.credit, true, 'Partly right: a source supports this position, though the sources disagree.', [
      { tone: 'right', label: `You chose ${quoted(chosen.text)} (partial credit)`, text: chosen.explanation },
      { tone: 'missed', label: `The best-supported answer: ${quoted(right.text)}`, text: right.explanation },
    ]);
  return result(item, 0, true, 'Another option is better.', [
    { tone: 'wrong', label: `You chose ${quoted(chosen.text)}`, text: chosen.explanation },
    { tone: 'missed', label: `The best answer: ${quoted(right.text)}`, text: right.explanation },
  ]);
}

/**
 * Partial credit: the share of right options chosen, minus the share of wrong options chosen, never
 * below 0. Choosing everything scores 0, as does choosing nothing; only the exact set scores 1.
 */
export function scoreMultiple(item: Of<'multiple'>, answer: AnswerOf<'multiple'> | undefined): ItemResult {
  const chosen = new Set(answer?.choices ?? []);
  const rights = item.options.filter((o) => o.correct);
  const wrongs = item.options.filter((o) => !o.correct);
  const hits = rights.filter((o) => chosen.has(o.id)).length;
  const falsePicks = wrongs.filter((o) => chosen.has(o.id)).length;
  const credit = hits / rights.length - (wrongs.length ? falsePicks / wrongs.length : 0);
  const notes: FeedbackNote[] = [];
  for (const o of item.options) {
    if (chosen.has(o.id))
      notes.push({ tone: o.correct ? 'right' : 'wrong', label: `You chose ${quoted(o.text)}${o.correct ? '' : ' (wrong)'}`, text: o.explanation });
    else if (o.correct) notes.push({ tone: 'missed', label: `You left out ${quoted(o.text)}`, text: o.explanation });
  }
  const answered = hits + falsePicks > 0;
  const summary = !answered
    ? `Not answered: ${plural(rights.length, 'option')} ${rights.length === 1 ? 'was' : 'were'} right.`
    : hits === rights.length && falsePicks === 0
      ? `Correct: you chose all ${plural(rights.length, 'right option')} and no wrong one.`
      : `You chose ${hits} of ${plural(rights.length, 'right option')}${falsePicks ? ` and ${plural(falsePicks, 'wrong one')}` : ''}.`;
  return result(item, credit, answered, summary, notes);
}

/** Partial credit: the share of prompts matched to their right choice. */
export function scoreMatching(item: Of<'matching'>, answer: AnswerOf<'matching'> | undefined): ItemResult {
  const matches = answer?.matches ?? {};
  const text = (id: string | null | undefined) => item.choices.find((c) => c.id === id)?.text;
  let right = 0;
  let answered = false;
  const notes: FeedbackNote[] = item.prompts.map((p) => {
    const given = text(matches[p.id]);
    const key = text(p.match)!;
    if (given !== undefined) answered = true;
    if (matches[p.id] === p.match) {
      right++;
      return { tone: 'right', label: `${quoted(p.text)} goes with ${quoted(key)}`, text: p.explanation };
    }
    return given === undefined
      ? { tone: 'missed', label: `${quoted(p.text)} was not matched; it goes with ${quoted(key)}`, text: p.explanation }
      : { tone: 'wrong', label: `${quoted(p.text)}: you matched ${quoted(given)}; it goes with ${quoted(key)}`, text: p.explanation };
  });
  const n = item.prompts.length;
  const summary = !answered ? 'Not answered.' : right === n ? `Correct: all ${n} matches.` : `${right} of ${n} matches right.`;
  return result(item, right / n, answered, summary, notes);
}

/** Full credit within the tolerance; a wrong answer near a known mistake gets that mistake's explanation. */
export function scoreNumeric(item: Of<'numeric'>, answer: AnswerOf<'numeric'> | undefined): ItemResult {
  const unit = displayUnit(item.unit);
  const within = (value: number, target: number, tolerance: number) => Math.abs(value - target) <= tolerance + 1e-9 * Math.max(1, Math.abs(target));
  const accepted =
    item.tolerance > 0
      ? `${formatNumber(item.answer)} ${unit} (accepted from ${formatNumber(item.answer - item.tolerance)} to ${formatNumber(item.answer + item.tolerance)})`
      : `${formatNumber(item.answer)} ${unit}`;
  const value = answer?.value ?? null;
  if (value === null) return result(item, 0, false, 'Not answered.', [{ tone: 'missed', label: `The answer: ${accepted}`, text: item.explanation }]);
  const yours = `Your answer: ${formatNumber(value)} ${unit}`;
  if (within(value, item.answer, item.tolerance))
    return result(item, 1, true, 'Correct.', [
      { tone: 'right', label: yours, text: `It is within ${formatNumber(item.tolerance)} ${unit} of ${formatNumber(item.answer)} ${unit}.` },
    ]);
  const mistake = item.misconceptions.find((m) => within(value, m.value, m.tolerance));
  return result(item, 0, true, mistake ? 'Not correct: this is a known mistake.' : 'Not correct.', [
    { tone: 'wrong', label: yours, text: mistake ? mistake.explanation : `It is not within ${formatNumber(item.tolerance)} ${unit} of the answer.` },
    { tone: 'missed', label: `The answer: ${accepted}`, text: item.explanation },
  ]);
}

/** Partial credit by position: the share of steps the learner put in their right place. */
export function scoreOrdering(item: Of<'ordering'>, answer: AnswerOf<'ordering'> | undefined): ItemResult {
  const order = answer?.order ?? [];
  const n = item.steps.length;
  let right = 0;
  const notes: FeedbackNote[] = item.steps.map((s, i) => {
    const at = order.indexOf(s.id);
    if (at === i) {
      right++;
      return { tone: 'right', label: `Step ${i + 1}: ${quoted(s.text)}`, text: s.explanation };
    }
    return {
      tone: 'wrong',
      label: `Step ${i + 1}: ${quoted(s.text)}${at >= 0 ? ` (you put it at position ${at + 1})` : ' (not placed)'}`,
      text: s.explanation,
    };
  });
  const answered = order.length > 0;
  const summary = !answered ? 'Not answered.' : right === n ? `Correct: all ${n} steps in order.` : `${right} of ${plural(n, 'step')} in the right place.`;
  return result(item, right / n, answered, summary, notes);
}

/** The words of the script-concordance scale, by what it measures. */
export const CONCORDANCE_WORDS: Record<'likely' | 'appropriate', Record<string, string>> = {
  likely: { '-2': 'much less likely', '-1': 'less likely', '0': 'neither more nor less likely', '1': 'more likely', '2': 'much more likely' },
  appropriate: {
    '-2': 'much less appropriate',
    '-1': 'less appropriate',
    '0': 'neither more nor less appropriate',
    '1': 'more appropriate',
    '2': 'much more appropriate',
  },
};
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/**
 * Script concordance, aggregate scoring: the credit for a rating is the number of panel sources that
 * give it divided by the number that give the most popular rating. The rating most sources give
 * earns 1; a rating fewer sources give earns its share; a rating no source gives earns 0. Every
 * source's rating and reason is shown, whatever the learner chose.
 */
export function scoreConcordance(item: Of<'concordance'>, answer: AnswerOf<'concordance'> | undefined): ItemResult {
  const words = CONCORDANCE_WORDS[item.scale];
  const counts = new Map<number, number>();
  for (const p of item.panel) counts.set(p.rating, (counts.get(p.rating) ?? 0) + 1);
  const modal = Math.max(...counts.values());
  const rating = answer?.rating ?? null;
  const panelNotes: FeedbackNote[] = item.panel.map((p) => ({
    tone: rating === p.rating ? 'right' : 'missed',
    label: `rates it ${signed(p.rating)} (${words[String(p.rating)]})`,
    text: p.reason,
    source: p.source,
  }));
  if (rating === null) return result(item, 0, false, 'Not answered.', panelNotes);
  const agree = counts.get(rating) ?? 0;
  const credit = agree / modal;
  const n = item.panel.length;
  const OTHER_RATINGS = '; more sources give another rating';
  const summary =
    agree === 0
      ? `You rated ${signed(rating)} (${words[String(rating)]}); none of the ${n} sources on the panel would.`
      : `You rated ${signed(rating)} (${words[String(rating)]}), as ${agree} of the ${n} sources on the panel would${credit < 1 ? OTHER_RATINGS : ''}.`;
  return result(item, credit, true, summary, panelNotes);
}

/** Key features: each feature scored like multiple select; the item's credit is the mean over its features. */
export function scoreKeyFeature(item: Of<'key-feature'>, answer: AnswerOf<'key-feature'> | undefined): ItemResult {
  const choices = answer?.choices ?? {};
  const notes: FeedbackNote[] = [];
  let total = 0;
  let answered = false;
  let full = 0;
  for (const f of item.features) {
    const chosen = new Set(choices[f.id] ?? []);
    if (chosen.size > 0) answered = true;
    const rights = f.options.filter((o) => o.correct);
    const wrongs = f.options.filter((o) => !o.correct);
    const hits = rights.filter((o) => chosen.has(o.id)).length;
    const falsePicks = wrongs.filter((o) => chosen.has(o.id)).length;
    const credit = Math.max(0, hits / rights.length - (wrongs.length ? falsePicks / wrongs.length : 0));
    if (credit >= 1 - 1e-9) full++;
    total += credit;
    for (const o of f.options) {
      if (chosen.has(o.id))
        notes.push({
          tone: o.correct ? 'right' : 'wrong',
          label: `${f.question} You chose ${quoted(o.text)}${o.correct ? '' : ' (wrong)'}`,
          text: o.explanation,
        });
      else if (o.correct) notes.push({ tone: 'missed', label: `${f.question} You left out ${quoted(o.text)}`, text: o.explanation });
    }
  }
  const n = item.features.length;
  const summary = !answered ? 'Not answered.' : full === n ? `Correct: all ${n} key features.` : `${full} of ${n} key features fully right.`;
  return result(item, total / n, answered, summary, notes);
}

/** Scores any item; an answer of another type (e.g. the item changed type since) counts as no answer. */
export function scoreItem(item: Question, answer: ItemAnswer | undefined): ItemResult {
  const a = answer && answer.type === item.type ? answer : undefined;
  switch (item.type) {
    case 'single':
      return scoreSingle(item, a as AnswerOf<'single'> | undefined);
    case 'multiple':
      return scoreMultiple(item, a as AnswerOf<'multiple'> | undefined);
    case 'matching':
      return scoreMatching(item, a as AnswerOf<'matching'> | undefined);
    case 'numeric':
      return scoreNumeric(item, a as AnswerOf<'numeric'> | undefined);
    case 'ordering':
      return scoreOrdering(item, a as AnswerOf<'ordering'> | undefined);
    case 'concordance':
      return scoreConcordance(item, a as AnswerOf<'concordance'> | undefined);
    case 'key-feature':
      return scoreKeyFeature(item, a as AnswerOf<'key-feature'> | undefined);
  }
}

/** The answer a fresh item starts with: nothing chosen, and for ordering the order it is shown in. */
export function blankAnswer(item: Question, shownOrder: readonly string[] = []): ItemAnswer {
  switch (item.type) {
    case 'single':
      return { type: 'single', choice: null };
    case 'multiple':
      return { type: 'multiple', choices: [] };
    case 'matching':
      return { type: 'matching', matches: Object.fromEntries(item.prompts.map((p) => [p.id, null])) };
    case 'numeric':
      return { type: 'numeric', value: null };
    case 'ordering':
      return { type: 'ordering', order: [...shownOrder] };
    case 'concordance':
      return { type: 'concordance', rating: null };
    case 'key-feature':
      return { type: 'key-feature', choices: Object.fromEntries(item.features.map((f) => [f.id, []])) };
  }
}

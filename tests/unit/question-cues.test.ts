import { describe, expect, it } from 'vitest';
import { course, contentDir, projectRoot } from '../helpers/content';
import { loadQuestionBank } from '../../src/content-loading/load-questions';
import { loadDisagreements } from '../../src/content-loading/load-disagreements';
import { cueStatistics, MAX_LENGTH_RATIO } from '../../src/quiz/cue-stats';
import { QuestionSchema, type Question } from '../../src/schemas/question';

const sourceIds = new Set(course.sources.map((s) => s.id));
const disagreements = loadDisagreements(contentDir, sourceIds, projectRoot);
const bank = loadQuestionBank(
  contentDir,
  { caseSlugs: new Set(course.cases.map((c) => c.slug)), sourceIds, disagreementIds: new Set(disagreements.map((d) => d.id)), cases: course.cases },
  projectRoot,
);
const items = bank.topics.flatMap((t) => t.items);
const stats = cueStatistics(items);

describe('the question bank cannot be passed by test-wise guessing', () => {
  it('the key is the longest option in no more single-best-answer items than chance plus 10 points', () => {
    expect(stats.singleItems).toBeGreaterThan(0);
    expect(stats.keyLongest.length / stats.singleItems, `key longest in: ${stats.keyLongest.join(', ')}`).toBeLessThanOrEqual(stats.allowedShare);
  });

  it(`no option is more than ${MAX_LENGTH_RATIO}x the median option length of its item`, () => {
    expect(stats.overlong).toEqual([]);
  });

  it('no single-best-answer item gives itself away with absolutes found only in its distractors', () => {
    expect(stats.absolutesOnlyInDistractors).toEqual([]);
  });

  it('every matching item has a spare choice, so the last match is never free', () => {
    expect(stats.matchingWithoutSpareChoice).toEqual([]);
  });

  it('no ordering step carries its place in its own words (days, "first", "then")', () => {
    expect(stats.orderingWithCues).toEqual([]);
  });
});

describe('the bank as a whole', () => {
  it('holds at least 70 items, including script-concordance and key-feature items', () => {
    expect(items.length).toBeGreaterThanOrEqual(70);
    expect(stats.byType.concordance ?? 0).toBeGreaterThan(0);
    expect(stats.byType['key-feature'] ?? 0).toBeGreaterThan(0);
  });

  it('tests every disagreement with at least one script-concordance item', () => {
    const linked = new Set(items.filter((q) => q.type === 'concordance').flatMap((q) => q.disagreements));
    expect(disagreements.map((d) => d.id).filter((id) => !linked.has(id))).toEqual([]);
  });

  it('asks for a decision, not what a paper said, in most items', () => {
    expect(stats.recallLeadIns.length / stats.items).toBeLessThan(0.3);
  });
});

describe('the cue statistics detect cues', () => {
  const make = (id: string, texts: string[], key = 0) =>
    QuestionSchema.parse({
      id,
      type: 'single',
      stem: 'Which?',
      concepts: ['processes'],
      objectives: ['distinguish-processes'],
      difficulty: 'easy',
      explanation: 'Why.',
      evidence: { source: 'gardner-2024' },
      options: texts.map((text, i) => ({ id: `o${i}`, text, correct: i === key, explanation: 'e' })),
    }) as Question;

  it('counts an item whose key is the longest option, a tie included', () => {
    const s = cueStatistics([
      make('a', ['A much longer key option', 'short', 'brief']),
      make('b', ['same', 'same', 'xx']),
      make('c', ['key', 'a longer distractor', 'x']),
    ]);
    expect(s.keyLongest).toEqual(['a', 'b']);
    expect(s.chanceShare).toBeCloseTo(1 / 3);
  });

  it('flags an option over twice the median and absolutes only in distractors', () => {
    const s = cueStatistics([
      make('a', ['key', 'This option is far far longer than the rest', 'abc']),
      make('b', ['Hedged key', 'It never happens', 'Only sometimes']),
    ]);
    expect(s.overlong).toHaveLength(1);
    expect(s.absolutesOnlyInDistractors).toEqual(['b']);
  });
});

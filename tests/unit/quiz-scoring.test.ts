import { describe, expect, it } from 'vitest';
import { scoreItem, scoreMatching, scoreMultiple, scoreNumeric, scoreOrdering, scoreSingle, blankAnswer } from '../../src/quiz/score-item';
import { scoreQuiz } from '../../src/quiz/score-quiz';
import { readNumber, displayUnit } from '../../src/quiz/numeric';
import { arrangeItem, arrangeQuiz, newSeed, seedFromQuery, seededRandom } from '../../src/quiz/shuffle';
import { allItems, matching, multiple, numeric, ordering, single } from '../helpers/quiz-items';

describe('single best answer', () => {
  it('gives full credit for the right option and explains it', () => {
    const r = scoreSingle(single, { type: 'single', choice: 'calciphylaxis' });
    expect([r.credit, r.correct, r.verdict]).toEqual([1, true, 'correct']);
    expect(r.notes).toEqual([{ tone: 'right', label: 'You chose “Calciphylaxis”', text: 'It is defined by vessel-wall calcium.' }]);
  });

  it('gives no credit for a wrong option and explains both the wrong choice and the right one', () => {
    const r = scoreSingle(single, { type: 'single', choice: 'dystrophic' });
    expect([r.credit, r.correct, r.verdict]).toEqual([0, false, 'incorrect']);
    expect(r.notes.map((n) => [n.tone, n.text])).toEqual([
      ['wrong', 'Damaged tissue, normal minerals.'],
      ['missed', 'It is defined by vessel-wall calcium.'],
    ]);
    expect(r.explanation).toBe('Why the key is right.');
  });

  it('scores no answer as unanswered with no credit', () => {
    expect(scoreSingle(single, { type: 'single', choice: null })).toMatchObject({ credit: 0, verdict: 'unanswered' });
  });
});

describe('multiple select (partial credit: right share minus wrong share)', () => {
  const pick = (...choices: string[]) => scoreMultiple(multiple, { type: 'multiple', choices });

  it('gives full credit for exactly the right options', () => {
    expect(pick('esrd', 'cirrhosis')).toMatchObject({ credit: 1, correct: true, verdict: 'correct' });
  });

  it('gives half credit for one of two right options and no wrong one', () => {
    expect(pick('esrd')).toMatchObject({ credit: 0.5, correct: false, verdict: 'partial', summary: 'You chose 1 of 2 right options.' });
  });

  it('takes off the share of wrong options chosen', () => {
    expect(pick('esrd', 'cirrhosis', 'sport').credit).toBeCloseTo(0.5);
  });

  it('gives nothing for choosing every option', () => {
    expect(pick('esrd', 'cirrhosis', 'sport', 'myopia')).toMatchObject({ credit: 0, verdict: 'incorrect' });
  });

  it('never goes below zero', () => {
    expect(pick('sport', 'myopia').credit).toBe(0);
  });

  it('explains each wrong option chosen and each right option left out, but not wrong options left alone', () => {
    expect(pick('esrd', 'sport').notes.map((n) => [n.tone, n.label])).toEqual([
      ['right', 'You chose “End-stage kidney disease”'],
      ['missed', 'You left out “Cirrhosis”'],
      ['wrong', 'You chose “Endurance sport” (wrong)'],
    ]);
  });
});

describe('matching (partial credit: share of prompts matched right)', () => {
  const all = { scar: 'dys', 'high-p': 'met', necrosis: 'cal', 'incision-2': 'dys' };

  it('gives full credit when every prompt is matched right, a choice serving two prompts', () => {
    expect(scoreMatching(matching, { type: 'matching', matches: all })).toMatchObject({ credit: 1, correct: true, summary: 'Correct: all 4 matches.' });
  });

  it('gives credit for the share matched right and says what each wrong match should have been', () => {
    const r = scoreMatching(matching, { type: 'matching', matches: { ...all, necrosis: 'met', 'incision-2': null } });
    expect([r.credit, r.verdict, r.summary]).toEqual([0.5, 'partial', '2 of 4 matches right.']);
    expect(r.notes.filter((n) => n.tone !== 'right').map((n) => n.label)).toEqual([
      '“Skin necrosis over calcified vessels”: you matched “Metastatic”; it goes with “Calciphylaxis”',
      '“In an ischaemic graft with normal calcium” was not matched; it goes with “Dystrophic”',
    ]);
  });
});

describe('numeric (tolerance, unit and misconceptions)', () => {
  const answer = (value: number | null) => scoreNumeric(numeric, { type: 'numeric', value });

  it('accepts an answer within the tolerance, inclusive', () => {
    expect(answer(95.4)).toMatchObject({ credit: 1, correct: true });
    expect(answer(96.4)).toMatchObject({ credit: 1, correct: true });
    expect(answer(94.4)).toMatchObject({ credit: 1, correct: true });
  });

  it('rejects an answer just outside the tolerance and states the accepted range with the unit', () => {
    const r = answer(96.5);
    expect([r.credit, r.correct]).toEqual([0, false]);
    expect(r.notes.at(-1)!.label).toBe('The answer: 95.4 mg²/dL² (accepted from 94.4 to 96.4)');
  });

  it('explains a known mistake when the answer is near it', () => {
    const r = answer(19.6);
    expect(r.summary).toBe('Not correct: this is a known mistake.');
    expect(r.notes[0]).toEqual({ tone: 'wrong', label: 'Your answer: 19.6 mg²/dL²', text: 'You added the two values; the product multiplies them.' });
  });

  it('scores no number as unanswered', () => {
    expect(answer(null)).toMatchObject({ credit: 0, verdict: 'unanswered' });
  });
});

describe('ordering (partial credit by position)', () => {
  const order = (...ids: string[]) => scoreOrdering(ordering, { type: 'ordering', order: ids });

  it('gives full credit for the right order', () => {
    expect(order('history', 'labs', 'imaging', 'biopsy')).toMatchObject({ credit: 1, correct: true });
  });

  it('gives credit for each step in its right place', () => {
    const r = order('history', 'imaging', 'labs', 'biopsy');
    expect([r.credit, r.summary]).toEqual([0.5, '2 of 4 steps in the right place.']);
    expect(r.notes[1]).toEqual({ tone: 'wrong', label: 'Step 2: “Measure calcium, phosphate and PTH” (you put it at position 3)', text: 'Second.' });
  });

  it('gives nothing when no step is in its place', () => {
    expect(order('biopsy', 'history', 'labs', 'imaging').credit).toBe(0);
  });
});

describe('scoreItem', () => {
  it('treats an answer of another type as no answer', () => {
    expect(scoreItem(single, { type: 'numeric', value: 3 })).toMatchObject({ credit: 0, verdict: 'unanswered' });
  });

  it('starts a blank answer for every type, ordering in the shown order', () => {
    expect(allItems.map((i) => blankAnswer(i, ['b', 'a']).type)).toEqual(['single', 'multiple', 'matching', 'numeric', 'ordering']);
    expect(blankAnswer(ordering, ['b', 'a'])).toEqual({ type: 'ordering', order: ['b', 'a'] });
  });
});

describe('scoreQuiz', () => {
  it('sums the credits per item and gives a percentage, unanswered items scoring 0', () => {
    // Arrange
    const answers = {
      'single-1': { type: 'single', choice: 'calciphylaxis' },
      'multiple-1': { type: 'multiple', choices: ['esrd'] },
      'numeric-1': { type: 'numeric', value: 19.6 },
      'ordering-1': { type: 'ordering', order: ['history', 'labs', 'imaging', 'biopsy'] },
    } as const;
    // Act
    const score = scoreQuiz(allItems, answers as never);
    // Assert
    expect(score.items.map((r) => r.credit)).toEqual([1, 0.5, 0, 0, 1]);
    expect([score.credit, score.count, score.percent]).toEqual([2.5, 5, 50]);
  });
});

describe('reading a typed number', () => {
  it.each([
    ['95.4', 95.4],
    [' 95,4 ', 95.4],
    ['95.4 mg2/dL2', 95.4],
    ['95.4 mg²/dL²', 95.4],
    ['-1.5', -1.5],
    ['.5', 0.5],
  ])('reads %j as %d', (text, value) => {
    expect(readNumber(text, 'mg2/dL2')).toEqual({ value });
  });

  it('explains what to type rather than scoring a typo', () => {
    expect(readNumber('about 90', 'mg2/dL2')).toEqual({ problem: 'Enter a number, for example 7.5 (in mg²/dL²).' });
    expect(readNumber('', 'mg/dL')).toEqual({ problem: 'Enter a number.' });
  });

  it('prints UCUM powers and micro as they are written', () => {
    expect([displayUnit('mg2/dL2'), displayUnit('umol/L'), displayUnit('mmol/L'), displayUnit('pg/mL')]).toEqual(['mg²/dL²', 'µmol/L', 'mmol/L', 'pg/mL']);
  });
});

describe('seeded shuffling', () => {
  it('gives the same order of items and options for the same seed', () => {
    const a = arrangeQuiz(allItems, 'abc123');
    const b = arrangeQuiz(allItems, 'abc123');
    expect(b.map((x) => [x.item.id, x.order, x.choiceOrder])).toEqual(a.map((x) => [x.item.id, x.order, x.choiceOrder]));
  });

  it('gives other orders for other seeds', () => {
    const orders = new Set(
      ['s1', 's2', 's3', 's4', 's5', 's6'].map((s) =>
        arrangeQuiz(allItems, s)
          .map((x) => `${x.item.id}:${x.order.join(',')}`)
          .join('|'),
      ),
    );
    expect(orders.size).toBeGreaterThan(1);
  });

  it('keeps every item and every option exactly once', () => {
    const arranged = arrangeQuiz(allItems, 'zz9');
    expect(arranged.map((x) => x.item.id).sort()).toEqual(allItems.map((i) => i.id).sort());
    expect([...arrangeItem(multiple, 'zz9').order].sort()).toEqual(multiple.options.map((o) => o.id).sort());
  });

  it('keeps the authored item order when asked, as a lesson does', () => {
    expect(arrangeQuiz(allItems, 'abc', false).map((x) => x.item.id)).toEqual(allItems.map((i) => i.id));
  });

  it('keeps the authored option order of an item marked fixedOrder', () => {
    expect(arrangeItem({ ...single, fixedOrder: true }, 'any').order).toEqual(['calciphylaxis', 'dystrophic', 'metastatic']);
  });

  it('never shows an ordering item already in the right order', () => {
    for (let i = 0; i < 200; i++) expect(arrangeItem(ordering, `s${i}`).order).not.toEqual(['history', 'labs', 'imaging', 'biopsy']);
  });

  it('reads a usable seed from the query and ignores anything else', () => {
    expect(seedFromQuery('?seed=Abc123&mode=test')).toBe('abc123');
    expect(seedFromQuery('?seed=<script>')).toBeNull();
    expect(seedFromQuery('')).toBeNull();
  });

  it('makes new seeds of six URL-safe characters, repeatably from a seeded generator', () => {
    expect(newSeed(seededRandom('x'))).toMatch(/^[a-z0-9]{6}$/);
    expect(newSeed(seededRandom('x'))).toBe(newSeed(seededRandom('x')));
  });
});

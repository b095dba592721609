import { describe, expect, it } from 'vitest';
import { QuestionSchema, type Question } from '../../src/schemas/question';
import { blankAnswer, scoreConcordance, scoreItem, scoreKeyFeature, scoreSingle } from '../../src/quiz/score-item';
import { answerShapeProblem, isAnswered } from '../../src/quiz/answers';
import { arrangeItem } from '../../src/quiz/shuffle';

const base = {
  concepts: ['processes'],
  objectives: ['distinguish-processes'],
  difficulty: 'hard',
  explanation: 'The sources split.',
  evidence: { source: 'hale-2003' },
};

const concordance = QuestionSchema.parse({
  ...base,
  id: 'sct-1',
  type: 'concordance',
  stem: 'Painful plaques on dialysis.',
  hypothesis: 'Calciphylaxis',
  newInformation: 'The skin is intact.',
  scale: 'likely',
  disagreements: ['necrosis-and-calciphylaxis'],
  panel: [
    { source: 'gardner-2024', rating: -1, reason: 'Necrosis is in its definition.', quote: 'q1' },
    { source: 'hale-2003', rating: -1, reason: 'It calls it necrosis.', quote: 'q2' },
    { source: 'calciphylaxis-teaching-file', rating: 0, reason: 'Usually non-ulcerating.', quote: 'q3' },
  ],
}) as Extract<Question, { type: 'concordance' }>;

const keyFeature = QuestionSchema.parse({
  ...base,
  id: 'kf-1',
  type: 'key-feature',
  stem: 'Before thiosulfate.',
  features: [
    {
      id: 'first',
      question: 'What first?',
      options: [
        { id: 'biopsy', text: 'Biopsy', correct: true, explanation: 'Confirms it.' },
        { id: 'site', text: 'Leak site', correct: true, explanation: 'Rules out iatrogenic.' },
        { id: 'product', text: 'Product', correct: false, explanation: 'A risk factor only.' },
        { id: 'ulcer', text: 'Ulcer', correct: false, explanation: 'Not needed.' },
      ],
    },
    {
      id: 'nausea',
      question: 'Nausea?',
      options: [
        { id: 'lower', text: 'Lower the dose', correct: true, explanation: 'As reported.' },
        { id: 'stop', text: 'Stop', correct: false, explanation: 'Manageable.' },
        { id: 'double', text: 'Double', correct: false, explanation: 'Worse.' },
      ],
    },
  ],
}) as Extract<Question, { type: 'key-feature' }>;

const contestedSingle = QuestionSchema.parse({
  ...base,
  id: 'single-contested',
  type: 'single',
  stem: 'What diagnosis?',
  disagreements: ['metastatic-or-calciphylaxis'],
  options: [
    { id: 'metastatic', text: 'Metastatic', correct: true, explanation: 'The report says so.' },
    { id: 'calciphylaxis', text: 'Early calciphylaxis', correct: false, credit: 0.5, explanation: 'Half: another view supports it.' },
    { id: 'iatrogenic', text: 'Iatrogenic', correct: false, explanation: 'No leak.' },
  ],
}) as Extract<Question, { type: 'single' }>;

describe('script concordance (credit: share of the panel, the most common rating earning 1)', () => {
  it('gives full credit to the rating most sources give', () => {
    expect(scoreConcordance(concordance, { type: 'concordance', rating: -1 })).toMatchObject({ credit: 1, verdict: 'correct' });
  });

  it('gives partial credit to a rating fewer sources give, never zero for a source-supported rating', () => {
    const r = scoreConcordance(concordance, { type: 'concordance', rating: 0 });
    expect([r.credit, r.verdict]).toEqual([0.5, 'partial']);
    expect(r.summary).toContain('1 of the 3 sources');
  });

  it('gives no credit to a rating no source gives, and still explains every source', () => {
    const r = scoreConcordance(concordance, { type: 'concordance', rating: 2 });
    expect([r.credit, r.verdict]).toEqual([0, 'incorrect']);
    expect(r.notes.map((n) => n.source)).toEqual(['gardner-2024', 'hale-2003', 'calciphylaxis-teaching-file']);
    expect(r.notes.every((n) => n.tone === 'missed')).toBe(true);
  });

  it('marks the sources that agree with the learner', () => {
    const r = scoreConcordance(concordance, { type: 'concordance', rating: 0 });
    expect(r.notes.map((n) => n.tone)).toEqual(['missed', 'missed', 'right']);
  });

  it('gives every rating in an even split full credit', () => {
    const split = { ...concordance, panel: concordance.panel.slice(1) };
    expect([-1, 0].map((rating) => scoreConcordance(split, { type: 'concordance', rating }).credit)).toEqual([1, 1]);
  });

  it('scores no rating as unanswered', () => {
    expect(scoreItem(concordance, blankAnswer(concordance))).toMatchObject({ credit: 0, verdict: 'unanswered' });
  });

  it('rejects a concordance item that links no disagreement, and a source sitting twice on the panel', () => {
    const raw = { ...base, id: 'x', type: 'concordance', stem: 's', hypothesis: 'h', newInformation: 'n', scale: 'likely', panel: concordance.panel };
    expect(QuestionSchema.safeParse(raw).success).toBe(false);
    expect(QuestionSchema.safeParse({ ...raw, disagreements: ['d'], panel: [concordance.panel[0], concordance.panel[0]] }).success).toBe(false);
  });
});

describe('key features (each feature scored like multiple select, the item the mean)', () => {
  it('gives full credit for every right option of every feature', () => {
    const r = scoreKeyFeature(keyFeature, { type: 'key-feature', choices: { first: ['biopsy', 'site'], nausea: ['lower'] } });
    expect([r.credit, r.verdict]).toEqual([1, 'correct']);
  });

  it('averages the features: one right, one half right', () => {
    const r = scoreKeyFeature(keyFeature, { type: 'key-feature', choices: { first: ['biopsy'], nausea: ['lower'] } });
    expect(r.credit).toBeCloseTo(0.75);
    expect(r.summary).toBe('1 of 2 key features fully right.');
  });

  it('takes off for wrong picks, never below zero per feature', () => {
    const r = scoreKeyFeature(keyFeature, { type: 'key-feature', choices: { first: ['product', 'ulcer'], nausea: ['lower'] } });
    expect(r.credit).toBeCloseTo(0.5);
  });

  it('explains each wrong pick and each missed right option', () => {
    const r = scoreKeyFeature(keyFeature, { type: 'key-feature', choices: { first: ['product'], nausea: [] } });
    expect(r.notes.map((n) => [n.tone, n.text])).toEqual([
      ['missed', 'Confirms it.'],
      ['missed', 'Rules out iatrogenic.'],
      ['wrong', 'A risk factor only.'],
      ['missed', 'As reported.'],
    ]);
  });

  it('starts blank, counts as unanswered until one option is chosen, and keeps feature order while shuffling options', () => {
    const blank = blankAnswer(keyFeature);
    expect(isAnswered(blank)).toBe(false);
    expect(isAnswered({ type: 'key-feature', choices: { first: ['biopsy'] } })).toBe(true);
    const arranged = arrangeItem(keyFeature, 'seed1');
    expect(arranged.order).toEqual(['first', 'nausea']);
    expect([...arranged.featureOptions!.first!].sort()).toEqual(['biopsy', 'product', 'site', 'ulcer']);
  });
});

describe('partial credit for a source-supported option', () => {
  it('gives the option its credit and says a source supports it', () => {
    const r = scoreSingle(contestedSingle, { type: 'single', choice: 'calciphylaxis' });
    expect([r.credit, r.verdict]).toEqual([0.5, 'partial']);
    expect(r.summary).toMatch(/a source supports this position/);
    expect(r.notes[0]!.text).toBe('Half: another view supports it.');
  });

  it('still gives nothing for an option no source supports', () => {
    expect(scoreSingle(contestedSingle, { type: 'single', choice: 'iatrogenic' }).credit).toBe(0);
  });

  it('refuses partial credit on an item that links no disagreement, or on the key', () => {
    const { disagreements: _d, ...raw } = { ...contestedSingle };
    expect(QuestionSchema.safeParse({ ...raw, disagreements: [] }).success).toBe(false);
    const onKey = { ...contestedSingle, options: contestedSingle.options.map((o) => (o.correct ? { ...o, credit: 0.5 } : o)) };
    expect(QuestionSchema.safeParse(onKey).success).toBe(false);
  });
});

describe('answers of the new types', () => {
  it('accepts well-formed answers and names what is wrong with malformed ones', () => {
    expect(answerShapeProblem({ type: 'concordance', rating: 2 })).toBeNull();
    expect(answerShapeProblem({ type: 'concordance', rating: 3 })).toMatch(/-2 to 2/);
    expect(answerShapeProblem({ type: 'key-feature', choices: { a: ['x'] } })).toBeNull();
    expect(answerShapeProblem({ type: 'key-feature', choices: { a: 'x' } })).toMatch(/feature id to a list/);
  });
});

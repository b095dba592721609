import { QuestionSchema, type Question } from '../../src/schemas/question';

/** Small items of every type, written for the tests (not the real bank, which authors are still writing). */
const base = {
  concepts: ['processes'],
  objectives: ['distinguish-processes'],
  difficulty: 'medium',
  explanation: 'Why the key is right.',
  evidence: { source: 'gardner-2024' },
};

export const single = QuestionSchema.parse({
  ...base,
  id: 'single-1',
  type: 'single',
  stem: 'Which process needs a biopsy showing calcium in vessel walls?',
  options: [
    { id: 'calciphylaxis', text: 'Calciphylaxis', correct: true, explanation: 'It is defined by vessel-wall calcium.' },
    { id: 'dystrophic', text: 'Dystrophic', correct: false, explanation: 'Damaged tissue, normal minerals.' },
    { id: 'metastatic', text: 'Metastatic', correct: false, explanation: 'Normal tissue, abnormal minerals.' },
  ],
}) as Extract<Question, { type: 'single' }>;

export const multiple = QuestionSchema.parse({
  ...base,
  id: 'multiple-1',
  type: 'multiple',
  stem: 'Which are risk factors for calciphylaxis?',
  options: [
    { id: 'esrd', text: 'End-stage kidney disease', correct: true, explanation: 'The classic setting.' },
    { id: 'cirrhosis', text: 'Cirrhosis', correct: true, explanation: 'A non-uraemic setting.' },
    { id: 'sport', text: 'Endurance sport', correct: false, explanation: 'Not a risk factor.' },
    { id: 'myopia', text: 'Myopia', correct: false, explanation: 'Not a risk factor.' },
  ],
}) as Extract<Question, { type: 'multiple' }>;

export const matching = QuestionSchema.parse({
  ...base,
  id: 'matching-1',
  type: 'matching',
  stem: 'Match each feature to its process.',
  choices: [
    { id: 'dys', text: 'Dystrophic' },
    { id: 'met', text: 'Metastatic' },
    { id: 'cal', text: 'Calciphylaxis' },
  ],
  prompts: [
    { id: 'scar', text: 'At a surgical incision, normal minerals', match: 'dys', explanation: 'Damaged tissue.' },
    { id: 'high-p', text: 'Diffuse, with high phosphate', match: 'met', explanation: 'Abnormal minerals.' },
    { id: 'necrosis', text: 'Skin necrosis over calcified vessels', match: 'cal', explanation: 'Vascular calcium.' },
    { id: 'incision-2', text: 'In an ischaemic graft with normal calcium', match: 'dys', explanation: 'Damaged tissue again.' },
  ],
}) as Extract<Question, { type: 'matching' }>;

export const numeric = QuestionSchema.parse({
  ...base,
  id: 'numeric-1',
  type: 'numeric',
  stem: 'Calcium 10.6 mg/dL and phosphorus 9.0 mg/dL: what is the calcium-phosphate product?',
  answer: 95.4,
  tolerance: 1,
  unit: 'mg2/dL2',
  misconceptions: [{ value: 19.6, tolerance: 0.5, explanation: 'You added the two values; the product multiplies them.' }],
}) as Extract<Question, { type: 'numeric' }>;

export const ordering = QuestionSchema.parse({
  ...base,
  id: 'ordering-1',
  type: 'ordering',
  stem: 'Put the work-up in order.',
  steps: [
    { id: 'history', text: 'Take the history', explanation: 'First.' },
    { id: 'labs', text: 'Measure calcium, phosphate and PTH', explanation: 'Second.' },
    { id: 'imaging', text: 'Image the lesions', explanation: 'Third.' },
    { id: 'biopsy', text: 'Biopsy', explanation: 'Last.' },
  ],
}) as Extract<Question, { type: 'ordering' }>;

export const allItems: Question[] = [single, multiple, matching, numeric, ordering];

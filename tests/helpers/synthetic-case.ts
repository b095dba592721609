import type { CaseDefinition } from '../../src/schemas/case';
import type { DifferentialEntry, PlayEvent } from '../../src/schemas/events';
import { replay } from '../../src/engine/attempt';
import { scoreAttempt } from '../../src/scoring/score';

/** A small synthetic case: two stages, a decisive biopsy, a harmful and a wasteful treatment. */
export const ev = { source: 'paper', quote: 'a short quote' };
const entry = (id: string, definition: string) => ({ id, label: id.toUpperCase(), synonyms: [], definition, evidence: ev });
export const def = {
  slug: 'synthetic',
  version: 'v',
  labUnits: {},
  title: 'T',
  summary: 'S',
  source: 'paper',
  estimatedMinutes: 5,
  order: 1,
  formerSlugs: [],
  clock: { label: 'Day', short: 'D' },
  patient: { age: 50, sex: 'female', oneLiner: 'x', evidence: ev },
  stages: [
    { id: 's1', day: 1, title: 'One', presentation: 'p', presents: ['pain'], presentsIf: [] },
    { id: 's2', day: 5, title: 'Two', presentation: 'p', presents: [], presentsIf: [] },
  ],
  findings: [
    { id: 'pain', label: 'Pain', report: 'r', evidence: ev },
    { id: 'biopsy', label: 'Biopsy', report: 'r', evidence: ev },
    { id: 'phos', label: 'Phosphate', report: 'r', evidence: ev },
    { id: 'late', label: 'Late sign', report: 'r', from: 's2', evidence: ev },
  ],
  actions: [
    { id: 'do-biopsy', kind: 'pathology', label: 'Biopsy', reveals: ['biopsy'] },
    { id: 'do-phos', kind: 'lab', label: 'Phosphate', reveals: ['phos'] },
    { id: 'do-late', kind: 'exam', label: 'Look again', reveals: ['late'] },
    { id: 'extra', kind: 'lab', label: 'Extra', reveals: [], notReported: 'not reported' },
    { id: 'harm', kind: 'treatment', label: 'Harm', reveals: [], notReported: 'n' },
    { id: 'waste', kind: 'treatment', label: 'Waste', reveals: [], notReported: 'n' },
    { id: 'waste-more', kind: 'treatment', label: 'Waste more', reveals: [], notReported: 'n' },
  ],
  diagnoses: [
    entry('right', 'the right process'),
    entry('second', 'the second process'),
    entry('half', 'a half-right process'),
    entry('trap', 'the trap'),
    entry('other', 'another process'),
    { id: 'something-else', label: 'Something else', synonyms: [], definition: 'anything else' },
  ],
  legacyDiagnoses: { 'old-right': 'right', 'old-both': ['right', 'second'] },
  scoring: {
    weights: { diagnosis: 30, keyFindings: 20, stewardship: 15, revision: 10, calibration: 15, summary: 10 },
    answer: [{ diagnosis: 'right', share: 1, feedback: 'Right because.', evidence: ev }],
    credits: [
      { diagnosis: 'half', credit: 0.5, feedback: 'Half because.', evidence: ev },
      { diagnosis: 'trap', credit: 0, feedback: 'Trap because.', evidence: ev },
    ],
    documentedMisdiagnosis: { diagnosis: 'trap', feedback: 'The team did this too.', evidence: ev },
    keyFindings: [
      { finding: 'biopsy', weight: 3, why: 'decides it' },
      { finding: 'phos', weight: 1, why: 'helps' },
    ],
    stewardship: [
      { action: 'harm', penalty: 0.6, severity: 'harmful', critical: true, reason: 'hurts', evidence: ev },
      { action: 'waste', penalty: 0.3, severity: 'low-value', critical: false, reason: 'no gain', evidence: ev },
      { action: 'waste-more', penalty: 0.3, severity: 'low-value', critical: false, reason: 'no gain either', evidence: ev },
    ],
    contradictions: [{ diagnosis: 'trap', findings: ['biopsy'], explanation: 'The biopsy argues against the trap.' }],
    problemRepresentation: {
      expertSummary: 'A dialysis-dependent woman with painful, non-ulcerated plaques and a normal calcium.',
      evidence: ev,
      qualifiers: [
        { id: 'dialysis', label: 'dependent on dialysis', synonyms: ['dialysis-dependent', 'haemodialysis'] },
        { id: 'painful', label: 'painful', synonyms: ['pain', 'painful'] },
        { id: 'non-ulcerated', label: 'not ulcerated', synonyms: ['non-ulcerated', 'no ulcer'] },
        { id: 'normocalcaemic', label: 'normal calcium', synonyms: ['normocalcaemic', 'normal calcium'] },
      ],
    },
  },
  teamPath: [
    { event: { type: 'COMMIT', differential: [{ diagnosis: 'trap', probability: 100 }], summary: 'A woman.' }, note: 'n' },
    { event: { type: 'ADVANCE' }, note: 'n' },
    { event: { type: 'COMMIT', differential: [{ diagnosis: 'right', probability: 100 }] }, note: 'n' },
    { event: { type: 'FINISH' }, note: 'n' },
  ],
  teachingPoints: [{ text: 't', evidence: ev }],
  charts: [],
  tables: [],
} as unknown as CaseDefinition;

export const both = {
  ...def,
  scoring: {
    ...def.scoring,
    answer: [
      { diagnosis: 'right', share: 0.5, feedback: 'Right alone.', evidence: ev },
      { diagnosis: 'second', share: 0.5, feedback: 'Second alone.', evidence: ev },
    ],
    combined: { feedback: 'Both because.', evidence: ev },
  },
} as CaseDefinition;

export const dx = (...lines: [string, number][]): DifferentialEntry[] => lines.map(([diagnosis, probability]) => ({ diagnosis, probability }));
export const commit = (differential: DifferentialEntry[], summary?: string): PlayEvent => ({
  type: 'COMMIT',
  differential,
  ...(summary !== undefined ? { summary } : {}),
});
export const SUMMARY = 'Haemodialysis-dependent woman with painful non ulcerated plaques, normocalcemic.';
export const play = (d: CaseDefinition, events: PlayEvent[]) => {
  const r = replay(d, events);
  return scoreAttempt(d, r.context.trace, r.finished);
};
export const full = (first: DifferentialEntry[], final = first): PlayEvent[] => [
  { type: 'ORDER', action: 'do-biopsy' },
  { type: 'ORDER', action: 'do-phos' },
  commit(first, SUMMARY),
  { type: 'ADVANCE' },
  { type: 'ORDER', action: 'do-late' },
  ...(final === first ? [] : [commit(final)]),
  { type: 'FINISH' },
];

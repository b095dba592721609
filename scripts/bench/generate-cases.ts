/**
 * Writes N valid synthetic cases (case.yaml + lesson.mdx each, and one source record) into a
 * content folder of their own, for the build-scaling benchmark. Never written into content/ and
 * never committed: the benchmark generates them into a temporary folder and deletes it.
 *
 *   tsx scripts/bench/generate-cases.ts <empty-or-new-folder> <count>
 *
 * The cases are the size of the real ones (2 to 4 stages, about 30 findings and 25 actions, four
 * diagnoses, a chart and a table) and vary with their index, so that every page differs. They are
 * placeholders, not medicine: every label says "synthetic".
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { projectRoot } from './lib';
import { seededRandom } from '../../src/quiz/shuffle';

export const SYNTHETIC_SOURCE = 'bench-synthetic';
const ev = { source: SYNTHETIC_SOURCE, section: 'Synthetic data' };

/** The course's seeded generator, so a given index always gives the same case. */
const rng = (seed: number): (() => number) => seededRandom(String(seed));

const WORDS = [
  'firm',
  'tender',
  'pale',
  'warm',
  'nodular',
  'diffuse',
  'patchy',
  'linear',
  'focal',
  'symmetric',
  'scattered',
  'dense',
  'faint',
  'stable',
  'rising',
  'falling',
];

/** Labs with an analyte in content/analytes.yaml (when present), in its conventional unit, and some without. */
const LABS = [
  { name: 'Calcium', analyte: 'calcium', unit: 'mg/dL', low: 8.6, high: 10.2, base: 9.4, spread: 3 },
  { name: 'Phosphorus', analyte: 'phosphorus', unit: 'mg/dL', low: 2.5, high: 4.5, base: 3.5, spread: 4 },
  { name: 'Parathyroid hormone', analyte: 'pth', unit: 'pg/mL', low: 15, high: 65, base: 40, spread: 400 },
  { name: 'Creatinine', analyte: 'creatinine', unit: 'mg/dL', low: 0.6, high: 1.2, base: 0.9, spread: 6 },
  { name: 'Albumin', analyte: 'albumin', unit: 'g/dL', low: 3.5, high: 5, base: 4, spread: 1.5 },
  { name: 'Synthetic marker A', unit: 'U/L', low: 10, high: 40, base: 25, spread: 200 },
  { name: 'Synthetic marker B', unit: 'U/L', low: 30, high: 120, base: 70, spread: 600 },
  { name: 'Synthetic marker C', unit: 'mmol/L', low: 1, high: 2, base: 1.5, spread: 3 },
] as const;

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

export function syntheticCase(index: number, withAnalytes: boolean): { slug: string; caseYaml: string; lessonMdx: string } {
  const r = rng(index * 7919 + 17);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const slug = `synthetic-case-${String(index).padStart(4, '0')}`;
  const nStages = 2 + (index % 3);
  const stages: { id: string; day: number }[] = [];
  let day = 1 + Math.floor(r() * 5);
  for (let s = 0; s < nStages; s++) {
    stages.push({ id: `day-${day}`, day });
    day += 3 + Math.floor(r() * 20);
  }
  const last = stages[nStages - 1]!.id;
  const findings: Record<string, unknown>[] = [];
  const actions: Record<string, unknown>[] = [];
  const report = (id: string, label: string, from?: string) =>
    findings.push({
      id,
      label,
      ...(from ? { from } : {}),
      report: `A ${pick(WORDS)}, ${pick(WORDS)} synthetic observation (${label.toLowerCase()}) for case ${index}.`,
      evidence: ev,
    });

  // Presented on arrival at each stage.
  stages.forEach((st, s) => {
    for (let k = 0; k < 2; k++) report(`s${s}-presented-${k}`, `Presentation ${s + 1}.${k + 1}`, s ? st.id : undefined);
  });
  // Labs, available throughout.
  LABS.forEach((lab, j) => {
    const value = round(lab.base + (r() - 0.3) * lab.spread * 0.5, lab.base < 10 ? 1 : 0);
    const flag = value > lab.high ? 'high' : value < lab.low ? 'low' : 'normal';
    findings.push({
      id: `lab-${j}`,
      label: lab.name,
      lab: {
        value,
        unit: lab.unit,
        ...('analyte' in lab && withAnalytes ? { analyte: lab.analyte } : {}),
        reference: { low: lab.low, high: lab.high, note: 'A typical adult range (synthetic).' },
        flag,
      },
      evidence: ev,
    });
    actions.push({ id: `lab-${j}`, kind: 'lab', label: `${lab.name} (synthetic)`, reveals: [`lab-${j}`] });
  });
  // Imaging: one result per stage, so ordering it later shows what exists by then.
  for (let j = 0; j < 3; j++) {
    const reveals = stages.map((st, s) => {
      report(`imaging-${j}-s${s}`, `Imaging ${j + 1} at day ${st.day}`, s ? st.id : undefined);
      return `imaging-${j}-s${s}`;
    });
    actions.push({ id: `imaging-${j}`, kind: 'imaging', label: `Synthetic imaging ${j + 1}`, reveals });
  }
  for (let j = 0; j < 3; j++) {
    report(`history-${j}`, `History item ${j + 1}`);
    actions.push({ id: `history-${j}`, kind: 'history', label: `Review synthetic record ${j + 1}`, reveals: [`history-${j}`] });
  }
  for (let j = 0; j < 2; j++) {
    report(`exam-${j}`, `Examination ${j + 1}`);
    actions.push({ id: `exam-${j}`, kind: 'exam', label: `Synthetic examination ${j + 1}`, reveals: [`exam-${j}`] });
  }
  for (let j = 0; j < 2; j++) {
    report(`biopsy-${j}-histology`, `Biopsy ${j + 1} histology`, stages[1]!.id);
    actions.push({ id: `biopsy-${j}`, kind: 'pathology', label: `Synthetic biopsy ${j + 1}`, from: stages[1]!.id, reveals: [`biopsy-${j}-histology`] });
  }
  for (let j = 0; j < 2; j++)
    actions.push({
      id: `consult-${j}`,
      kind: 'consult',
      label: `Synthetic consult ${j + 1}`,
      notReported: 'The synthetic source does not report this consult.',
    });
  report('late-consequence', 'A documented consequence', last);
  actions.push({
    id: 'treatment-0',
    kind: 'treatment',
    label: 'Synthetic treatment 1',
    notReported: 'The synthetic source does not report a response.',
    consequence: { text: 'A synthetic consequence that appears at the last stage.', evidence: ev },
  });
  for (let j = 1; j < 3; j++)
    actions.push({
      id: `treatment-${j}`,
      kind: 'treatment',
      label: `Synthetic treatment ${j + 1}`,
      notReported: 'The synthetic source does not report a response.',
    });

  const teamPath: Record<string, unknown>[] = [
    { event: { type: 'ORDER', action: 'history-0' }, note: 'The team reviews the record.' },
    {
      event: {
        type: 'COMMIT',
        differential: [
          { diagnosis: 'process-c', probability: 60 },
          { diagnosis: 'process-a', probability: 40 },
        ],
        summary: 'A synthetic patient.',
      },
      note: 'The team first names process C.',
      evidence: ev,
    },
    { event: { type: 'ORDER', action: 'lab-0' }, note: 'The team measures the first lab.' },
    { event: { type: 'ORDER', action: 'imaging-0' }, note: 'The team images.' },
  ];
  for (let s = 1; s < nStages; s++) {
    teamPath.push({ event: { type: 'ADVANCE' }, note: `The case moves to day ${stages[s]!.day}.` });
    if (s === 1) {
      teamPath.push({ event: { type: 'ORDER', action: 'biopsy-0' }, note: 'The team takes a biopsy.' });
      teamPath.push({
        event: {
          type: 'COMMIT',
          differential: [
            { diagnosis: 'process-a', probability: 80 },
            { diagnosis: 'process-c', probability: 20 },
          ],
        },
        note: 'The biopsy changes the call to process A.',
        evidence: ev,
      });
    }
  }
  teamPath.push({ event: { type: 'FINISH' }, note: 'The case ends.' });

  const data = {
    title: `Synthetic case ${index}: ${pick(WORDS)} calcification`,
    summary: `A generated case for the build benchmark (${nStages} stages). Not a real patient.`,
    source: SYNTHETIC_SOURCE,
    estimatedMinutes: 10 + (index % 10),
    order: 1000 + index,
    clock: { label: 'Hospital day', short: 'HD' },
    patient: {
      age: 30 + (index % 50),
      sex: index % 2 ? 'female' : 'male',
      oneLiner: `A synthetic patient number ${index}, generated for the benchmark.`,
      evidence: ev,
    },
    stages: stages.map((st, s) => ({
      id: st.id,
      day: st.day,
      title: `Synthetic stage ${s + 1}`,
      presentation: `Synthetic presentation of stage ${s + 1} of case ${index}.\n\nA second paragraph, ${pick(WORDS)} and ${pick(WORDS)}.`,
      presents: [`s${s}-presented-0`, `s${s}-presented-1`],
      ...(s === nStages - 1 ? { presentsIf: [{ after: 'treatment-0', presents: ['late-consequence'] }] } : {}),
    })),
    findings,
    actions,
    scoring: {
      weights: { diagnosis: 30, keyFindings: 20, stewardship: 15, revision: 10, calibration: 15, summary: 10 },
      answer: [{ diagnosis: 'process-a', share: 1, feedback: 'The synthetic final diagnosis.', evidence: ev }],
      credits: [
        { diagnosis: 'process-b', credit: 0.5, feedback: 'Half right, synthetically.', evidence: ev },
        { diagnosis: 'process-c', credit: 0, feedback: 'The documented misdiagnosis of this synthetic case.', evidence: ev },
        { diagnosis: 'process-d', credit: 0, feedback: 'Not supported by the synthetic findings.', evidence: ev },
      ],
      documentedMisdiagnosis: { diagnosis: 'process-c', feedback: 'The synthetic team made this call too, then revised it after the biopsy.', evidence: ev },
      keyFindings: [
        { finding: 'biopsy-0-histology', weight: 2, why: 'The synthetic biopsy separates A from C.' },
        { finding: 'lab-0', weight: 1, why: 'The first lab points to A.' },
        { finding: 'imaging-0-s0', weight: 1, why: 'The first image shows where the deposits are.' },
      ],
      stewardship: [
        { action: 'treatment-1', penalty: 0.5, severity: 'harmful', reason: 'A synthetic harmful treatment.', evidence: ev },
        { action: 'treatment-2', penalty: 0.25, severity: 'low-value', reason: 'A synthetic low-value treatment.', evidence: ev },
      ],
      contradictions: [{ diagnosis: 'process-c', findings: ['biopsy-0-histology'], explanation: 'The synthetic biopsy argues against C.' }],
      problemRepresentation: {
        expertSummary: 'A synthetic patient with firm, tender deposits.',
        evidence: ev,
        qualifiers: [
          { id: 'firm', label: 'firm', synonyms: ['firm', 'hard'] },
          { id: 'tender', label: 'tender', synonyms: ['tender', 'painful'] },
        ],
      },
    },
    teamPath,
    teachingPoints: [1, 2, 3].map((k) => ({ text: `Synthetic teaching point ${k} of case ${index}.`, evidence: ev })),
    charts: [
      {
        id: 'lab-course',
        title: 'A synthetic lab over the stages',
        summary: `Synthetic marker A on each of the ${nStages} stage days.`,
        mark: 'line',
        x: { label: 'Hospital day' },
        y: { label: 'Synthetic marker A (U/L)' },
        series: [{ label: 'Marker A', points: stages.map((st) => [st.day, round(20 + r() * 100, 0)]) }],
        evidence: ev,
      },
    ],
    tables: [
      {
        id: 'stages',
        caption: 'The synthetic stages',
        columns: ['Stage', 'Day', 'Findings presented'],
        rows: stages.map((st, s) => [`Stage ${s + 1}`, st.day, 2]),
        evidence: ev,
      },
    ],
  };
  const caseYaml =
    `# Synthetic case ${index}, generated by scripts/bench/generate-cases.ts for the build benchmark. Not ` +
    `medicine.\n${YAML.stringify(data, { lineWidth: 0 })}`;
  const lessonMdx = `---
title: "Synthetic case ${index}"
objectives:
  - Play a generated case from start to debrief.
  - See how the build time grows with the number of cases.
---

## Introduction

This case was generated for the build benchmark. Its findings, numbers and scores are synthetic
placeholders; nothing here is clinical content.

<Objectives />

## The case

<Simulation />

## After the debrief

<TeachingPoints />

<CaseChart id="lab-course" />

<CaseTable id="stages" />

## Source

<Citation />
`;
  return { slug, caseYaml, lessonMdx };
}

/** Writes `count` synthetic cases, a source record, a diagnosis list and a copy of content/analytes.yaml into `dir`. */
export function generateCourse(dir: string, count: number): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty: the generator writes only into a new or empty folder`);
  mkdirSync(join(dir, 'sources'), { recursive: true });
  mkdirSync(join(dir, 'cases'), { recursive: true });
  const analytes = join(projectRoot, 'content/analytes.yaml');
  const withAnalytes = existsSync(analytes);
  if (withAnalytes) copyFileSync(analytes, join(dir, 'analytes.yaml'));
  // The course-wide diagnosis list the synthetic cases offer (content/diagnoses.yaml in a real course).
  writeFileSync(
    join(dir, 'diagnoses.yaml'),
    YAML.stringify([
      ...['a', 'b', 'c', 'd'].map((x) => ({
        id: `process-${x}`,
        label: `Synthetic process ${x.toUpperCase()}`,
        synonyms: [],
        definition: `a synthetic process ${x}`,
        evidence: ev,
      })),
      { id: 'something-else', label: 'Something else', synonyms: [], definition: 'anything not on the list' },
    ]),
  );
  writeFileSync(
    join(dir, 'sources', `${SYNTHETIC_SOURCE}.yaml`),
    YAML.stringify({
      authors: ['Calx Benchmark'],
      title: 'Synthetic cases for the build benchmark',
      journal: 'Not published',
      year: 2026,
      licence: 'CC0 1.0',
      citeAs: 'Synthetic',
      seed: 'synthetic.txt',
    }),
  );
  for (let i = 1; i <= count; i++) {
    const { slug, caseYaml, lessonMdx } = syntheticCase(i, withAnalytes);
    mkdirSync(join(dir, 'cases', slug));
    writeFileSync(join(dir, 'cases', slug, 'case.yaml'), caseYaml);
    writeFileSync(join(dir, 'cases', slug, 'lesson.mdx'), lessonMdx);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, n] = process.argv.slice(2);
  const count = Number(n);
  if (!dir || !Number.isInteger(count) || count < 1) {
    process.stderr.write('usage: tsx scripts/bench/generate-cases.ts <new-folder> <count>\n');
    process.exit(2);
  }
  generateCourse(resolve(dir), count);
  process.stdout.write(`wrote ${count} synthetic cases to ${resolve(dir)}\n`);
}

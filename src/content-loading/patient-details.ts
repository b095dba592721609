import type { CaseDefinition } from '../schemas/case';

/**
 * The provenance rule for patient details in prose (quiz items, discussion questions, lesson
 * exercise): every number that a text states about a case's patient must be one of the values of the
 * findings it declares (by id), or appear in a seed quote it carries. A detail that neither the
 * findings nor a quote support (an invented laboratory value, a day that did not happen) fails.
 */

/** Notation that carries digits without stating a value: isotopes, peptide spans, vitamin names, case numbers, years of citation. */
const NOT_VALUES = [
  /tc-99m/gi,
  /\(1-84\)/g,
  /25-hydroxyvitamin/gi,
  /\bcases? \d+(?:(?:,| and| or| to) \d+)*/gi,
  /\bquestion \d+/gi,
  /\btable \d+/gi,
  /\b(?:19[89]\d|20[0-3]\d)\b/g,
  /mg²\/dl²|mmol²\/l²/gi,
  /\bmg2\/dL2\b/g,
];

/** The numbers a text states, thousands separators removed ("3,800" is 3800). */
export function numbersIn(text: string): number[] {
  let t = text.replace(/(\d),(\d{3})\b/g, '$1$2');
  for (const re of NOT_VALUES) t = t.replace(re, ' ');
  return [...t.matchAll(/(?<![\w.])\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
}

/** The numbers a case supports for the given findings: values, ranges, and the numbers in each finding's report, label, quote, own day and stage day; the
 * patient's age. */
export function supportedNumbers(c: CaseDefinition, findingIds: readonly string[]): Set<number> {
  const out = new Set<number>([c.patient.age]);
  const add = (text: string | undefined) => text && numbersIn(text).forEach((n) => out.add(n));
  for (const id of findingIds) {
    const f = c.findings.find((x) => x.id === id);
    if (!f) continue;
    if (f.lab?.value !== undefined) out.add(f.lab.value);
    f.lab?.range?.forEach((n) => out.add(n));
    add(f.lab?.qualitative);
    add(f.report);
    add(f.label);
    add(f.evidence.quote);
    add((f as { day?: string }).day);
    const stage = c.stages.find((s) => s.id === f.from);
    if (stage) out.add(stage.day);
  }
  return out;
}

/** The numbers in a text that are neither supported by the findings nor in any of the quotes. */
export function unsupportedNumbers(text: string, supported: ReadonlySet<number>, quotes: readonly string[]): number[] {
  const quoted = new Set(quotes.flatMap(numbersIn));
  return numbersIn(text).filter((n) => !supported.has(n) && !quoted.has(n));
}

/** Every quote a value carries, at any depth (evidence, further evidence, a panel's). */
function quoteTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(quoteTexts);
  if (!value || typeof value !== 'object') return [];
  const o = value as Record<string, unknown>;
  return [...(typeof o.quote === 'string' ? [o.quote] : []), ...Object.values(o).flatMap(quoteTexts)];
}

/** The fields of a quiz item the rule reads (any item type). */
export interface ItemForDetails {
  id: string;
  type: string;
  cases?: readonly string[];
  findings?: readonly string[];
  stem: string;
  explanation: string;
  answer?: number;
  evidence?: { quote?: string };
  moreEvidence?: readonly { quote?: string }[];
  misconceptions?: readonly { value: number; explanation: string }[];
  options?: readonly { text: string; explanation: string }[];
  prompts?: readonly { text: string; explanation: string }[];
  choices?: readonly { text: string }[];
  steps?: readonly { text: string; explanation: string }[];
  hypothesis?: string;
  newInformation?: string;
  panel?: readonly { reason: string; quote: string }[];
  features?: readonly { question: string; options: readonly { text: string; explanation: string }[] }[];
}

/** Everything a learner reads in an item, with its field; a numeric item's worked arithmetic (explanation, mistakes) is left out. */
export function itemTexts(item: ItemForDetails): { where: string; text: string }[] {
  const out = [{ where: 'stem', text: item.stem }];
  if (item.type !== 'numeric') out.push({ where: 'explanation', text: item.explanation });
  item.options?.forEach((o, i) => out.push({ where: `options[${i}]`, text: `${o.text} ${o.explanation}` }));
  item.prompts?.forEach((p, i) => out.push({ where: `prompts[${i}]`, text: `${p.text} ${p.explanation}` }));
  item.choices?.forEach((c, i) => out.push({ where: `choices[${i}]`, text: c.text }));
  item.steps?.forEach((s, i) => out.push({ where: `steps[${i}]`, text: `${s.text} ${s.explanation}` }));
  if (item.hypothesis) out.push({ where: 'hypothesis', text: item.hypothesis });
  if (item.newInformation) out.push({ where: 'newInformation', text: item.newInformation });
  item.panel?.forEach((p, i) => out.push({ where: `panel[${i}]`, text: p.reason }));
  item.features?.forEach((f, i) =>
    f.options.forEach((o, j) => out.push({ where: `features[${i}].options[${j}]`, text: `${f.question} ${o.text} ${o.explanation}` })),
  );
  return out;
}

/** The content the patient-details rule reads, as the loaders return it. */
export interface PatientDetailsInput {
  cases: readonly CaseDefinition[];
  /** Quiz files: the file (relative to the project) and its items, in file order. */
  topics: readonly { file: string; items: readonly ItemForDetails[] }[];
  /** Instructor notes: the file and its discussion questions. */
  notes: readonly {
    file: string;
    case: string;
    discussionQuestions: readonly { question: string; evidence: { quote?: string }; findings?: readonly string[] }[];
  }[];
  /** Standalone lessons' exercises: the file and its items. */
  exercises: readonly {
    file: string;
    items: readonly { id: string; finding: string; explanation: string; case?: string; findings?: readonly string[]; evidence: { quote?: string } }[];
  }[];
  /** Constants a conversion item may state (molar masses), not patient details. */
  constants: readonly number[];
}

/**
 * The patient-details rule over the whole course: each problem names the file and field (for
 * `locateAll`), so `npm run check:content` and the tests report the same thing.
 */
export function checkPatientDetails(input: PatientDetailsInput): { file: string; field: string; message: string }[] {
  const problems: { file: string; field: string; message: string }[] = [];
  const bySlug = new Map(input.cases.map((c) => [c.slug, c]));
  for (const { file, items } of input.topics)
    items.forEach((item, i) => {
      if (!item.cases?.length) return;
      const at = `items[${i}]`;
      if (!item.findings?.length)
        problems.push({
          file,
          field: `${at}.findings`,
          message: `the item is tied to ${item.cases.join(', ')}: list the findings whose values it states (\`findings: [ids]\`)`,
        });
      const supported = new Set<number>(input.constants);
      for (const slug of item.cases) {
        const c = bySlug.get(slug);
        if (c) supportedNumbers(c, item.findings ?? []).forEach((n) => supported.add(n));
      }
      if (item.type === 'numeric') {
        if (item.answer !== undefined) supported.add(item.answer);
        for (const m of item.misconceptions ?? []) supported.add(m.value);
      }
      const quotes = quoteTexts(item);
      for (const { where, text } of itemTexts(item)) {
        const bad = unsupportedNumbers(text, supported, quotes);
        if (bad.length)
          problems.push({
            file,
            field: `${at}.${where}`,
            message: `${bad.join(', ')}: not a value of the item's findings nor in its quotes (state only what the paper reports)`,
          });
      }
    });
  for (const n of input.notes) {
    const c = bySlug.get(n.case);
    if (!c) continue;
    n.discussionQuestions.forEach((q, i) => {
      const at = `discussionQuestions[${i}]`;
      const unknown = (q.findings ?? []).filter((id) => !c.findings.some((x) => x.id === id));
      if (unknown.length)
        problems.push({
          file: n.file,
          field: `${at}.findings`,
          message: `unknown finding${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} in ${c.slug}`,
        });
      const bad = unsupportedNumbers(q.question, supportedNumbers(c, q.findings ?? []), q.evidence.quote ? [q.evidence.quote] : []);
      if (bad.length)
        problems.push({ file: n.file, field: `${at}.question`, message: `${bad.join(', ')}: not a value of the question's findings nor in its quote` });
    });
  }
  for (const { file, items } of input.exercises)
    items.forEach((x, i) => {
      const at = `exercise[${i}]`;
      const text = `${x.finding} ${x.explanation}`;
      const c = x.case ? bySlug.get(x.case) : undefined;
      if (!c) {
        if (x.case) problems.push({ file, field: `${at}.case`, message: `unknown case "${x.case}"` });
        else if (numbersIn(text).length) problems.push({ file, field: at, message: 'states numbers but names no case (`case`)' });
        return;
      }
      const bad = unsupportedNumbers(text, supportedNumbers(c, x.findings ?? []), x.evidence.quote ? [x.evidence.quote] : []);
      if (bad.length) problems.push({ file, field: at, message: `${bad.join(', ')}: not a value of its findings nor in its quote` });
    });
  return problems;
}

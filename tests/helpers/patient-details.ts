import type { CaseDefinition } from '../../src/schemas/case';

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

/**
 * The numbers a case supports for the given findings: values, ranges, and the numbers in each finding's report,
 * label, quote, own day and stage day; the patient's age.
 */
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

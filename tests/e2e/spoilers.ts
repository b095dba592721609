import { existsSync, readdirSync, readFileSync } from 'node:fs';
import YAML from 'yaml';

/**
 * The words that would give a case away: the labels (and synonyms) of every diagnosis its answer key credits.
 * Read from the content, so that a case an author adds is covered without touching the tests.
 */

interface ListEntry {
  id: string;
  label: string;
  synonyms?: string[];
}

const CASES_DIR = 'content/cases';
const LIST_FILE = 'content/diagnoses.yaml';

export const caseSlugs = (): string[] =>
  readdirSync(CASES_DIR)
    .filter((d) => existsSync(`${CASES_DIR}/${d}/case.yaml`))
    .sort();

export const readCase = (slug: string) => YAML.parse(readFileSync(`${CASES_DIR}/${slug}/case.yaml`, 'utf8'));

/** The course-wide diagnosis list, when there is one (else the case's own options). */
function listFor(caseData: { diagnoses?: ListEntry[] }): ListEntry[] {
  if (existsSync(LIST_FILE)) {
    const raw = YAML.parse(readFileSync(LIST_FILE, 'utf8'));
    return (Array.isArray(raw) ? raw : (raw.diagnoses ?? [])) as ListEntry[];
  }
  return caseData.diagnoses ?? [];
}

/** Diagnosis ids the case's answer key gives any credit to: the answer itself and every partly credited entry. */
function creditedIds(caseData: { scoring?: { answer?: { diagnosis: string }[]; credits?: { diagnosis: string; credit: number }[] } }): string[] {
  return [
    ...(caseData.scoring?.answer ?? []).map((a) => a.diagnosis),
    ...(caseData.scoring?.credits ?? []).filter((c) => c.credit > 0).map((c) => c.diagnosis),
  ];
}

/** "Metastatic calcification (calcium-phosphate disorder of dialysis)" also counts as "Metastatic calcification". */
const variants = (label: string): string[] => {
  const bare = label
    .replace(/\s*\([^)]*\)\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return bare && bare !== label ? [label, bare] : [label];
};

export function spoilerTerms(slug: string): string[] {
  const data = readCase(slug);
  const list = new Map(listFor(data).map((e) => [e.id, e]));
  const terms = creditedIds(data).flatMap((id) => {
    const e = list.get(id);
    if (!e) throw new Error(`${slug}: the answer key credits "${id}", which the diagnosis list does not hold`);
    return [...variants(e.label), ...(e.synonyms ?? [])];
  });
  return [...new Set(terms.map(normalise))].filter(Boolean);
}

export const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\u2010-\u2015-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The spoiler terms found in a text, as whole words. */
export function spoilersIn(text: string, terms: readonly string[]): string[] {
  const t = ` ${normalise(text)
    .replace(/[^\p{L}\p{N} ]/gu, ' ')
    .replace(/\s+/g, ' ')} `;
  return terms.filter((term) =>
    t.includes(
      ` ${term
        .replace(/[^\p{L}\p{N} ]/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim()} `,
    ),
  );
}

import { leadingLine, SUMMARY_MAX_LENGTH, type DifferentialLine } from '../schemas/differential';

/**
 * The differential a learner is building in the form, before it is committed. Framework-free and pure: the
 * form renders what these functions say, and the unit tests check the same rules. Probabilities are kept as
 * the text typed, so that a half-typed or wrong value is shown back as typed, never silently changed.
 */

/** One line of the draft: a list id and the percent as typed. */
export interface DraftLine {
  diagnosis: string;
  percent: string;
}

/** What the form needs to know about a course-list entry. */
export interface ListOption {
  id: string;
  label: string;
  synonyms?: readonly string[];
}

/** Why one line cannot be committed, or null. */
export function lineProblem(line: DraftLine, label: string): string | null {
  const t = line.percent.trim();
  if (t === '') return `Give ${label} a probability`;
  if (!/^\d+$/.test(t)) return `${label}: "${line.percent}" is not a whole percent`;
  const n = Number(t);
  if (n < 1 || n > 100) return `${label}: give a whole percent from 1 to 100`;
  return null;
}

/** The typed percent as a number, when it is one (for the running total). */
const percentOf = (line: DraftLine): number | null => (/^\s*\d+\s*$/.test(line.percent) ? Number(line.percent) : null);

export interface DraftCheck {
  /** The sum of the probabilities typed so far (lines without a number count 0). */
  total: number;
  /** The running total in words: "Total 90%: 10% left to assign". */
  totalText: string;
  /** Problems per line, by diagnosis id. */
  lineProblems: Map<string, string>;
  /** The first reason the draft cannot be committed, in words a learner can act on, or null. */
  problem: string | null;
  /** The line that would be the working diagnosis (highest probability, first on a tie), if any number is typed. */
  leading: string | null;
}

/** Checks a draft (and the summary, when one is asked for) the way the case will. */
export function checkDraft(lines: readonly DraftLine[], labelOf: (id: string) => string, summary: { required: boolean; text: string }): DraftCheck {
  const lineProblems = new Map<string, string>();
  let total = 0;
  for (const line of lines) {
    const p = lineProblem(line, labelOf(line.diagnosis));
    if (p) lineProblems.set(line.diagnosis, p);
    total += percentOf(line) ?? 0;
  }
  const left = 100 - total;
  const totalText =
    lines.length === 0
      ? 'Total 0%: add a diagnosis to start.'
      : left === 0
        ? 'Total 100%: ready to commit.'
        : left > 0
          ? `Total ${total}%: ${left}% left to assign.`
          : `Total ${total}%: probabilities sum to ${total}%, take off ${-left}%.`;
  let problem: string | null = null;
  if (lines.length === 0) problem = 'Add at least one diagnosis to your differential.';
  else if (lineProblems.size > 0) problem = `${[...lineProblems.values()][0]!}.`;
  else if (total !== 100) problem = `Probabilities sum to ${total}%: they must sum to 100%.`;
  else if (summary.required && summary.text.trim() === '') problem = 'Write a one-sentence summary of the patient with your first differential.';
  else if (summary.text.length > SUMMARY_MAX_LENGTH) problem = `The summary has ${summary.text.length} characters: keep it to ${SUMMARY_MAX_LENGTH}.`;
  const numbered = lines.flatMap((l) => (percentOf(l) === null ? [] : [{ diagnosis: l.diagnosis, probability: percentOf(l)! }]));
  return { total, totalText, lineProblems, problem, leading: numbered.length ? leadingLine(numbered).diagnosis : null };
}

/** The committed differential, for a draft that `checkDraft` passed. */
export const toDifferential = (lines: readonly DraftLine[]): DifferentialLine[] =>
  lines.map((l) => ({ diagnosis: l.diagnosis, probability: Number(l.percent.trim()) }));

/** The draft a revision starts from: the differential in force. */
export const draftFrom = (differential: readonly DifferentialLine[] | undefined): DraftLine[] =>
  (differential ?? []).map((d) => ({ diagnosis: d.diagnosis, percent: String(d.probability) }));

/** Adds a diagnosis with what is left to assign (or nothing, when nothing is left). Adding one already listed changes nothing. */
export function addLine(lines: readonly DraftLine[], diagnosis: string): DraftLine[] {
  if (lines.some((l) => l.diagnosis === diagnosis)) return [...lines];
  const left = 100 - lines.reduce((s, l) => s + (percentOf(l) ?? 0), 0);
  return [...lines, { diagnosis, percent: left >= 1 ? String(left) : '' }];
}

/** Case, accents, hyphens and punctuation do not matter when matching what a learner types. */
export const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * The list entries a query matches: every word typed must begin a word of the label or of one synonym.
 * Label matches come before synonym-only matches; otherwise the list's own order is kept.
 */
export function filterOptions<T extends ListOption>(options: readonly T[], query: string): T[] {
  const words = fold(query).split(' ').filter(Boolean);
  if (words.length === 0) return [...options];
  const matches = (text: string) => {
    const tw = fold(text).split(' ');
    return words.every((w) => tw.some((t) => t.startsWith(w)));
  };
  const byLabel = options.filter((o) => matches(o.label));
  const bySynonym = options.filter((o) => !byLabel.includes(o) && (o.synonyms ?? []).some(matches));
  return [...byLabel, ...bySynonym];
}

/** The synonym that made an option match, to show beside its label ("matches: shock liver"). */
export function matchedSynonym(option: ListOption, query: string): string | null {
  const words = fold(query).split(' ').filter(Boolean);
  if (words.length === 0) return null;
  const matches = (text: string) =>
    words.every((w) =>
      fold(text)
        .split(' ')
        .some((t) => t.startsWith(w)),
    );
  if (matches(option.label)) return null;
  return (option.synonyms ?? []).find(matches) ?? null;
}

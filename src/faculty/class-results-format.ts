import type { Dimension } from '../schemas/kinds';
import { DIMENSIONS } from '../schemas/kinds';

/**
 * The shapes of class results and the words and CSV they are shown in: no engine here, so that the
 * class results page can load the analysis (src/faculty/class-results.ts, which replays with the
 * engine) only when files are dropped.
 */

export interface DroppedFile {
  name: string;
  text: string;
  /** The file's size in bytes, when known before reading: a file over the limit is not read at all. */
  size?: number;
}

export type RowFlag =
  | { kind: 'score-mismatch'; claimed: number; replayed: number }
  /** Labels of the diagnoses (what faculty read), not their ids. */
  | { kind: 'diagnosis-mismatch'; claimed: string; replayed: string | null }
  | { kind: 'other-version'; fileVersion: string; currentVersion: string }
  | { kind: 'does-not-replay'; reason: string }
  | { kind: 'duplicate'; of: string; attemptId: string };

/** The total after any cap, the total before caps, and the points of each dimension. */
export type Scores = { total: number; uncapped: number } & Record<Dimension, number>;

export interface ClassRow {
  /** Unique within the results. */
  key: string;
  learner: string;
  /** Who the learner is for counting: the name in the file (case and spacing ignored), or the file when it names nobody. */
  learnerKey: string;
  /** The attempt's id: two rows with the same id are copies of one attempt. */
  attemptId: string;
  /** The file, with the attempt's position for an export (e.g. "alice.json, attempt 2"). */
  source: string;
  case: string;
  caseTitle: string;
  caseVersion: string;
  status: 'finished' | 'unfinished';
  /** The replay's score on the current case; null when the attempt does not replay. */
  score: Scores | null;
  /** The score the file claims (its cached `result.total`), if any. */
  claimedTotal: number | null;
  /** The final diagnosis (or the working one, unfinished) by replay. */
  diagnosis: { id: string; label: string; credit: number } | null;
  startedAt: string;
  updatedAt: string;
  /** From start to last change, in minutes; null when the dates cannot be read. */
  minutes: number | null;
  flags: RowFlag[];
  /** Whether the charts count it, and why not when they do not. */
  counted: boolean;
  notCounted: string | null;
  /** For the aggregates (counted rows only use them). */
  missedKeyFindings: string[];
  /** Per stage left: the stage id, how it was left, the working diagnosis held then, orders and revisions there. */
  moves: StageMove[];
}

export interface StageMove {
  stage: string;
  move: 'ADVANCE' | 'FINISH';
  held: string | null;
  orders: number;
  revisions: number;
}

export interface FileProblem {
  file: string;
  reason: string;
}

export interface QuizRow {
  learner: string;
  source: string;
  quiz: string;
  title: string;
  best: number;
  last: number;
  sittings: number;
}

export interface Bin {
  from: number;
  to: number;
  count: number;
}

export interface DecisionPoint {
  stage: string;
  /** e.g. "POD 16". */
  heading: string;
  title: string;
  move: 'ADVANCE' | 'FINISH';
  /** Counted attempts that left this stage. */
  reached: number;
  /** The working diagnoses held when leaving, most common first. */
  held: { id: string | null; label: string; credit: number | null; count: number }[];
  /** What the treating team held at this point, if it left the stage. */
  teamHeld: string | null;
  meanOrders: number;
  /** Attempts that changed their working diagnosis at this stage. */
  revisedHere: number;
}

export interface CaseSummary {
  case: string;
  title: string;
  /** Rows of this case (all of them). */
  rows: number;
  /** Rows the charts count. */
  counted: number;
  mean: number | null;
  median: number | null;
  distribution: Bin[];
  dimensionMeans: { dimension: Dimension; mean: number; max: number }[];
  wrongDiagnoses: { id: string; label: string; credit: number; count: number }[];
  missedKeyFindings: { id: string; label: string; missed: number; of: number }[];
  decisionPoints: DecisionPoint[];
}

export interface ClassResults {
  rows: ClassRow[];
  quizzes: QuizRow[];
  problems: FileProblem[];
  cases: CaseSummary[];
}

/** A flag in words, for the table and the CSV. */
export function describeFlag(f: RowFlag): string {
  switch (f.kind) {
    case 'score-mismatch':
      return `claims a score of ${f.claimed}, but replaying its events scores ${f.replayed}`;
    case 'diagnosis-mismatch':
      return `claims the final diagnosis ${f.claimed}, but its events end with ${f.replayed ?? 'no diagnosis'}`;
    case 'other-version':
      return (
        `made on another version of the case (${f.fileVersion}; the current version is ${f.currentVersion}), ` +
        'so its replay on the current case may not be faithful'
      );
    case 'does-not-replay':
      return `does not replay on the current case (${f.reason})`;
    case 'duplicate':
      return `a second copy of attempt ${f.attemptId}, already counted from ${f.of}`;
  }
}

/** "12 min", "1 h 05 min". */
export function formatMinutes(m: number | null): string {
  if (m === null) return '';
  if (m < 60) return `${Math.round(m)} min`;
  const h = Math.floor(m / 60);
  return `${h} h ${String(Math.round(m - h * 60)).padStart(2, '0')} min`;
}

export const CSV_COLUMNS = [
  'learner',
  'file',
  'case',
  'case version',
  'status',
  'counted',
  'total',
  ...DIMENSIONS,
  'claimed total',
  'final diagnosis',
  'diagnosis credit',
  'started',
  'last change',
  'minutes',
  'flags',
] as const;

/**
 * Whether a spreadsheet could read this text as a formula. Spreadsheets trim leading whitespace and
 * line breaks and fold full-width and compatibility forms (`＝`, `﹢`) to ASCII before they look at the
 * first character, so the test does the same: NFKC, then strip leading whitespace, controls and
 * invisible format characters, then look for `=`, `+`, `-` or `@`. A leading tab or carriage return
 * is a trigger by itself (some spreadsheets start a formula after one).
 */
export function looksLikeFormula(value: string): boolean {
  if (/^[\t\r]/.test(value)) return true;
  const normalised = value.normalize('NFKC').replace(/^[\s\p{Cc}\p{Cf}]+/u, '');
  return /^[=+\-@]/.test(normalised);
}

/** One CSV field (RFC 4180); text that a spreadsheet would run as a formula is prefixed with an apostrophe. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = looksLikeFormula(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The table as CSV, a header line then one line per row, CRLF line ends. */
export function toCsv(rows: readonly ClassRow[]): string {
  const lines = rows.map((r) =>
    [
      r.learner,
      r.source,
      r.case,
      r.caseVersion,
      r.status,
      r.counted ? 'yes' : `no: ${r.notCounted}`,
      r.score?.total ?? null,
      ...DIMENSIONS.map((d) => r.score?.[d] ?? null),
      r.claimedTotal,
      r.diagnosis?.label ?? null,
      r.diagnosis?.credit ?? null,
      r.startedAt,
      r.updatedAt,
      r.minutes,
      r.flags.map(describeFlag).join('; ') || null,
    ]
      .map(csvField)
      .join(','),
  );
  return [CSV_COLUMNS.map(csvField).join(','), ...lines].join('\r\n') + '\r\n';
}

export { countOf } from '../utils/count';

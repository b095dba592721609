import type { CaseDefinition, Dimension } from '../schemas/case';
import { DIMENSIONS } from '../schemas/kinds';
import { AttemptError, replay, type AttemptRecord } from '../engine/attempt';
import type { TraceEntry } from '../engine/machine';
import { readAttemptRecord } from '../schemas/attempt-record';
import { isRecord } from '../utils/is-record';
import { EXPORT_FORMAT, MAX_INPUT_FILE_BYTES, parseExport } from '../progress/export';
import { attemptIdOf, tidyLearnerName } from '../progress/attempt-file';
import { quizScores } from '../progress/summary';
import { creditOf, creditOfLead, finalCommitIndex, labeller, revealedBy, scoreAttempt } from '../scoring/score';
import { migrateEvents } from '../engine/migrate';
import { replayTeamPath } from '../scoring/team-path';
import type { Bin, CaseSummary, ClassResults, ClassRow, DecisionPoint, DroppedFile, FileProblem, QuizRow, RowFlag, StageMove } from './class-results-format';

// The types and the table's words live apart from the engine, so that the page can draw its table
// without loading the engine until files are dropped.
export * from './class-results-format';

/**
 * Class results: the exported attempt files of a class, re-scored by replay and aggregated. Pure
 * functions (no DOM, no clock, no network), run in the faculty member's browser on the class
 * results page and in the unit tests.
 *
 * Accepted files: a single attempt (`"format": "calx-attempt"`, what the player's "Download this
 * attempt" button writes) and a learner's full progress export (`"format": "calx-progress-export"`,
 * from the progress page; read with its own parser, src/progress/export.ts). Anything else is listed
 * as a problem with its reason. The learner is the file's `learner` field when there is one, otherwise
 * the file name.
 *
 * Every attempt is replayed on the current case: the replay is the score. A file whose cached score
 * (`result.total`) or final diagnosis disagrees with its replay, or that was made on another version of
 * the case, or that does not replay, is flagged: shown with the reason, never silently trusted or dropped.
 */

const round1 = (n: number) => Math.round(n * 10) / 10;
/** Scores agree when they round to the same tenth (the cache is rounded to one decimal). */
const sameScore = (a: number, b: number) => Math.abs(a - b) < 0.05 + 1e-9;

/** What the table shows for a file that names no learner: never the file name alone, which learners share. */
export function unnamedLearner(fileName: string): string {
  return `No name in the file (${fileName.replace(/^.*[\\/]/, '')})`;
}

function minutesBetween(start: string, end: string): number | null {
  const a = Date.parse(start);
  const b = Date.parse(end);
  if (Number.isNaN(a) || Number.isNaN(b) || b < a) return null;
  return round1((b - a) / 60000);
}

/** Stage by stage: how each stage was left, with the diagnosis held, the orders and the revisions made there. */
export function stageMoves(trace: readonly TraceEntry[]): StageMove[] {
  const moves: StageMove[] = [];
  let stage: string | null = null;
  let orders = 0;
  let revisions = 0;
  let held: string | null = null;
  for (const e of trace) {
    if (e.kind === 'stage') {
      if (stage !== null) moves.push({ stage, move: 'ADVANCE', held, orders, revisions });
      stage = e.stage;
      orders = 0;
      revisions = 0;
    } else if (e.kind === 'order') orders++;
    else if (e.kind === 'commit') {
      if (e.previous !== null && e.previous !== e.diagnosis) revisions++;
      held = e.diagnosis;
    } else if (e.kind === 'finish' && stage !== null) {
      moves.push({ stage, move: 'FINISH', held: e.diagnosis, orders, revisions });
      stage = null;
    }
  }
  return moves;
}

interface Candidate {
  record: AttemptRecord;
  learner: string;
  /** Who the learner is for counting: their name as written in the file, or this one file when it names nobody. */
  learnerKey: string;
  /** The file's attempt id, or one derived from the case and start time for files written before ids. */
  attemptId: string;
  source: string;
  file: string;
}

/** Reads one dropped file (the `index`-th of the set) into attempts (or a problem) and quiz rows. */
export function readFile(file: DroppedFile, index = 0): { attempts: Candidate[]; quizzes: QuizRow[]; problem: string | null } {
  const none = (problem: string) => ({ attempts: [], quizzes: [], problem });
  if (Math.max(file.size ?? 0, file.text.length) > MAX_INPUT_FILE_BYTES)
    return none(`it is larger than ${MAX_INPUT_FILE_BYTES / 1024 / 1024} MB, the most Calx reads from one file`);
  let value: unknown;
  try {
    // A byte-order mark (some editors add one) is not part of the JSON.
    value = JSON.parse(file.text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return none(`it is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const named = (v: unknown) => (isRecord(v) && typeof v.learner === 'string' && tidyLearnerName(v.learner) ? tidyLearnerName(v.learner) : null);
  const who = (v: unknown) => {
    const name = named(v);
    // Names are compared as people write them, ignoring case and spacing; a file with no name is a learner of its own.
    return name
      ? { learner: name, learnerKey: `name:${name.toLocaleLowerCase('en-GB')}` }
      : { learner: unnamedLearner(file.name), learnerKey: `file:${index}` };
  };
  // An attempt file names its attempt (`attemptId`); an attempt in a progress export is named by its case and start.
  const idOf = (record: AttemptRecord) => (typeof record.attemptId === 'string' && record.attemptId.trim() ? record.attemptId.trim() : attemptIdOf(record));
  if (isRecord(value) && value.format === 'calx-attempt') {
    const read = readAttemptRecord(value);
    if ('problem' in read) return none(read.problem);
    return { attempts: [{ record: read.record, ...who(value), attemptId: idOf(read.record), source: file.name, file: file.name }], quizzes: [], problem: null };
  }
  if (isRecord(value) && value.format === EXPORT_FORMAT) {
    const parsed = parseExport(file.text);
    if ('problem' in parsed) return none(parsed.problem);
    const { learner, learnerKey } = who(value);
    const attempts = parsed.file.attempts.map((record, i) => ({
      record,
      learner,
      learnerKey,
      attemptId: idOf(record),
      source: `${file.name}, attempt ${i + 1}`,
      file: file.name,
    }));
    const quizzes = [...quizScores(parsed.file.quizResults).values()].map((q) => ({
      learner,
      source: file.name,
      quiz: q.quiz,
      title: q.title,
      best: q.best.percent,
      last: q.last.percent,
      sittings: q.sittings,
    }));
    if (attempts.length === 0 && quizzes.length === 0) return none('the progress export holds no case attempts and no finished quizzes');
    return { attempts, quizzes, problem: null };
  }
  if (isRecord(value) && typeof value.case === 'string' && Array.isArray(value.events))
    return none(
      `it is an event list, not an exported attempt (an attempt file starts with "format": "calx-attempt"; use the player's "Download this attempt" button)`,
    );
  return none(`it is not a Calx attempt or progress export (those start with "format": "calx-attempt" or "format": "${EXPORT_FORMAT}")`);
}

/** Replays and scores one attempt on the current case. */
function toRow(c: Candidate, def: CaseDefinition, index: number): ClassRow {
  const r = c.record;
  const label = labeller(def);
  const flags: RowFlag[] = [];
  if (r.caseVersion !== def.version) flags.push({ kind: 'other-version', fileVersion: r.caseVersion, currentVersion: def.version });
  const claimedTotal = typeof r.result?.total === 'number' ? r.result.total : null;
  const base = {
    key: `${index}`,
    learner: c.learner,
    learnerKey: c.learnerKey,
    attemptId: c.attemptId,
    source: c.source,
    case: def.slug,
    caseTitle: def.title,
    caseVersion: r.caseVersion,
    claimedTotal,
    startedAt: r.startedAt,
    updatedAt: r.updatedAt,
    minutes: minutesBetween(r.startedAt, r.updatedAt),
  };
  let replayed: ReturnType<typeof replay>;
  try {
    replayed = replay(def, migrateEvents(def, r.events));
  } catch (e) {
    if (!(e instanceof AttemptError)) throw e;
    flags.push({ kind: 'does-not-replay', reason: e.message });
    const finished = r.events.at(-1)?.type === 'FINISH';
    return {
      ...base,
      status: finished ? 'finished' : 'unfinished',
      score: null,
      diagnosis: null,
      flags,
      counted: false,
      notCounted: 'it does not replay on the current case',
      missedKeyFindings: [],
      moves: [],
    };
  }
  const { context, finished } = replayed;
  const score = scoreAttempt(def, context.trace, finished);
  const scores = {
    total: score.total,
    uncapped: score.uncapped,
    ...(Object.fromEntries(DIMENSIONS.map((d) => [d, score.dimensions[d].points])) as Record<Dimension, number>),
  };
  const dx = context.working?.diagnosis ?? null;
  if (claimedTotal !== null && !sameScore(claimedTotal, score.total)) flags.push({ kind: 'score-mismatch', claimed: claimedTotal, replayed: score.total });
  if (r.result && typeof r.result.diagnosis === 'string' && r.result.diagnosis !== dx)
    flags.push({ kind: 'diagnosis-mismatch', claimed: label(r.result.diagnosis), replayed: dx ? label(dx) : null });
  const finalIdx = finalCommitIndex(context.trace);
  const seen = finalIdx >= 0 ? revealedBy(context.trace, finalIdx) : new Set<string>();
  const otherVersion = flags.some((f) => f.kind === 'other-version');
  return {
    ...base,
    status: finished ? 'finished' : 'unfinished',
    score: scores,
    diagnosis: dx ? { id: dx, label: label(dx), credit: creditOf(def, context.working?.differential ?? null) } : null,
    flags,
    counted: finished && !otherVersion,
    notCounted: otherVersion ? 'it was made on another version of the case' : finished ? null : 'it is not finished',
    missedKeyFindings: def.scoring.keyFindings.filter((k) => !seen.has(k.finding)).map((k) => k.finding),
    moves: stageMoves(context.trace),
  };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return round1(s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2);
}

/** Ten bins: 0–9, 10–19, …, 90–100 (100 goes in the last). */
export function distribution(totals: readonly number[]): Bin[] {
  const bins: Bin[] = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i === 9 ? 100 : i * 10 + 9, count: 0 }));
  for (const t of totals) bins[Math.min(9, Math.max(0, Math.floor(t / 10)))]!.count++;
  return bins;
}

function summarise(def: CaseDefinition, rows: readonly ClassRow[]): CaseSummary {
  const label = labeller(def);
  const counted = rows.filter((r) => r.counted && r.score);
  const totals = counted.map((r) => r.score!.total);
  const wrong = new Map<string, number>();
  for (const r of counted) if (r.diagnosis && r.diagnosis.credit < 1) wrong.set(r.diagnosis.id, (wrong.get(r.diagnosis.id) ?? 0) + 1);
  const missed = new Map<string, number>();
  for (const r of counted) for (const f of r.missedKeyFindings) missed.set(f, (missed.get(f) ?? 0) + 1);
  const team = stageMoves(replayTeamPath(def).context.trace);

  const decisionPoints: DecisionPoint[] = def.stages.map((stage, i) => {
    const moves = counted.flatMap((r) => r.moves.filter((m) => m.stage === stage.id));
    const held = new Map<string | null, number>();
    for (const m of moves) held.set(m.held, (held.get(m.held) ?? 0) + 1);
    const teamMove = team.find((m) => m.stage === stage.id);
    return {
      stage: stage.id,
      heading: `${def.clock.short} ${stage.day}`,
      title: stage.title,
      move: i === def.stages.length - 1 ? 'FINISH' : 'ADVANCE',
      reached: moves.length,
      held: [...held]
        .map(([id, count]) => ({ id, label: id === null ? 'no working diagnosis' : label(id), credit: id === null ? null : creditOfLead(def, id), count }))
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
      teamHeld: teamMove?.held ? label(teamMove.held) : null,
      meanOrders: moves.length ? round1(moves.reduce((s, m) => s + m.orders, 0) / moves.length) : 0,
      revisedHere: moves.filter((m) => m.revisions > 0).length,
    };
  });

  return {
    case: def.slug,
    title: def.title,
    rows: rows.length,
    counted: counted.length,
    mean: totals.length ? round1(totals.reduce((s, t) => s + t, 0) / totals.length) : null,
    median: median(totals),
    distribution: distribution(totals),
    dimensionMeans: DIMENSIONS.map((d) => ({
      dimension: d,
      mean: counted.length ? round1(counted.reduce((s, r) => s + r.score![d], 0) / counted.length) : 0,
      max: def.scoring.weights[d],
    })),
    wrongDiagnoses: [...wrong]
      .map(([id, count]) => ({ id, label: label(id), credit: creditOfLead(def, id), count }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
    missedKeyFindings: def.scoring.keyFindings
      .map((k) => ({ id: k.finding, label: label(k.finding), missed: missed.get(k.finding) ?? 0, of: counted.length }))
      .filter((k) => k.missed > 0)
      .sort((a, b) => b.missed - a.missed || a.label.localeCompare(b.label)),
    decisionPoints,
  };
}

/** Reads, re-scores and aggregates the files of a class against the current cases (in course order). */
export function analyseClass(files: readonly DroppedFile[], cases: readonly CaseDefinition[]): ClassResults {
  // Attempts name a case by its current slug or a former one (a renamed case keeps its attempts).
  const bySlug = new Map(cases.flatMap((c) => [c.slug, ...(c.formerSlugs ?? [])].map((s) => [s, c] as const)));
  const problems: FileProblem[] = [];
  const quizzes: QuizRow[] = [];
  const rows: ClassRow[] = [];
  for (const [fileIndex, file] of files.entries()) {
    const read = readFile(file, fileIndex);
    if (read.problem) {
      problems.push({ file: file.name, reason: read.problem });
      continue;
    }
    quizzes.push(...read.quizzes);
    for (const c of read.attempts) {
      const def = bySlug.get(c.record.case);
      if (!def) {
        problems.push({
          file: c.source,
          reason: `the case "${c.record.case.slice(0, 80)}" is not in this course (known: ${cases.map((k) => k.slug).join(', ')})`,
        });
        continue;
      }
      const row = toRow(c, def, rows.length);
      rows.push(row);
    }
  }

  // The same attempt in two files (a second download, or a single file and an export that holds it) is
  // shown in both places and counted once: the copy that goes furthest (the latest change) counts, the
  // others are flagged as duplicates. Different attempts never replace each other.
  const byAttempt = new Map<string, ClassRow[]>();
  for (const r of rows) byAttempt.set(`${r.case}\u0000${r.attemptId}`, [...(byAttempt.get(`${r.case}\u0000${r.attemptId}`) ?? []), r]);
  for (const copies of byAttempt.values()) {
    if (copies.length < 2) continue;
    const kept = copies.reduce((a, b) => (Date.parse(b.updatedAt) > Date.parse(a.updatedAt) ? b : a));
    for (const r of copies) {
      if (r === kept) continue;
      r.flags.push({ kind: 'duplicate', of: `${kept.source} (${kept.learner})`, attemptId: r.attemptId });
      r.counted = false;
      r.notCounted = `it is a copy of attempt ${r.attemptId}, counted from ${kept.source}`;
    }
  }

  // A learner who played a case more than once is counted once in the charts: with their latest finished attempt.
  const latest = new Map<string, ClassRow>();
  for (const r of rows) {
    if (!r.counted) continue;
    const k = `${r.learnerKey}\u0000${r.case}`;
    const prev = latest.get(k);
    if (!prev || Date.parse(r.updatedAt) > Date.parse(prev.updatedAt)) latest.set(k, r);
  }
  for (const r of rows) {
    if (r.counted && latest.get(`${r.learnerKey}\u0000${r.case}`) !== r) {
      r.counted = false;
      r.notCounted = 'a later finished attempt by the same learner is counted instead';
    }
  }

  const order = new Map(cases.map((c, i) => [c.slug, i]));
  rows.sort((a, b) => order.get(a.case)! - order.get(b.case)! || a.learner.localeCompare(b.learner) || Date.parse(a.startedAt) - Date.parse(b.startedAt));
  const summaries = cases
    .filter((c) => rows.some((r) => r.case === c.slug))
    .map((c) =>
      summarise(
        c,
        rows.filter((r) => r.case === c.slug),
      ),
    );
  return { rows, quizzes, problems, cases: summaries };
}

// The slim cases the page ships are built at build time; re-exported here for the tests and tools.
export { replayableCase } from './replayable-case';

import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { readAttemptRecord, type AttemptRecord, type StoredEvent } from '../schemas/attempt-record';
import { quizResultProblem, type AnswerRecord, type QuizResult } from '../schemas/quiz-result';
import type { BestResult, ModuleSnapshot } from './state';

/**
 * SCORM suspend data for a module: the snapshot (attempt event logs, best results, quiz sittings) as
 * JSON with short keys and positional arrays, deflated (fflate) and base64-encoded, behind a format
 * tag. SCORM 1.2 allows 4,096 characters of `cmi.suspend_data` (SCORM 2004 4th edition 64,000); when
 * a snapshot does not fit, details are dropped in a fixed order (quiz sittings, then finished
 * attempts, then the oldest unfinished ones) and the best results, which carry the score, are kept.
 * The packing is positional to fit; what it unpacks is checked with the same schema and rules as an
 * attempt or a quiz sitting read from anywhere else (src/schemas/attempt-record.ts, quiz-result.ts).
 */

export const SUSPEND_TAG = 'CX1:';
export const SUSPEND_LIMIT = { '1.2': 4096, '2004': 64000 } as const;

export class SuspendDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SuspendDataError';
  }
}

// Times: epoch milliseconds in base 36 when the ISO string round-trips exactly, else the string behind "!".
const t = (iso: string): string => {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) && new Date(ms).toISOString() === iso ? ms.toString(36) : `!${iso}`;
};
const fromT = (v: unknown): string => {
  if (typeof v !== 'string') throw new SuspendDataError('a time is not text');
  if (v.startsWith('!')) return v.slice(1);
  const ms = parseInt(v, 36);
  if (!Number.isFinite(ms)) throw new SuspendDataError(`"${v}" is not a time`);
  return new Date(ms).toISOString();
};

const SAFE_ID = /^[A-Za-z0-9_.:-]+$/;

/**
 * Events as one string, separated by commas: `o<action>`, `a`, `f`, and a commitment as
 * `c<id>=<percent>+<id>=<percent>…`, followed by `~<summary>` (URI-encoded, so it holds no comma)
 * when it carries one. The JSON list is kept when an id would not survive. A format-1 commit
 * (`c<option>@<confidence>`) still unpacks, as the old event, for migration on replay.
 */
export function packEvents(events: readonly StoredEvent[]): string | StoredEvent[] {
  const out: string[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'ORDER':
        if (!SAFE_ID.test(e.action)) return [...events];
        out.push(`o${e.action}`);
        break;
      case 'COMMIT': {
        if (!('differential' in e)) {
          if (!SAFE_ID.test(e.diagnosis) || !Number.isFinite(e.confidence)) return [...events];
          out.push(`c${e.diagnosis}@${e.confidence}`);
          break;
        }
        if (!e.differential.every((d) => SAFE_ID.test(d.diagnosis) && Number.isInteger(d.probability))) return [...events];
        const lines = e.differential.map((d) => `${d.diagnosis}=${d.probability}`).join('+');
        out.push(`c${lines}${e.summary !== undefined ? `~${encodeURIComponent(e.summary)}` : ''}`);
        break;
      }
      case 'ADVANCE':
        out.push('a');
        break;
      case 'FINISH':
        out.push('f');
        break;
      default:
        return [...events];
    }
  }
  return out.join(',');
}

function unpackCommit(s: string): StoredEvent {
  const body = s.slice(1);
  const tilde = body.indexOf('~');
  const lines = tilde >= 0 ? body.slice(0, tilde) : body;
  if (!lines.includes('=') && lines.includes('@')) {
    const at = lines.lastIndexOf('@');
    return { type: 'COMMIT', diagnosis: lines.slice(0, at), confidence: Number(lines.slice(at + 1)) };
  }
  const differential = lines.split('+').map((line) => {
    const eq = line.lastIndexOf('=');
    if (eq <= 0) throw new SuspendDataError(`"${s}" is not a commitment`);
    return { diagnosis: line.slice(0, eq), probability: Number(line.slice(eq + 1)) };
  });
  let summary: string | undefined;
  if (tilde >= 0) {
    try {
      summary = decodeURIComponent(body.slice(tilde + 1));
    } catch {
      throw new SuspendDataError(`"${s}" has a damaged summary`);
    }
  }
  return { type: 'COMMIT', differential, ...(summary !== undefined ? { summary } : {}) };
}

/** The events as packed; their shapes are checked with the attempt they belong to. */
export function unpackEvents(packed: unknown): StoredEvent[] {
  if (Array.isArray(packed)) return packed as StoredEvent[];
  if (typeof packed !== 'string') throw new SuspendDataError('events are neither text nor a list');
  if (packed === '') return [];
  return packed.split(',').map((s): StoredEvent => {
    if (s === 'a') return { type: 'ADVANCE' };
    if (s === 'f') return { type: 'FINISH' };
    if (s.startsWith('o')) return { type: 'ORDER', action: s.slice(1) };
    if (s.startsWith('c')) return unpackCommit(s);
    throw new SuspendDataError(`"${s}" is not an event`);
  });
}

type Packed = {
  v: 1;
  /** Attempts: [case, caseVersion, startedAt, updatedAt, events, result?, formatVersion?]. */
  a: unknown[][];
  /** Best results: [key, total, finishedAt]. */
  b: unknown[][];
  /** Quiz sittings: [quiz, title, mode, seed, startedAt, updatedAt, finishedAt|0, itemCount, answers, timeLimitMinutes|0, overTime 0|1]. */
  q: unknown[][];
};

function packAttempt(a: AttemptRecord): unknown[] {
  const row: unknown[] = [a.case, a.caseVersion, t(a.startedAt), t(a.updatedAt), packEvents(a.events)];
  if (a.result || a.formatVersion !== 1) row.push(a.result ? [a.result.total, a.result.diagnosis, a.result.diagnosisLabel, t(a.result.finishedAt)] : 0);
  if (a.formatVersion !== 1) row.push(a.formatVersion);
  return row;
}

function unpackAttempt(row: unknown[]): AttemptRecord {
  const [slug, caseVersion, startedAt, updatedAt, events, result, formatVersion] = row;
  if (typeof slug !== 'string' || typeof caseVersion !== 'string') throw new SuspendDataError('an attempt has no case');
  const record = {
    format: 'calx-attempt',
    formatVersion: typeof formatVersion === 'number' ? formatVersion : 1,
    case: slug,
    caseVersion,
    events: unpackEvents(events),
    startedAt: fromT(startedAt),
    updatedAt: fromT(updatedAt),
  };
  if (Array.isArray(result)) {
    const [total, diagnosis, diagnosisLabel, finishedAt] = result;
    Object.assign(record, {
      result: { total: Number(total), diagnosis: String(diagnosis), diagnosisLabel: String(diagnosisLabel), finishedAt: fromT(finishedAt) },
    });
  }
  const read = readAttemptRecord(record);
  if ('problem' in read) throw new SuspendDataError(`the attempt at "${slug.slice(0, 60)}" is malformed: ${read.problem}`);
  return read.record;
}

function packQuiz(r: QuizResult): unknown[] {
  return [
    r.quiz,
    r.title,
    r.mode,
    r.seed,
    t(r.startedAt),
    t(r.updatedAt),
    r.finishedAt === null ? 0 : t(r.finishedAt),
    r.itemCount,
    r.answers.map((x) => [x.item, x.answer, x.credit, t(x.at)]),
    r.timeLimitMinutes ?? 0,
    r.overTime ? 1 : 0,
  ];
}

function unpackQuiz(row: unknown[]): QuizResult {
  const [quiz, title, mode, seed, startedAt, updatedAt, finishedAt, itemCount, answers, timeLimitMinutes, overTime] = row;
  if (typeof quiz !== 'string' || !Array.isArray(answers)) throw new SuspendDataError('a quiz sitting is malformed');
  const sitting = {
    quiz,
    title: String(title),
    mode: mode as QuizResult['mode'],
    seed: String(seed),
    startedAt: fromT(startedAt),
    updatedAt: fromT(updatedAt),
    finishedAt: finishedAt === 0 ? null : fromT(finishedAt),
    itemCount: Number(itemCount),
    answers: answers.map((x): AnswerRecord => {
      const [item, answer, credit, at] = x as unknown[];
      return { item: String(item), answer: answer as AnswerRecord['answer'], credit: Number(credit), at: fromT(at) };
    }),
    timeLimitMinutes: timeLimitMinutes === 0 ? null : Number(timeLimitMinutes),
    overTime: overTime === 1,
  };
  const problem = quizResultProblem(sitting);
  if (problem) throw new SuspendDataError(`the quiz sitting "${quiz.slice(0, 60)}" is malformed: ${problem}`);
  return sitting as QuizResult;
}

function toBase64(bytes: Uint8Array): string {
  return btoa(strFromU8(bytes, true));
}

function fromBase64(s: string): Uint8Array {
  try {
    return strToU8(atob(s), true);
  } catch {
    throw new SuspendDataError('the suspend data is not base64');
  }
}

/** Encodes a snapshot as it is, however long the result. */
export function encodeSnapshot(snap: ModuleSnapshot): string {
  const packed: Packed = {
    v: 1,
    a: Object.values(snap.attempts).map(packAttempt),
    b: Object.entries(snap.best).map(([k, r]) => [k, r.total, t(r.finishedAt)]),
    q: snap.quizzes.map(packQuiz),
  };
  return SUSPEND_TAG + toBase64(deflateSync(strToU8(JSON.stringify(packed)), { level: 9 }));
}

/** Decodes suspend data written by encodeSnapshot; throws SuspendDataError on anything else. */
export function decodeSnapshot(data: string): ModuleSnapshot {
  if (!data.startsWith(SUSPEND_TAG)) throw new SuspendDataError('the suspend data was not written by this version of Calx');
  let packed: Packed;
  try {
    packed = JSON.parse(strFromU8(inflateSync(fromBase64(data.slice(SUSPEND_TAG.length))))) as Packed;
  } catch (e) {
    if (e instanceof SuspendDataError) throw e;
    throw new SuspendDataError('the suspend data is damaged');
  }
  if (typeof packed !== 'object' || packed === null || packed.v !== 1 || !Array.isArray(packed.a) || !Array.isArray(packed.b) || !Array.isArray(packed.q))
    throw new SuspendDataError('the suspend data has an unknown shape');
  const attempts: Record<string, AttemptRecord> = {};
  for (const row of packed.a) {
    const a = unpackAttempt(row);
    attempts[a.case] = a;
  }
  const best: Record<string, BestResult> = {};
  for (const [k, total, finishedAt] of packed.b) best[String(k)] = { total: Number(total), finishedAt: fromT(finishedAt) };
  return { attempts, best, quizzes: packed.q.map(unpackQuiz) };
}

export interface FittedSuspendData {
  data: string;
  /** What had to be left out to fit, in words; empty when everything fits. */
  dropped: string[];
}

/**
 * Encodes a snapshot within `limit` characters, dropping details in a fixed order until it fits:
 * quiz sittings, then the attempts of finished cases (their best result stays), then unfinished
 * attempts, the least recently changed first. The best results are always kept.
 */
export function fitSnapshot(snap: ModuleSnapshot, limit: number): FittedSuspendData {
  let data = encodeSnapshot(snap);
  if (data.length <= limit) return { data, dropped: [] };
  const dropped: string[] = [];
  const work: ModuleSnapshot = { attempts: { ...snap.attempts }, best: snap.best, quizzes: [...snap.quizzes] };
  const fits = () => (data = encodeSnapshot(work)).length <= limit;
  while (work.quizzes.length) {
    const r = work.quizzes.shift()!;
    dropped.push(`quiz sitting "${r.quiz}" of ${r.startedAt}`);
    if (fits()) return { data, dropped };
  }
  const order = Object.values(work.attempts).sort((a, b) => Number(!a.result) - Number(!b.result) || Date.parse(a.updatedAt) - Date.parse(b.updatedAt));
  for (const a of order) {
    delete work.attempts[a.case];
    dropped.push(`the ${a.result ? 'finished' : 'unfinished'} attempt at "${a.case}"`);
    if (fits()) return { data, dropped };
  }
  return { data, dropped };
}

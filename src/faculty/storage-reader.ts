import { ATTEMPT_STORAGE_PREFIX, HISTORY_PREFIX } from '../progress/keys';
import { loadProgress } from '../progress/quiz-progress';
import type { StorageLike } from '../progress/saved-attempt';
import { quizScores } from '../progress/summary';
import type { CaseReading, ProgressReader, QuizReading } from './module-progress';

/**
 * A ProgressReader over this browser's storage: the case attempts the player saves
 * (`calx:v1:attempt:<slug>`, and finished ones archived by "play again" under `calx:v1:history:<slug>`)
 * and the quiz results of the self-assessment store (`calx:v1:progress`). It only reads: damaged data
 * is left where it is for the case or progress page to set aside and explain.
 */

type Rec = { caseVersion?: unknown; events?: unknown; result?: { total?: unknown } };

function parse(raw: string | null): unknown {
  if (raw === null) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

const isFinished = (r: Rec) => Array.isArray(r.events) && (r.events.at(-1) as { type?: unknown } | undefined)?.type === 'FINISH';

/** Never writes: loadProgress would set damaged data aside, which is the progress page's job. */
const readOnly = (storage: StorageLike): StorageLike => ({ getItem: (k) => storage.getItem(k), setItem: () => {}, removeItem: () => {} });

export function storageReader(storage: StorageLike, now: Date = new Date()): ProgressReader {
  let scores: ReturnType<typeof quizScores> | null = null;
  let started: Set<string> | null = null;
  const quizzes = () => {
    if (!scores) {
      const results = loadProgress(readOnly(storage), now).data.quizResults;
      scores = quizScores(results);
      started = new Set(results.map((r) => r.quiz));
    }
    return { scores, started: started! };
  };
  return {
    caseReading(slug: string, version: string): CaseReading {
      const current = parse(storage.getItem(`${ATTEMPT_STORAGE_PREFIX}${slug}`));
      const history = parse(storage.getItem(`${HISTORY_PREFIX}${slug}`));
      const records = [current, ...(Array.isArray(history) ? history : [])].filter((r): r is Rec => typeof r === 'object' && r !== null && !Array.isArray(r));
      const mine = records.filter((r) => r.caseVersion === version);
      const totals = mine
        .filter(isFinished)
        .map((r) => r.result?.total)
        .filter((t): t is number => typeof t === 'number' && Number.isFinite(t));
      if (totals.length) return { state: 'done', score: Math.max(...totals) };
      if (mine.some((r) => Array.isArray(r.events) && r.events.length > 0)) return { state: 'in-progress' };
      if (records.some((r) => r.caseVersion !== version)) return { state: 'older-version' };
      return { state: 'not-started' };
    },
    quizReading(topic: string): QuizReading {
      const { scores: s, started: st } = quizzes();
      const best = s.get(topic);
      if (best) return { state: 'done', score: best.best.percent };
      return st.has(topic) ? { state: 'in-progress' } : { state: 'not-started' };
    },
  };
}

import { ATTEMPT_STORAGE_PREFIX } from '../../progress/keys';
import { loadProgress, setAsideNotice } from '../../progress/quiz-progress';
import { degradedNotice, type GuardedStorage } from '../../progress/guarded-storage';
import { migrateFormerSlugs } from '../../progress/former-slugs';
import { readLearnerName } from '../../progress/attempt-file';
import { listSetAside, restorableAttempt, restoreSetAside, setAsideCase, setAsideKind, type SetAsideEntry } from '../../progress/set-aside';
import { caseStatus, latestAnswers, objectiveCoverage, quizScores, reviewSummary, type CaseStatus, type QuizScores } from '../../progress/summary';
import { countOf } from '../../utils/count';

/**
 * The progress page without React: what it shows, read from this browser's storage, and what its
 * buttons do (restore, export, import), each returning the message to show. The island
 * (Progress.tsx) renders the view and calls these; the unit tests call them on an in-memory storage.
 */

export interface ProgressProps {
  cases: { slug: string; title: string; version: string; href: string; formerSlugs: string[] }[];
  quizzes: { id: string; title: string; href: string; count: number }[];
  objectives: { id: string; text: string; items: string[] }[];
  /** Every item, briefly, to list what is due. */
  items: { id: string; label: string; quiz: string }[];
  reviewHref: string;
}

export type Message = { tone: 'ok' | 'error'; text: string } | null;

export interface CaseRow {
  slug: string;
  title: string;
  href: string;
  status: CaseStatus;
}

export interface QuizRow {
  id: string;
  title: string;
  /** Null for a quiz this browser holds results of but the course no longer lists. */
  href: string | null;
  scores: QuizScores | undefined;
}

export interface SetAsideRow {
  entry: SetAsideEntry;
  /** What it is, e.g. "Case attempt". */
  kindLabel: string;
  /** The title of the case it belongs to, if any. */
  title: string | null;
  restorable: boolean;
}

export interface ProgressView {
  notice: string | null;
  cases: CaseRow[];
  quizzes: QuizRow[];
  review: ReturnType<typeof reviewSummary>;
  /** The items due for review, with their label and their quiz's title. */
  due: { id: string; label: string; quizTitle: string }[];
  coverage: ReturnType<typeof objectiveCoverage>;
  setAside: SetAsideRow[];
}

export function statusText(s: CaseStatus): string {
  switch (s.kind) {
    case 'not-started':
      return 'Not started';
    case 'in-progress':
      return `In progress (${s.steps} step${s.steps === 1 ? '' : 's'})`;
    case 'finished':
      return 'Finished';
    case 'older-version':
      return 'Saved on an older scoring version of the case (open it to replay and re-score it on this one)';
    case 'unreadable':
      return 'Saved progress unreadable (open the case to set it aside)';
    case 'set-aside':
      return `Set aside (${s.count === 1 ? 'an earlier attempt is' : `${s.count} earlier attempts are`} listed under "Set aside" below)`;
  }
}

export const KIND_LABEL = {
  'case-attempt': 'Case attempt',
  'case-history': 'Case history',
  'quiz-progress': 'Quiz progress',
  'lms-data': 'Data from an LMS',
  other: 'Other data',
} as const;

export const COVERAGE = { covered: 'Covered', practising: 'Practising', 'not-started': 'Not yet' } as const;

/** The course's slug for a slug found in storage (a former slug maps to the case's current one), or null. */
const slugResolver = (cases: ProgressProps['cases']) => (slug: string) => cases.find((c) => c.slug === slug || c.formerSlugs.includes(slug))?.slug ?? null;

/** Reads everything the page shows, moving attempts saved under a former slug to the current one first. */
export function readProgressView(storage: GuardedStorage, props: ProgressProps, now: Date): ProgressView {
  const { cases, quizzes, objectives, items } = props;
  const slugOf = slugResolver(cases);
  for (const c of cases) migrateFormerSlugs(storage, c);
  const progress = loadProgress(storage, now);
  const setAside = listSetAside(storage);
  const caseOf = (e: SetAsideEntry) => {
    const slug = setAsideCase(e);
    return slug === null ? null : slugOf(slug.replace(/:history$/, ''));
  };
  const notices = [progress.setAside ? setAsideNotice(progress.setAside, storage.degraded) : null, storage.degraded ? degradedNotice(storage.degraded) : null];
  const scores = quizScores(progress.data.quizResults);
  const listed = new Set(quizzes.map((q) => q.id));
  const titleOf = new Map(quizzes.map((q) => [q.id, q.title]));
  const itemById = new Map(items.map((i) => [i.id, i]));
  const review = reviewSummary(progress.data.review, now, new Set(items.map((i) => i.id)));
  return {
    notice: notices.filter(Boolean).join(' ') || null,
    cases: cases.map((c) => {
      const asideCount = setAside.filter((e) => caseOf(e) === c.slug).length;
      return { slug: c.slug, title: c.title, href: c.href, status: caseStatus(storage.getItem(`${ATTEMPT_STORAGE_PREFIX}${c.slug}`), c.version, asideCount) };
    }),
    quizzes: [
      ...quizzes.map((q) => ({ id: q.id, title: q.title, href: q.href as string | null, scores: scores.get(q.id) })),
      ...[...scores.values()].filter((s) => !listed.has(s.quiz)).map((s) => ({ id: s.quiz, title: s.title, href: null, scores: s })),
    ],
    review,
    due: review.due.map((id) => ({ id, label: itemById.get(id)?.label ?? id, quizTitle: titleOf.get(itemById.get(id)?.quiz ?? '') ?? 'quiz' })),
    coverage: objectiveCoverage(objectives, latestAnswers(progress.data.quizResults)),
    setAside: setAside.map((entry) => {
      const slug = setAsideCase(entry);
      const title = slug ? (cases.find((c) => c.slug === caseOf(entry))?.title ?? slug) : null;
      return { entry, kindLabel: KIND_LABEL[setAsideKind(entry)], title, restorable: restorableAttempt(entry) !== null };
    }),
  };
}

/** The sentence under "Due for review". */
export function reviewText(review: ProgressView['review'], formatDate: (date: Date) => string): string {
  const due = review.due.length;
  const now = due === 0 ? 'Nothing is due for review right now.' : `${due} question${due === 1 ? ' is' : 's are'} due for review.`;
  const later =
    review.scheduled > 0 && review.next
      ? ` ${review.scheduled} more ${review.scheduled === 1 ? 'is' : 'are'} scheduled, the next on ${formatDate(review.next)}.`
      : '';
  return now + later;
}

/** Puts a set-aside case attempt back (as the case's attempt, or into its history). */
export function restoreEntry(storage: GuardedStorage, entry: SetAsideEntry, cases: ProgressProps['cases']): Message {
  const outcome = restoreSetAside(storage, entry, slugResolver(cases));
  if ('problem' in outcome) return { tone: 'error', text: `That entry cannot be restored: ${outcome.problem}.` };
  return { tone: 'ok', text: "Restored. Open the case to carry on with it (or see it in the case's history)." };
}

/**
 * Everything in one file for another device. Export and import are loaded when used: they validate
 * case attempts with the case engine's checks, which would otherwise add the engine's code to the
 * page's first load.
 */
export async function exportProgressFile(storage: GuardedStorage, now: Date): Promise<{ fileName: string; content: unknown; message: Message }> {
  const { buildExport, exportFileName } = await import('../../progress/export');
  const { file, skipped } = buildExport(storage, now);
  // The name given when downloading an attempt goes into the export too, so class results can tell learners apart.
  const learner = readLearnerName(storage);
  const fileName = exportFileName(now);
  const left = skipped.length ? ` Left out because it is damaged (it stays in this browser): ${skipped.join('; ')}.` : '';
  const reviewCards = countOf(Object.keys(file.review).length, 'review card');
  const counts = `${countOf(file.attempts.length, 'case attempt')}, ${countOf(file.quizResults.length, 'quiz result')} and ${reviewCards}`;
  return {
    fileName,
    content: learner ? { ...file, learner } : file,
    message: { tone: 'ok', text: `Your progress was saved as ${fileName}${learner ? `, under the name ${learner}` : ''}: ${counts}.${left}` },
  };
}

/** Imports a progress file chosen by the learner; a refused file changes nothing and says why. */
export async function importProgressFile(
  storage: GuardedStorage,
  chosen: Pick<File, 'name' | 'size' | 'text'>,
  cases: ProgressProps['cases'],
): Promise<Message> {
  const { describeImport, importProgress, parseExport, ImportRefused, MAX_INPUT_FILE_BYTES } = await import('../../progress/export');
  if (chosen.size > MAX_INPUT_FILE_BYTES) {
    const limit = MAX_INPUT_FILE_BYTES / 1024 / 1024;
    return { tone: 'error', text: `${chosen.name} cannot be imported: it is larger than ${limit} MB, the most Calx reads. Nothing was changed.` };
  }
  const parsed = parseExport(await chosen.text());
  if ('problem' in parsed) return { tone: 'error', text: `${chosen.name} cannot be imported: ${parsed.problem}. Nothing was changed.` };
  try {
    return { tone: 'ok', text: describeImport(importProgress(storage, parsed.file, new Date(), cases)) };
  } catch (e) {
    const text = e instanceof ImportRefused ? e.message : 'The import could not be saved (browser storage is full or blocked). Nothing was changed.';
    return { tone: 'error', text };
  }
}

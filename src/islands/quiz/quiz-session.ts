import type { Question } from '../../schemas/question';
import { isAnswered, type ItemAnswer } from '../../quiz/answers';
import { readNumber } from '../../quiz/numeric';
import { blankAnswer, scoreItem, type ItemResult } from '../../quiz/score-item';
import { scoreQuiz, type QuizScore } from '../../quiz/score-quiz';
import { arrangeQuiz, seedFromQuery, type ArrangedItem } from '../../quiz/shuffle';
import { scheduleAnswers } from '../../quiz/schedule';
import { setAsideNotice, updateProgress, upsertQuizResult, type AnswerRecord, type QuizMode, type QuizResult } from '../../progress/quiz-progress';
import type { StorageLike } from '../../progress/saved-attempt';
import { degradedNotice, degradedReason } from '../../progress/guarded-storage';
import { ViewStore } from '../view-store';

const AFRESH = 'and your progress starts afresh from this quiz.';

/** A quiz as a page or a lesson offers it. */
export interface QuizDefinition {
  /** The quiz id results are saved under: a topic id, `lesson:<page>`, or `review`. */
  quiz: string;
  title: string;
  items: Question[];
  /** Shuffle the order of items (topic quizzes); a lesson and the review deck keep theirs. */
  shuffleItems: boolean;
}

export interface QuizStart {
  mode: QuizMode;
  seed: string;
  /** Minutes, shown as a countdown in a test; null for none. */
  timeLimitMinutes: number | null;
}

export type Notice = { tone: 'info' | 'warning'; text: string };

/** What the view renders; replaced (never mutated) on every change, for useSyncExternalStore. */
export interface QuizView {
  phase: 'setup' | 'running' | 'done';
  mode: QuizMode;
  seed: string;
  arranged: ArrangedItem[];
  answers: Record<string, ItemAnswer>;
  /** What was typed into numeric items, kept as typed. */
  texts: Record<string, string>;
  /** Why an item cannot be checked yet (nothing chosen, not a number). */
  problems: Record<string, string>;
  /** Feedback per item: after each check in practice, for all items after a test is submitted. */
  results: Record<string, ItemResult>;
  score: QuizScore | null;
  timeLimitMinutes: number | null;
  /** When the time limit runs out (ms since the epoch), or null. */
  deadline: number | null;
  secondsLeft: number | null;
  timeUp: boolean;
  /** Items the summary says will come back for review. */
  scheduledForReview: number;
  notice: Notice | null;
  /** What the live region announces for the last change. */
  announcement: string;
  /** Where focus should go after the last change; `serial` changes each time so the view can react. */
  focus: { target: 'first-item' | 'summary' | `feedback:${string}` | `problem:${string}` | `step:${string}:${'up' | 'down'}`; serial: number } | null;
}

/** Time-left warnings, in seconds, announced once each as the countdown passes them. */
const WARNINGS = [300, 60];

const minutes = (n: number) => `${n} minute${n === 1 ? '' : 's'}`;

export function formatClock(seconds: number): string {
  const s = Math.max(0, seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * One sitting of one quiz: the arranged items, the answers, the feedback, the countdown, and the
 * saving of results and review cards. Framework-free; the React islands only bind it to a view.
 */
export class QuizSession extends ViewStore<QuizView> {
  private startedAt = '';
  private serial = 0;
  private warned = new Set<number>();
  /** The answers saved so far in this sitting, each with the time it was first saved. */
  private savedAnswers: AnswerRecord[] = [];

  constructor(
    readonly def: QuizDefinition,
    private storage: StorageLike | null = null,
    private readonly now: () => Date = () => new Date(),
  ) {
    super({
      phase: 'setup',
      mode: 'practice',
      seed: '',
      arranged: [],
      answers: {},
      texts: {},
      problems: {},
      results: {},
      score: null,
      timeLimitMinutes: null,
      deadline: null,
      secondsLeft: null,
      timeUp: false,
      scheduledForReview: 0,
      notice: null,
      announcement: '',
      focus: null,
    });
  }

  private focusOn(target: NonNullable<QuizView['focus']>['target']): QuizView['focus'] {
    return { target, serial: ++this.serial };
  }

  /** Attaches browser storage (null when the browser refuses it: the quiz still works, unsaved). */
  attach(storage: StorageLike | null, notice: Notice | null = null): void {
    this.storage = storage;
    if (!storage)
      notice = { tone: 'warning', text: 'This browser does not let Calx save progress, so your answers will not be kept after you leave the page.' };
    else if (degradedReason(storage)) notice = { tone: 'warning', text: degradedNotice(degradedReason(storage)!) };
    this.update({ notice });
  }

  start({ mode, seed, timeLimitMinutes }: QuizStart): void {
    const arranged = arrangeQuiz(this.def.items, seed, this.def.shuffleItems);
    const answers = Object.fromEntries(arranged.map((a) => [a.item.id, blankAnswer(a.item, a.order)]));
    const now = this.now();
    this.startedAt = now.toISOString();
    this.warned = new Set();
    this.savedAnswers = [];
    const limit = mode === 'test' ? timeLimitMinutes : null;
    const deadline = limit ? now.getTime() + limit * 60_000 : null;
    const countdown = 'The countdown stays on screen; when it runs out you are told, and you submit when you are ready.';
    const timing = limit ? ` Time limit ${minutes(limit)}. ${countdown}` : '';
    const intro =
      mode === 'test'
        ? `Test started: ${arranged.length} questions, feedback at the end.${timing}`
        : `${arranged.length} question${arranged.length === 1 ? '' : 's'}: check each answer for feedback.`;
    this.update({
      phase: 'running',
      mode,
      seed,
      arranged,
      answers,
      texts: {},
      problems: {},
      results: {},
      score: null,
      timeLimitMinutes: limit,
      deadline,
      secondsLeft: limit ? limit * 60 : null,
      timeUp: false,
      scheduledForReview: 0,
      announcement: intro,
      focus: this.focusOn('first-item'),
    });
  }

  setAnswer(item: string, answer: ItemAnswer): void {
    if (this.locked(item)) return;
    const problems = { ...this.view.problems };
    delete problems[item];
    this.update({ answers: { ...this.view.answers, [item]: answer }, problems });
  }

  /** Numeric items: keep the text as typed; the answer is the number it reads as, if any. */
  setText(item: Question, text: string): void {
    if (item.type !== 'numeric' || this.locked(item.id)) return;
    const read = readNumber(text, item.unit);
    const problems = { ...this.view.problems };
    delete problems[item.id];
    this.update({
      texts: { ...this.view.texts, [item.id]: text },
      answers: { ...this.view.answers, [item.id]: { type: 'numeric', value: 'value' in read ? read.value : null } },
      problems,
    });
  }

  /** Ordering items: moves a step one place up or down, and says where it is now. */
  move(item: string, step: string, direction: 'up' | 'down'): void {
    const answer = this.view.answers[item];
    if (answer?.type !== 'ordering' || this.locked(item)) return;
    const order = [...answer.order];
    const from = order.indexOf(step);
    const to = direction === 'up' ? from - 1 : from + 1;
    if (from < 0 || to < 0 || to >= order.length) return;
    [order[from], order[to]] = [order[to]!, order[from]!];
    const arranged = this.view.arranged.find((a) => a.item.id === item)!;
    const text = arranged.item.type === 'ordering' ? arranged.item.steps.find((s) => s.id === step)?.text : step;
    // Keep focus on the button that moved, unless the step reached the end and that button is now disabled.
    const stay = to === 0 ? 'down' : to === order.length - 1 ? 'up' : direction;
    this.update({
      answers: { ...this.view.answers, [item]: { type: 'ordering', order } },
      announcement: `“${text}” moved to position ${to + 1} of ${order.length}.`,
      focus: this.focusOn(`step:${step}:${stay}`),
    });
  }

  private locked(item: string): boolean {
    return this.view.phase !== 'running' || this.view.results[item] !== undefined;
  }

  /** Why an answer cannot be checked yet, or null. */
  private problemWith(item: Question): string | null {
    const answer = this.view.answers[item.id];
    if (item.type === 'numeric') {
      const read = readNumber(this.view.texts[item.id] ?? '', item.unit);
      return 'problem' in read ? read.problem : null;
    }
    if (isAnswered(answer)) return null;
    switch (item.type) {
      case 'single':
        return 'Choose an answer first.';
      case 'multiple':
        return 'Choose at least one option first.';
      case 'concordance':
        return 'Choose a point on the scale first.';
      case 'key-feature':
        return 'Answer at least one of the questions first.';
      default:
        return 'Match at least one item first.';
    }
  }

  /** Practice and review: scores one item, shows its feedback and saves it. */
  check(itemId: string): void {
    if (this.view.phase !== 'running' || this.view.mode === 'test' || this.view.results[itemId]) return;
    const arranged = this.view.arranged.find((a) => a.item.id === itemId);
    if (!arranged) return;
    const problem = this.problemWith(arranged.item);
    if (problem) {
      this.update({ problems: { ...this.view.problems, [itemId]: problem }, announcement: problem, focus: this.focusOn(`problem:${itemId}`) });
      return;
    }
    const result = scoreItem(arranged.item, this.view.answers[itemId]);
    const results = { ...this.view.results, [itemId]: result };
    const position = this.view.arranged.indexOf(arranged) + 1;
    const all = this.view.arranged.every((a) => results[a.item.id]);
    const saved = this.save(results, [itemId], all);
    const verdict = `Question ${position}: ${result.summary}`;
    if (!all) {
      this.update({ results, announcement: verdict, focus: this.focusOn(`feedback:${itemId}`), ...saved });
      return;
    }
    const score = scoreQuiz(
      this.view.arranged.map((a) => a.item),
      this.view.answers,
    );
    this.update({
      results,
      score,
      phase: 'done',
      announcement: `${verdict} Quiz finished: ${score.percent}%.`,
      focus: this.focusOn(`feedback:${itemId}`),
      ...saved,
    });
  }

  /** Test: scores every item at once, shows all feedback, saves, and moves to the summary. */
  submit(): void {
    if (this.view.phase !== 'running' || this.view.mode !== 'test') return;
    const items = this.view.arranged.map((a) => a.item);
    const score = scoreQuiz(items, this.view.answers);
    const results = Object.fromEntries(score.items.map((r) => [r.item, r]));
    const saved = this.save(
      results,
      items.map((i) => i.id),
      true,
    );
    this.update({
      results,
      score,
      phase: 'done',
      deadline: null,
      announcement: `Test submitted: ${score.percent}%. Feedback is shown under each question.`,
      focus: this.focusOn('summary'),
      ...saved,
    });
  }

  /** The countdown: called every second by the view. Announces the warnings and the end, never submits. */
  tick(): void {
    const { deadline, phase } = this.view;
    if (deadline === null || phase !== 'running') return;
    const left = Math.max(0, Math.ceil((deadline - this.now().getTime()) / 1000));
    if (left === this.view.secondsLeft) return;
    let announcement = this.view.announcement;
    for (const w of WARNINGS) {
      if (left <= w && left > 0 && !this.warned.has(w) && (this.view.timeLimitMinutes ?? 0) * 60 > w) {
        this.warned.add(w);
        announcement = `${minutes(w / 60)} left.`;
      }
    }
    const timeUp = left === 0;
    if (timeUp && !this.view.timeUp) announcement = 'Time is up. Nothing has been submitted: finish your answers if you wish, then submit.';
    this.update({ secondsLeft: left, timeUp, announcement });
  }

  /** Saves the sitting (answers so far) and updates the review cards of the items just scored. */
  private save(results: Record<string, ItemResult>, scored: readonly string[], finished: boolean): Partial<QuizView> {
    const now = this.now();
    const at = now.toISOString();
    const answers: AnswerRecord[] = this.view.arranged
      .filter((a) => results[a.item.id])
      .map((a) => ({ item: a.item.id, answer: this.view.answers[a.item.id]!, credit: results[a.item.id]!.credit, at }));
    const previous = new Map(this.savedAnswers.map((a) => [a.item, a]));
    // An answer keeps the time it was checked: later saves of the same sitting do not move it.
    const timed = answers.map((a) => previous.get(a.item) ?? a);
    this.savedAnswers = timed;
    const scheduled = this.view.scheduledForReview + scored.filter((id) => results[id]!.credit < 1).length;
    if (!this.storage) return { scheduledForReview: scheduled };
    const result: QuizResult = {
      quiz: this.def.quiz,
      title: this.def.title,
      mode: this.view.mode,
      seed: this.view.seed,
      startedAt: this.startedAt,
      updatedAt: at,
      finishedAt: finished ? at : null,
      itemCount: this.view.arranged.length,
      answers: timed,
      timeLimitMinutes: this.view.timeLimitMinutes,
      overTime: this.view.timeUp,
    };
    try {
      const saved = updateProgress(this.storage, now, (data) => ({
        ...upsertQuizResult(data, result),
        review: scheduleAnswers(
          data.review,
          scored.map((id) => ({ item: id, credit: results[id]!.credit })),
          now,
        ),
      }));
      const degraded = degradedReason(this.storage);
      if (degraded)
        return {
          scheduledForReview: scheduled,
          notice: { tone: 'warning', text: saved.setAside ? setAsideNotice(saved.setAside, degraded) : degradedNotice(degraded) },
        };
      if (saved.setAside)
        return {
          scheduledForReview: scheduled,
          notice: {
            tone: 'warning',
            text: `${saved.setAside.reason} It has been set aside (kept in this browser under "${saved.setAside.key}"), ${AFRESH}`,
          },
        };
      return { scheduledForReview: scheduled };
    } catch {
      return { scheduledForReview: scheduled, notice: { tone: 'warning', text: 'Your answers could not be saved (browser storage is full or blocked).' } };
    }
  }
}

/** The quiz settings a URL carries, so that a quiz can be shared and repeated: `?seed=…&mode=test&time=10`. */
export function readQuizQuery(search: string): { seed: string | null; mode: 'practice' | 'test' | null; time: number | null } {
  const q = new URLSearchParams(search);
  const mode = q.get('mode');
  const time = Number(q.get('time'));
  return {
    seed: seedFromQuery(search),
    mode: mode === 'practice' || mode === 'test' ? mode : null,
    time: Number.isInteger(time) && time > 0 && time <= 180 ? time : null,
  };
}

export function quizQuery(start: QuizStart): string {
  const q = new URLSearchParams({ seed: start.seed, mode: start.mode === 'test' ? 'test' : 'practice' });
  if (start.mode === 'test' && start.timeLimitMinutes) q.set('time', String(start.timeLimitMinutes));
  return `?${q.toString()}`;
}

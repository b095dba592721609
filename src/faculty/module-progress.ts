/**
 * A learner's progress through a module: pure functions over an injected reader, so that the
 * module page (local storage), the tests (in memory) and later the SCORM runtime (LMS data) can
 * all feed it. No DOM, no storage, no clock.
 */

/** A step as the page knows it at build time. */
export type ModuleStepRef = { kind: 'case'; id: string; version: string } | { kind: 'quiz'; id: string } | { kind: 'lesson'; id: string };

/** What the reader found for one case. */
export type CaseReading =
  | { state: 'not-started' }
  | { state: 'in-progress' }
  /** A finished attempt on the current version of the case, with its score (0 to 100). */
  | { state: 'done'; score: number }
  /** Only attempts made on another version of the case: they do not count until replayed. */
  | { state: 'older-version' };

/** What the reader found for one quiz: its best finished score (0 to 100), or none. */
export type QuizReading = { state: 'not-started' } | { state: 'in-progress' } | { state: 'done'; score: number };

/** Where progress comes from: local storage on the module page, memory in the tests. */
export interface ProgressReader {
  caseReading(slug: string, version: string): CaseReading;
  quizReading(topic: string): QuizReading;
}

export type StepState = 'not-started' | 'in-progress' | 'done' | 'older-version' | 'not-scored';

export interface StepProgress {
  kind: ModuleStepRef['kind'];
  id: string;
  /** Cases and quizzes count towards the pass mark; lessons do not. */
  scored: boolean;
  state: StepState;
  /** The score of a done step, 0 to 100. */
  score: number | null;
}

export type ModuleOutcome =
  /** Every scored step done and the mean reaches the pass mark. */
  | 'passed'
  /** Every scored step done, but the mean is below the pass mark. */
  | 'below-pass-mark'
  /** Some scored steps done. */
  | 'in-progress'
  /** Nothing scored done yet. */
  | 'not-started';

export interface ModuleProgress {
  steps: StepProgress[];
  /** How many steps are scored (cases and quizzes). */
  scored: number;
  /** How many of them are done. */
  done: number;
  /** The mean score of the done scored steps, rounded to one decimal; null when none is done. */
  mean: number | null;
  passMark: number;
  outcome: ModuleOutcome;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The progress of every step and the module's outcome against its pass mark. */
export function moduleProgress(steps: readonly ModuleStepRef[], passMark: number, reader: ProgressReader): ModuleProgress {
  const out: StepProgress[] = steps.map((s) => {
    if (s.kind === 'lesson') return { kind: s.kind, id: s.id, scored: false, state: 'not-scored', score: null };
    const r = s.kind === 'case' ? reader.caseReading(s.id, s.version) : reader.quizReading(s.id);
    return { kind: s.kind, id: s.id, scored: true, state: r.state, score: r.state === 'done' ? r.score : null };
  });
  const scored = out.filter((s) => s.scored);
  const done = scored.filter((s) => s.state === 'done');
  const mean = done.length ? round1(done.reduce((sum, s) => sum + s.score!, 0) / done.length) : null;
  let outcome: ModuleOutcome;
  if (scored.length > 0 && done.length === scored.length) outcome = mean! >= passMark ? 'passed' : 'below-pass-mark';
  else outcome = done.length > 0 ? 'in-progress' : 'not-started';
  return { steps: out, scored: scored.length, done: done.length, mean, passMark, outcome };
}

/** One sentence for the learner. */
export function describeOutcome(p: ModuleProgress): string {
  const counted = `${p.done} of ${p.scored} scored step${p.scored === 1 ? '' : 's'} done`;
  switch (p.outcome) {
    case 'passed':
      return `Passed: all ${p.scored} scored steps done, with a mean score of ${p.mean} against a pass mark of ${p.passMark}.`;
    case 'below-pass-mark':
      return (
        `Not passed yet: all ${p.scored} scored steps are done, but the mean score of ${p.mean} is below the pass mark of ${p.passMark}. ` +
        'Play a case or take a quiz again to raise it.'
      );
    case 'in-progress':
      return `In progress: ${counted}, mean score so far ${p.mean} (pass mark ${p.passMark}).`;
    case 'not-started':
      return `Not started: ${counted}. The pass mark is ${p.passMark}, the mean of the case and quiz scores.`;
  }
}

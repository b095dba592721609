import { useEffect, useRef, useSyncExternalStore } from 'react';
import { formatCredit } from '../../quiz/score-quiz';
import { isAnswered } from '../../quiz/answers';
import { formatClock, type QuizSession } from './quiz-session';
import { Heading, ItemView, type HeadingLevel } from './ItemView';

const VERDICT_WORDS = { correct: 'correct', partial: 'partly correct', incorrect: 'not correct', unanswered: 'not answered' } as const;

/**
 * The running quiz, shared by the Quiz and ReviewDeck islands: the countdown, the items, the
 * submit button of a test, and the summary. Moves focus to what changed and announces it.
 */
export function QuizRunner({
  session,
  level,
  prefix,
  sources,
  links,
}: {
  session: QuizSession;
  level: HeadingLevel;
  prefix: string;
  sources: Readonly<Record<string, string>>;
  /** Links under the summary, e.g. repeat with the same seed, a new shuffle, the review deck. */
  links: { href: string; label: string }[];
}) {
  const view = useSyncExternalStore(session.subscribe, session.getView, session.getView);
  const root = useRef<HTMLDivElement>(null);

  // The countdown runs only while a timed test is open.
  useEffect(() => {
    if (view.deadline === null || view.phase !== 'running') return;
    const timer = window.setInterval(() => session.tick(), 1000);
    return () => window.clearInterval(timer);
  }, [session, view.deadline, view.phase]);

  // Move focus to what changed: the first question, an item's feedback or problem, a moved step, the summary.
  useEffect(() => {
    const f = view.focus;
    if (!f || !root.current) return;
    const [kind, item, dir] = f.target.split(':');
    const q = (sel: string) => root.current!.querySelector<HTMLElement>(sel);
    const el =
      kind === 'first-item'
        ? q('.quiz-item h2, .quiz-item h3')
        : kind === 'summary'
          ? q('.quiz-summary [tabindex="-1"]')
          : kind === 'feedback'
            ? q(`#${prefix}-${item}-feedback`)
            : kind === 'problem'
              ? q(`#${prefix}-${item}-problem`)
              : q(`[data-step="${item}"] [data-move="${dir}"]`);
    el?.focus();
  }, [view.focus, prefix]);

  const answered = view.arranged.filter((a) => isAnswered(view.answers[a.item.id])).length;
  const score = view.score;

  return (
    <div className="quiz-run" ref={root} data-phase={view.phase} data-mode={view.mode}>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="quiz-live">
        {view.announcement}
      </div>
      {view.secondsLeft !== null && view.phase === 'running' && (
        <div className={`quiz-timer${view.timeUp ? ' quiz-timer-up' : ''}`}>
          <span role="timer" aria-label="Time left" data-testid="quiz-timer">
            {formatClock(view.secondsLeft)}
          </span>{' '}
          left of {view.timeLimitMinutes} minutes
        </div>
      )}
      {view.timeUp && view.phase === 'running' && (
        <p className="notice notice-warning" role="alert" data-testid="time-up">
          Time is up. Nothing has been submitted: finish your answers if you wish, then submit the test below.
        </p>
      )}
      {view.arranged.map((a, i) => (
        <ItemView key={a.item.id} arranged={a} index={i} view={view} session={session} level={level} prefix={prefix} sources={sources} />
      ))}
      {view.mode === 'test' && view.phase === 'running' && (
        <div className="quiz-submit">
          <p id={`${prefix}-answered`}>
            You have answered {answered} of {view.arranged.length} questions.{answered < view.arranged.length ? ' Unanswered questions score 0.' : ''}
          </p>
          <button type="button" className="button-primary" aria-describedby={`${prefix}-answered`} onClick={() => session.submit()}>
            Submit the test
          </button>
        </div>
      )}
      {score && (
        <section className="quiz-summary" aria-labelledby={`${prefix}-summary`} data-testid="quiz-summary">
          <Heading level={level} id={`${prefix}-summary`} tabIndex={-1}>
            Your score: {formatCredit(score.credit)} of {score.count} ({score.percent}%)
          </Heading>
          {view.mode === 'test' && view.timeUp && (
            <p>You submitted after the time limit of {view.timeLimitMinutes} minutes had run out; the score counts all the same.</p>
          )}
          <ol className="quiz-summary-list">
            {score.items.map((r) => {
              const i = view.arranged.findIndex((a) => a.item.id === r.item);
              return (
                <li key={r.item} value={i + 1}>
                  <a href={`#${prefix}-${r.item}`}>Question {i + 1}</a>: {VERDICT_WORDS[r.verdict]}
                  {r.verdict === 'partial' && ` (${formatCredit(r.credit)})`}
                </li>
              );
            })}
          </ol>
          <p>
            {view.scheduledForReview > 0
              ? `${view.scheduledForReview} question${view.scheduledForReview === 1 ? '' : 's'} you missed or found hard will come back in your review deck.`
              : 'Nothing from this quiz needs reviewing for now.'}
          </p>
          <ul className="quiz-links">
            {links.map((l) => (
              <li key={l.href}>
                <a href={l.href}>{l.label}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

import { useEffect, useId, useState, useSyncExternalStore } from 'react';
import type { Question } from '../../schemas/question';
import { newSeed } from '../../quiz/shuffle';
import { QuizSession, quizQuery, readQuizQuery } from './quiz-session';
import { QuizRunner } from './QuizRunner';
import { browserStorage } from '../browser';

const TIME_LIMITS = [5, 10, 15, 20, 30, 45, 60];

export interface QuizProps {
  /** The id results are saved under: the topic id, or `lesson:<page>` for a lesson's closing quiz. */
  quiz: string;
  title: string;
  items: Question[];
  /** Source id to a short citation, for the feedback. */
  sources: Record<string, string>;
  /** A lesson's quiz: practice at once, items in the author's order, headings one level down. */
  lesson?: boolean;
  /** Where the review deck is, for the link under the summary. */
  reviewHref: string;
}

/**
 * The quiz island. A topic quiz opens on a short form (practice or test, an optional time limit);
 * the seed in the URL (`?seed=`) fixes the order so that the same quiz can be taken again.
 */
export default function Quiz({ quiz, title, items, sources, lesson = false, reviewHref }: QuizProps) {
  const [session] = useState(() => new QuizSession({ quiz, title, items, shuffleItems: !lesson }));
  const view = useSyncExternalStore(session.subscribe, session.getView, session.getView);
  const prefix = `q${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const [ready, setReady] = useState(false);
  const [seed, setSeed] = useState('');
  const [mode, setMode] = useState<'practice' | 'test'>('practice');
  const [time, setTime] = useState<number | null>(null);
  const [nextSeed] = useState(() => newSeed());

  useEffect(() => {
    const query = readQuizQuery(window.location.search);
    const s = query.seed ?? newSeed();
    setSeed(s);
    if (query.mode) setMode(query.mode);
    if (query.time) setTime(query.time);
    session.attach(browserStorage());
    if (lesson) session.start({ mode: 'practice', seed: s, timeLimitMinutes: null });
    setReady(true);
  }, [session, lesson]);

  const start = (e: { preventDefault(): void }) => {
    e.preventDefault();
    const settings = { mode, seed, timeLimitMinutes: mode === 'test' ? time : null };
    // The URL now names this exact quiz, so that reloading or sharing it repeats it.
    window.history.replaceState(null, '', quizQuery(settings) + window.location.hash);
    session.start(settings);
  };

  const path = typeof window === 'undefined' ? '' : window.location.pathname;
  const links = lesson
    ? [{ href: reviewHref, label: 'Open your review deck' }]
    : [
        {
          href: `${path}${quizQuery({ mode: view.mode, seed: view.seed, timeLimitMinutes: view.timeLimitMinutes })}`,
          label: 'Take this quiz again in the same order',
        },
        { href: `${path}?seed=${nextSeed}`, label: 'Take it again in a new order' },
        { href: reviewHref, label: 'Open your review deck' },
      ];

  return (
    <div className="quiz" data-ready={ready ? 'true' : 'false'} data-quiz={quiz} data-seed={view.seed || seed}>
      {view.notice && (
        <p className={`notice notice-${view.notice.tone}`} role={view.notice.tone === 'warning' ? 'alert' : 'status'} data-testid="quiz-notice">
          {view.notice.text}
        </p>
      )}
      {!ready && <p className="loading">Loading the quiz…</p>}
      {ready && view.phase === 'setup' && (
        <form className="quiz-setup" onSubmit={start} noValidate>
          <fieldset>
            <legend>How do you want to take this quiz?</legend>
            <label className="radio">
              <input type="radio" name={`${prefix}-mode`} value="practice" checked={mode === 'practice'} onChange={() => setMode('practice')} />
              Practice: feedback after each question
            </label>
            <label className="radio">
              <input type="radio" name={`${prefix}-mode`} value="test" checked={mode === 'test'} onChange={() => setMode('test')} />
              Test: all the feedback at the end
            </label>
          </fieldset>
          {mode === 'test' && (
            <p>
              <label htmlFor={`${prefix}-time`}>Time limit</label>{' '}
              <select
                id={`${prefix}-time`}
                value={time ?? ''}
                onChange={(e) => setTime(e.target.value ? Number(e.target.value) : null)}
                aria-describedby={`${prefix}-time-hint`}
              >
                <option value="">No time limit</option>
                {TIME_LIMITS.map((m) => (
                  <option key={m} value={m}>
                    {m} minutes
                  </option>
                ))}
              </select>
              <br />
              <span className="hint" id={`${prefix}-time-hint`}>
                A countdown stays on screen. Nothing is submitted for you: when time runs out you are told, and you submit when you are ready.
              </span>
            </p>
          )}
          <p className="hint">
            {items.length} questions, in an order set by the seed <code data-testid="quiz-seed">{seed}</code>. The same seed gives the same order, so you can
            take the quiz again exactly as before.
          </p>
          <button type="submit" className="button-primary">
            Start the quiz
          </button>
        </form>
      )}
      {view.phase !== 'setup' && <QuizRunner session={session} level={lesson ? 3 : 2} prefix={prefix} sources={sources} links={links} />}
      {view.phase !== 'setup' && !lesson && (
        <p className="hint quiz-seed-note">
          Seed <code>{view.seed}</code>: this page&apos;s address repeats this quiz in this order.
        </p>
      )}
    </div>
  );
}

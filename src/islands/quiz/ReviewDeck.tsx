import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Question } from '../../schemas/question';
import { loadProgress, setAsideNotice } from '../../progress/quiz-progress';
import { reviewSummary } from '../../progress/summary';
import { newSeed, seedFromQuery } from '../../quiz/shuffle';
import { QuizSession } from './quiz-session';
import { QuizRunner } from './QuizRunner';
import { browserStorage, formatDate } from '../browser';
import { degradedNotice } from '../../progress/guarded-storage';

type DeckState = { kind: 'loading' } | { kind: 'no-storage' } | { kind: 'empty'; scheduled: number; next: Date | null } | { kind: 'due'; count: number };

/**
 * The review deck: every item due for review across all quizzes, answered like a practice quiz.
 * Each answer moves the item's FSRS card; the deck is fixed when the page opens.
 */
export default function ReviewDeck({ items, sources, quizzesHref }: { items: Question[]; sources: Record<string, string>; quizzesHref: string }) {
  const [session, setSession] = useState<QuizSession | null>(null);
  const [state, setState] = useState<DeckState>({ kind: 'loading' });
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const storage = browserStorage();
    if (!storage) {
      setState({ kind: 'no-storage' });
      return;
    }
    const now = new Date();
    const loaded = loadProgress(storage, now);
    if (loaded.setAside) setNotice(setAsideNotice(loaded.setAside, storage.degraded));
    else if (storage.degraded) setNotice(degradedNotice(storage.degraded));
    const byId = new Map(items.map((q) => [q.id, q]));
    const summary = reviewSummary(loaded.data.review, now, new Set(byId.keys()));
    if (summary.due.length === 0) {
      setState({ kind: 'empty', scheduled: summary.scheduled, next: summary.next });
      return;
    }
    const s = new QuizSession({ quiz: 'review', title: 'Review deck', items: summary.due.map((id) => byId.get(id)!), shuffleItems: false }, storage);
    s.start({ mode: 'review', seed: seedFromQuery(window.location.search) ?? newSeed(), timeLimitMinutes: null });
    setSession(s);
    setState({ kind: 'due', count: summary.due.length });
  }, [items]);

  return (
    <div className="review-deck" data-ready={state.kind === 'loading' ? 'false' : 'true'} data-due={state.kind === 'due' ? state.count : 0}>
      {notice && (
        <p className="notice notice-warning" role="alert">
          {notice}
        </p>
      )}
      {state.kind === 'loading' && <p className="loading">Loading your review deck…</p>}
      {state.kind === 'no-storage' && <p className="notice notice-warning">This browser does not let Calx keep progress, so there is no review deck here.</p>}
      {state.kind === 'empty' && (
        <div className="notice" role="status" data-testid="review-empty">
          <p>Nothing is due for review right now.</p>
          <p>
            {state.scheduled > 0 && state.next
              ? `${state.scheduled} question${state.scheduled === 1 ? ' is' : 's are'} scheduled; the next is due on ${formatDate(state.next)} at ${state.next.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}.`
              : 'Questions you miss or find hard in a quiz come back here on a schedule.'}{' '}
            <a href={quizzesHref}>Take a quiz</a>.
          </p>
        </div>
      )}
      {state.kind === 'due' && session && (
        <>
          <p data-testid="review-count">
            {state.count} question{state.count === 1 ? ' is' : 's are'} due for review, the longest overdue first.
          </p>
          <ReviewRunner session={session} sources={sources} quizzesHref={quizzesHref} />
        </>
      )}
    </div>
  );
}

function ReviewRunner({ session, sources, quizzesHref }: { session: QuizSession; sources: Record<string, string>; quizzesHref: string }) {
  const view = useSyncExternalStore(session.subscribe, session.getView, session.getView);
  return (
    <>
      {view.notice && (
        <p className={`notice notice-${view.notice.tone}`} role="alert">
          {view.notice.text}
        </p>
      )}
      <QuizRunner session={session} level={2} prefix="review" sources={sources} links={[{ href: quizzesHref, label: 'Back to the quizzes' }]} />
    </>
  );
}

import { useEffect, useState, type ChangeEvent } from 'react';
import { ATTEMPT_STORAGE_PREFIX } from '../../progress/keys';
import { loadProgress, setAsideNotice } from '../../progress/quiz-progress';
import { degradedNotice } from '../../progress/guarded-storage';
import { migrateFormerSlugs } from '../../progress/former-slugs';
import { listSetAside, restorableAttempt, restoreSetAside, setAsideCase, setAsideKind, type SetAsideEntry } from '../../progress/set-aside';
import { caseStatus, latestAnswers, objectiveCoverage, quizScores, reviewSummary, type CaseStatus } from '../../progress/summary';
import { browserStorage, formatDate } from '../browser';
import { downloadJson } from '../download';
import { readLearnerName } from '../../progress/attempt-file';
import { countOf } from '../../utils/count';

export interface ProgressProps {
  cases: { slug: string; title: string; version: string; href: string; formerSlugs: string[] }[];
  quizzes: { id: string; title: string; href: string; count: number }[];
  objectives: { id: string; text: string; items: string[] }[];
  /** Every item, briefly, to list what is due. */
  items: { id: string; label: string; quiz: string }[];
  reviewHref: string;
}

type Loaded = {
  cases: { slug: string; status: CaseStatus }[];
  scores: ReturnType<typeof quizScores>;
  coverage: ReturnType<typeof objectiveCoverage>;
  review: ReturnType<typeof reviewSummary>;
  notice: string | null;
  setAside: SetAsideEntry[];
};

type Message = { tone: 'ok' | 'error'; text: string } | null;

function statusText(s: CaseStatus): string {
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

const KIND_LABEL = { 'case-attempt': 'Case attempt', 'case-history': 'Case history', 'quiz-progress': 'Quiz progress', 'lms-data': 'Data from an LMS', other: 'Other data' } as const;

const COVERAGE = { covered: 'Covered', practising: 'Practising', 'not-started': 'Not yet' } as const;

/** The learner's progress page: cases, quizzes, what is due, objectives covered, and moving it all to another device. */
export default function Progress({ cases, quizzes, objectives, items, reviewHref }: ProgressProps) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [message, setMessage] = useState<Message>(null);

  const slugOf = (slug: string) => cases.find((c) => c.slug === slug || c.formerSlugs.includes(slug))?.slug ?? null;
  const read = () => {
    const storage = browserStorage();
    const now = new Date();
    for (const c of cases) migrateFormerSlugs(storage, c);
    const progress = loadProgress(storage, now);
    const setAside = listSetAside(storage);
    const asideCount = (slug: string) => setAside.filter((e) => { const c = setAsideCase(e); return c !== null && slugOf(c.replace(/:history$/, '')) === slug; }).length;
    const notices = [progress.setAside ? setAsideNotice(progress.setAside, storage.degraded) : null, storage.degraded ? degradedNotice(storage.degraded) : null].filter(Boolean);
    setLoaded({
      cases: cases.map((c) => ({ slug: c.slug, status: caseStatus(storage.getItem(`${ATTEMPT_STORAGE_PREFIX}${c.slug}`), c.version, asideCount(c.slug)) })),
      scores: quizScores(progress.data.quizResults),
      coverage: objectiveCoverage(objectives, latestAnswers(progress.data.quizResults)),
      review: reviewSummary(progress.data.review, now, new Set(items.map((i) => i.id))),
      notice: notices.length ? notices.join(' ') : null,
      setAside,
    });
  };
  const restore = (e: SetAsideEntry) => {
    const outcome = restoreSetAside(browserStorage(), e, slugOf);
    setMessage('problem' in outcome ? { tone: 'error', text: `That entry cannot be restored: ${outcome.problem}.` } : { tone: 'ok', text: 'Restored. Open the case to carry on with it (or see it in the case\'s history).' });
    read();
  };
  useEffect(read, []);

  // Export and import are loaded when used: they validate case attempts with the case engine's checks, which
  // would otherwise add the engine's code to this page's first load.
  const exportAll = async () => {
    const storage = browserStorage();
    const { buildExport, exportFileName } = await import('../../progress/export');
    const now = new Date();
    const { file, skipped } = buildExport(storage, now);
    // The name given when downloading an attempt goes into the export too, so class results can tell learners apart.
    const learner = readLearnerName(storage);
    const fileName = exportFileName(now);
    downloadJson(fileName, learner ? { ...file, learner } : file);
    const left = skipped.length ? ` Left out because it is damaged (it stays in this browser): ${skipped.join('; ')}.` : '';
    setMessage({ tone: 'ok', text: `Your progress was saved as ${fileName}${learner ? `, under the name ${learner}` : ''}: ${countOf(file.attempts.length, 'case attempt')}, ${countOf(file.quizResults.length, 'quiz result')} and ${countOf(Object.keys(file.review).length, 'review card')}.${left}` });
  };

  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const chosen = input.files?.[0];
    if (!chosen) return;
    const storage = browserStorage();
    const { describeImport, importProgress, parseExport, ImportRefused, MAX_INPUT_FILE_BYTES } = await import('../../progress/export');
    input.value = '';
    if (chosen.size > MAX_INPUT_FILE_BYTES) {
      setMessage({ tone: 'error', text: `${chosen.name} cannot be imported: it is larger than ${MAX_INPUT_FILE_BYTES / 1024 / 1024} MB, the most Calx reads. Nothing was changed.` });
      return;
    }
    const parsed = parseExport(await chosen.text());
    if ('problem' in parsed) {
      setMessage({ tone: 'error', text: `${chosen.name} cannot be imported: ${parsed.problem}. Nothing was changed.` });
      return;
    }
    try {
      setMessage({ tone: 'ok', text: describeImport(importProgress(storage, parsed.file, new Date(), cases)) });
    } catch (e) {
      setMessage({ tone: 'error', text: e instanceof ImportRefused ? e.message : 'The import could not be saved (browser storage is full or blocked). Nothing was changed.' });
    }
    read();
  };

  const titleOf = new Map(quizzes.map((q) => [q.id, q.title]));
  const itemById = new Map(items.map((i) => [i.id, i]));
  const extraQuizzes = loaded ? [...loaded.scores.values()].filter((s) => !titleOf.has(s.quiz)) : [];

  if (!loaded) return <p className="loading" data-ready="false">Loading your progress…</p>;

  return (
    <div className="progress" data-ready="true">
      {loaded.notice && (
        <p className="notice notice-warning" role="alert" data-testid="progress-notice">
          {loaded.notice}
        </p>
      )}
      <section aria-labelledby="progress-cases">
        <h2 id="progress-cases">Cases</h2>
        <table className="score-table progress-table">
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c, i) => {
              const s = loaded.cases[i]!.status;
              return (
                <tr key={c.slug} data-case={c.slug} data-status={s.kind}>
                  <th scope="row">
                    <a href={c.href}>{c.title}</a>
                  </th>
                  <td>
                    {statusText(s)}
                    {s.kind === 'finished' && (
                      <>
                        {s.total !== null && <>: score {s.total} of 100</>}, on {formatDate(s.finishedAt)}
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="progress-quizzes">
        <h2 id="progress-quizzes">Quizzes</h2>
        <table className="score-table progress-table">
          <thead>
            <tr>
              <th scope="col">Quiz</th>
              <th scope="col">Best score</th>
              <th scope="col">Last score</th>
            </tr>
          </thead>
          <tbody>
            {[...quizzes.map((q) => ({ id: q.id, title: q.title, href: q.href as string | null })), ...extraQuizzes.map((s) => ({ id: s.quiz, title: s.title, href: null }))].map((q) => {
              const s = loaded.scores.get(q.id);
              return (
                <tr key={q.id} data-quiz={q.id} data-sittings={s?.sittings ?? 0}>
                  <th scope="row">{q.href ? <a href={q.href}>{q.title}</a> : q.title}</th>
                  <td>{s ? `${s.best.percent}% on ${formatDate(s.best.at)}` : 'Not taken yet'}</td>
                  <td>{s ? `${s.last.percent}% on ${formatDate(s.last.at)}${s.sittings > 1 ? ` (finished ${s.sittings} times)` : ''}` : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="progress-review">
        <h2 id="progress-review">Due for review</h2>
        <p data-testid="progress-due">
          {loaded.review.due.length === 0 ? 'Nothing is due for review right now.' : `${loaded.review.due.length} question${loaded.review.due.length === 1 ? ' is' : 's are'} due for review.`}
          {loaded.review.scheduled > 0 && loaded.review.next && ` ${loaded.review.scheduled} more ${loaded.review.scheduled === 1 ? 'is' : 'are'} scheduled, the next on ${formatDate(loaded.review.next)}.`}
        </p>
        {loaded.review.due.length > 0 && (
          <>
            <ul>
              {loaded.review.due.map((id) => (
                <li key={id}>
                  {itemById.get(id)?.label ?? id} <span className="hint">({titleOf.get(itemById.get(id)?.quiz ?? '') ?? 'quiz'})</span>
                </li>
              ))}
            </ul>
            <p>
              <a href={reviewHref}>Open the review deck</a>
            </p>
          </>
        )}
      </section>

      <section aria-labelledby="progress-objectives">
        <h2 id="progress-objectives">Learning objectives</h2>
        <p className="hint">An objective is covered when you have answered at least one of its questions and every one you answered was right on your latest try.</p>
        <ul className="objective-list">
          {loaded.coverage.map((o) => (
            <li key={o.id} data-objective={o.id} data-status={o.status}>
              <strong className={`coverage coverage-${o.status}`}>{COVERAGE[o.status]}</strong> {o.text}{' '}
              <span className="hint">
                ({o.answered} of {o.total} questions answered, {o.right} right on the latest try)
              </span>
            </li>
          ))}
        </ul>
      </section>

      {loaded.setAside.length > 0 && (
        <section aria-labelledby="progress-set-aside" data-testid="set-aside">
          <h2 id="progress-set-aside">Set aside</h2>
          <p>
            Saved data that Calx could not use is kept here, never deleted: what it was, when and why. It is included when you download all your progress. A case attempt can be
            put back (as the case's current attempt when there is none, otherwise into its history).
          </p>
          <ul className="set-aside-list">
            {loaded.setAside.map((e) => {
              const slug = setAsideCase(e);
              const title = slug ? (cases.find((c) => c.slug === slugOf(slug.replace(/:history$/, '')))?.title ?? slug) : null;
              return (
                <li key={e.key} data-set-aside-key={e.key}>
                  <strong>
                    {KIND_LABEL[setAsideKind(e)]}
                    {title ? `: ${title}` : ''}
                  </strong>
                  , set aside {e.setAsideAt ? `on ${formatDate(e.setAsideAt)}` : '(date unknown)'}. <span className="hint">Why: {e.reason}</span>{' '}
                  <button type="button" className="button-secondary" aria-label={`Download the set-aside ${KIND_LABEL[setAsideKind(e)].toLowerCase()}${title ? ` of ${title}` : ''} from ${e.setAsideAt || 'an unknown date'}`} onClick={() => downloadJson(`calx-set-aside-${e.what.replace(/[^a-z0-9-]+/gi, '-')}.json`, e)}>
                    Download
                  </button>{' '}
                  {restorableAttempt(e) && (
                    <button type="button" className="button-secondary" aria-label={`Restore the set-aside attempt${title ? ` of ${title}` : ''} from ${e.setAsideAt || 'an unknown date'}`} onClick={() => restore(e)}>
                      Restore
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <section aria-labelledby="progress-transfer">
        <h2 id="progress-transfer">Move your progress to another device</h2>
        <p>
          Your progress lives only in this browser. Download it as one file, then import that file on another device or browser: the import adds what is missing
          there and keeps whatever is newer, so nothing is overwritten.
        </p>
        <div className="transfer">
          <button type="button" className="button-primary" onClick={exportAll}>
            Download all my progress
          </button>
          <p>
            <label htmlFor="progress-import">Import progress from a file</label>{' '}
            <input id="progress-import" type="file" accept=".json,application/json" onChange={importFile} />
          </p>
        </div>
        <div role="status" aria-live="polite" data-testid="transfer-status">
          {message?.tone === 'ok' && <p className="notice">{message.text}</p>}
        </div>
        <div role="alert" data-testid="transfer-error">
          {message?.tone === 'error' && <p className="notice notice-warning">{message.text}</p>}
        </div>
      </section>
    </div>
  );
}

import { useEffect, useState, type ChangeEvent } from 'react';
import { browserStorage } from '../browser';
import { formatDate } from '../../utils/dates';
import { downloadJson } from '../download';
import {
  COVERAGE,
  exportProgressFile,
  importProgressFile,
  readProgressView,
  restoreEntry,
  reviewText,
  statusText,
  type Message,
  type ProgressProps,
  type ProgressView,
  type SetAsideRow,
} from './progress-view';

export type { ProgressProps } from './progress-view';

/** The learner's progress page: cases, quizzes, what is due, objectives covered, and moving it all to another device. */
export default function Progress(props: ProgressProps) {
  const [view, setView] = useState<ProgressView | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const { cases, reviewHref } = props;
  const read = () => setView(readProgressView(browserStorage(), props, new Date()));
  // Read once, after hydration: the server render has no storage to read.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the props of an island never change after hydration
  useEffect(read, []);

  const restore = (row: SetAsideRow) => {
    setMessage(restoreEntry(browserStorage(), row.entry, cases));
    read();
  };
  const exportAll = async () => {
    const { fileName, content, message } = await exportProgressFile(browserStorage(), new Date());
    downloadJson(fileName, content);
    setMessage(message);
  };
  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const chosen = input.files?.[0];
    if (!chosen) return;
    input.value = '';
    setMessage(await importProgressFile(browserStorage(), chosen, cases));
    read();
  };

  if (!view)
    return (
      <p className="loading" data-ready="false">
        Loading your progress…
      </p>
    );

  return (
    <div className="progress" data-ready="true">
      {view.notice && (
        <p className="notice notice-warning" role="alert" data-testid="progress-notice">
          {view.notice}
        </p>
      )}
      <CasesSection view={view} />
      <QuizzesSection view={view} />
      <ReviewSection view={view} reviewHref={reviewHref} />
      <ObjectivesSection view={view} />
      {view.setAside.length > 0 && <SetAsideSection view={view} onRestore={restore} />}

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

function CasesSection({ view }: { view: ProgressView }) {
  return (
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
          {view.cases.map(({ slug, title, href, status: s }) => (
            <tr key={slug} data-case={slug} data-status={s.kind}>
              <th scope="row">
                <a href={href}>{title}</a>
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
          ))}
        </tbody>
      </table>
    </section>
  );
}

function QuizzesSection({ view }: { view: ProgressView }) {
  return (
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
          {view.quizzes.map(({ id, title, href, scores: s }) => (
            <tr key={id} data-quiz={id} data-sittings={s?.sittings ?? 0}>
              <th scope="row">{href ? <a href={href}>{title}</a> : title}</th>
              <td>{s ? `${s.best.percent}% on ${formatDate(s.best.at)}` : 'Not taken yet'}</td>
              <td>{s ? `${s.last.percent}% on ${formatDate(s.last.at)}${s.sittings > 1 ? ` (finished ${s.sittings} times)` : ''}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ReviewSection({ view, reviewHref }: { view: ProgressView; reviewHref: string }) {
  return (
    <section aria-labelledby="progress-review">
      <h2 id="progress-review">Due for review</h2>
      <p data-testid="progress-due">{reviewText(view.review, formatDate)}</p>
      {view.due.length > 0 && (
        <>
          <ul>
            {view.due.map((d) => (
              <li key={d.id}>
                {d.label} <span className="hint">({d.quizTitle})</span>
              </li>
            ))}
          </ul>
          <p>
            <a href={reviewHref}>Open the review deck</a>
          </p>
        </>
      )}
    </section>
  );
}

function ObjectivesSection({ view }: { view: ProgressView }) {
  return (
    <section aria-labelledby="progress-objectives">
      <h2 id="progress-objectives">Learning objectives</h2>
      <p className="hint">
        An objective is covered when you have answered at least one of its questions and every one you answered was right on your latest try.
      </p>
      <ul className="objective-list">
        {view.coverage.map((o) => (
          <li key={o.id} data-objective={o.id} data-status={o.status}>
            <strong className={`coverage coverage-${o.status}`}>{COVERAGE[o.status]}</strong> {o.text}{' '}
            <span className="hint">
              ({o.answered} of {o.total} questions answered, {o.right} right on the latest try)
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SetAsideSection({ view, onRestore }: { view: ProgressView; onRestore: (row: SetAsideRow) => void }) {
  return (
    <section aria-labelledby="progress-set-aside" data-testid="set-aside">
      <h2 id="progress-set-aside">Set aside</h2>
      <p>
        Saved data that Calx could not use is kept here, never deleted: what it was, when and why. It is included when you download all your progress. A case
        attempt can be put back (as the case's current attempt when there is none, otherwise into its history).
      </p>
      <ul className="set-aside-list">
        {view.setAside.map((row) => {
          const { entry: e, kindLabel, title } = row;
          const of = title ? ` of ${title}` : '';
          const from = e.setAsideAt || 'an unknown date';
          return (
            <li key={e.key} data-set-aside-key={e.key}>
              <strong>
                {kindLabel}
                {title ? `: ${title}` : ''}
              </strong>
              , set aside {e.setAsideAt ? `on ${formatDate(e.setAsideAt)}` : '(date unknown)'}. <span className="hint">Why: {e.reason}</span>{' '}
              <button
                type="button"
                className="button-secondary"
                aria-label={`Download the set-aside ${kindLabel.toLowerCase()}${of} from ${from}`}
                onClick={() => downloadJson(`calx-set-aside-${e.what.replace(/[^a-z0-9-]+/gi, '-')}.json`, e)}
              >
                Download
              </button>{' '}
              {row.restorable && (
                <button
                  type="button"
                  className="button-secondary"
                  aria-label={`Restore the set-aside attempt${of} from ${from}`}
                  onClick={() => onRestore(row)}
                >
                  Restore
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

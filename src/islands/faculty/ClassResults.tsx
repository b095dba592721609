import { useEffect, useId, useRef, useState, useSyncExternalStore, type ChangeEvent, type DragEvent } from 'react';
import type { CaseDefinition, Dimension } from '../../schemas/case';
import { DIMENSIONS } from '../../schemas/kinds';
import { countOf, describeFlag, formatMinutes, toCsv, type CaseSummary, type ClassRow } from '../../faculty/class-results-format';
import { ScrollRegion } from '../ScrollRegion';
import { ClassSession } from './class-session';
import { BarChart, ColumnChart } from './Charts';
import { downloadText } from '../download';

const DIM_SHORT: Record<Dimension, string> = {
  diagnosis: 'Diagnosis',
  keyFindings: 'Key findings',
  stewardship: 'Stewardship',
  revision: 'Revision',
  calibration: 'Calibration',
  summary: 'Summary',
};

function downloadCsv(rows: readonly ClassRow[]) {
  downloadText(`calx-class-results-${new Date().toISOString().slice(0, 10)}.csv`, toCsv(rows), 'text/csv;charset=utf-8');
}

function ResultsTable({ rows }: { rows: ClassRow[] }) {
  return (
    <ScrollRegion labelledBy="class-table-caption">
      <table className="score-table class-table" data-testid="class-table">
        <caption id="class-table-caption">Every attempt, re-scored by replay (points per dimension; the case sets the maximum of each)</caption>
        <thead>
          <tr>
            <th scope="col">Learner</th>
            <th scope="col">Case</th>
            <th scope="col">Total</th>
            {DIMENSIONS.map((d) => (
              <th scope="col" key={d}>
                {DIM_SHORT[d]}
              </th>
            ))}
            <th scope="col">Final diagnosis</th>
            <th scope="col">Time</th>
            <th scope="col">Flags and notes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.key}
              data-row={r.key}
              data-learner={r.learner}
              data-case={r.case}
              data-flagged={r.flags.length > 0 ? 'true' : 'false'}
              data-counted={r.counted ? 'true' : 'false'}
              className={r.flags.length ? 'row-flagged' : undefined}
            >
              <th scope="row">
                {r.learner}
                <span className="class-source">{r.source}</span>
              </th>
              <td>{r.caseTitle}</td>
              <td data-total>
                {r.score ? r.score.total : '—'}
                {r.status === 'unfinished' ? ' (unfinished)' : ''}
              </td>
              {DIMENSIONS.map((d) => (
                <td key={d}>{r.score ? r.score[d] : '—'}</td>
              ))}
              <td>{r.diagnosis ? `${r.diagnosis.label}${r.diagnosis.credit === 1 ? '' : ` (credit ${r.diagnosis.credit})`}` : '—'}</td>
              <td>{formatMinutes(r.minutes) || '—'}</td>
              <td>
                {r.flags.length > 0 && (
                  <ul className="class-flags">
                    {r.flags.map((f, i) => (
                      <li key={i} data-flag={f.kind}>
                        <strong>Flagged:</strong> {describeFlag(f)}
                      </li>
                    ))}
                  </ul>
                )}
                {!r.counted && <p className="class-note">Not in the charts: {r.notCounted}.</p>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** "(full credit, the team's call here)", or nothing. */
function heldNote(fullCredit: boolean, teams: boolean): string {
  const parts = [fullCredit ? 'full credit' : null, teams ? "the team's call here" : null].filter(Boolean);
  return parts.length ? `(${parts.join(', ')})` : '';
}

function CaseSection({ s, index }: { s: CaseSummary; index: number }) {
  const id = `case-${index}`;
  return (
    <section className="class-case" aria-labelledby={`${id}-h`} data-testid="class-case" data-case={s.case}>
      <h3 id={`${id}-h`}>{s.title}</h3>
      <p>
        {s.counted} of {countOf(s.rows, 'attempt')} counted
        {s.counted > 0 && (
          <>
            : mean score {s.mean}, median {s.median}
          </>
        )}
        . Only finished attempts on the current version of the case count, one per learner (their latest).
      </p>
      {s.counted > 0 && (
        <>
          <ColumnChart
            id={`${id}-dist`}
            title="Score distribution"
            xLabel="Score (out of 100)"
            yLabel="Attempts"
            columns={s.distribution.map((b) => ({ label: `${b.from}–${b.to}`, value: b.count }))}
          />
          <BarChart
            id={`${id}-dims`}
            title="Mean score by dimension, as a share of that dimension's maximum"
            bars={s.dimensionMeans.map((d) => ({
              label: DIM_SHORT[d.dimension],
              value: d.max > 0 ? Math.round((d.mean / d.max) * 100) : 0,
              note: `(mean ${d.mean} of ${d.max} points)`,
            }))}
            max={100}
            unit="%"
          />
          {s.wrongDiagnoses.length > 0 ? (
            <BarChart
              id={`${id}-wrong`}
              title="Most common wrong final diagnoses"
              bars={s.wrongDiagnoses.map((w) => ({ label: w.label, value: w.count, note: w.credit > 0 ? `(partial credit ${w.credit})` : '(no credit)' }))}
              format={(n) => countOf(n, 'attempt')}
            />
          ) : (
            <p>Every counted attempt ended with the full-credit diagnosis.</p>
          )}
          {s.missedKeyFindings.length > 0 ? (
            <BarChart
              id={`${id}-missed`}
              title="Key findings most often missed before the final diagnosis"
              bars={s.missedKeyFindings.map((k) => ({ label: k.label, value: k.missed, note: `of ${k.of}` }))}
              max={s.counted}
            />
          ) : (
            <p>No key finding was missed in the counted attempts.</p>
          )}
          <h4>How the class moved through each decision point</h4>
          {s.decisionPoints.map((p, i) => (
            <div className="decision-point" key={p.stage} data-stage={p.stage}>
              <BarChart
                id={`${id}-dp-${i}`}
                title={
                  `${p.heading}, ${p.title}: working diagnosis held at ${p.move === 'FINISH' ? 'the finish' : 'the move on'} ` +
                  `(${countOf(p.reached, 'attempt')})`
                }
                bars={p.held.map((h) => ({ label: h.label, value: h.count, note: heldNote(h.credit === 1, p.teamHeld === h.label) }))}
                highlight={(b) => b.label === p.teamHeld}
              />
              <p className="class-note">
                Mean orders at this stage: {p.meanOrders}. Revised their working diagnosis here: {p.revisedHere}.{' '}
                {p.teamHeld ? `The treating team held ${p.teamHeld} at this point (brown bar).` : ''}
              </p>
            </div>
          ))}
        </>
      )}
    </section>
  );
}

/** The class results page: drop the exported attempt files of a class; everything is computed here, in the browser. */
export default function ClassResults({ cases }: { cases: CaseDefinition[] }) {
  const [session] = useState(() => new ClassSession(cases));
  const view = useSyncExternalStore(session.subscribe, session.getView, session.getView);
  const [dragging, setDragging] = useState(false);
  // Until hydration the file input cannot react: tests and users both wait for data-ready.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const results = view.results;

  const onChoose = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.currentTarget.files ?? [])];
    e.currentTarget.value = '';
    await session.addFiles(files);
  };
  const onDrop = async (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    await session.addFiles([...e.dataTransfer.files]);
  };

  const flagged = results?.rows.filter((r) => r.flags.length > 0) ?? [];

  return (
    <div className="class-results" data-ready={ready ? 'true' : 'false'}>
      <div
        className={`dropzone${dragging ? ' dropzone-active' : ''}`}
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label htmlFor="class-files" className="dropzone-label">
          Choose attempt files
        </label>
        <input id="class-files" ref={input} type="file" multiple accept=".json,application/json" onChange={onChoose} aria-describedby={hintId} />
        <p id={hintId} className="hint">
          Or drop them anywhere in this box. Single attempt files and progress exports (JSON) are both read; you can add more at any time.
        </p>
      </div>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="class-live">
        {view.announcement}
      </div>

      {results && (
        <>
          <p data-testid="class-summary">
            {countOf(view.files.length, 'file')}: {countOf(results.rows.length, 'attempt')} from{' '}
            {countOf(new Set(results.rows.map((r) => r.learnerKey)).size, 'learner')}, {flagged.length} flagged, {countOf(results.problems.length, 'file')} that
            could not be read.{' '}
            <button type="button" className="button-secondary" onClick={() => session.clear()}>
              Clear all files
            </button>
          </p>

          {results.problems.length > 0 && (
            <section aria-labelledby="class-problems-h" className="notice notice-warning" data-testid="file-problems">
              <h2 id="class-problems-h">Files that could not be used</h2>
              <ul>
                {results.problems.map((p, i) => (
                  <li key={i} data-problem-file={p.file}>
                    <strong>{p.file}</strong>: {p.reason}.
                  </li>
                ))}
              </ul>
            </section>
          )}

          {flagged.length > 0 && (
            <section aria-labelledby="class-flags-h" className="notice notice-warning" data-testid="flag-summary">
              <h2 id="class-flags-h">Flagged attempts ({flagged.length})</h2>
              <p>These are shown in the table with the reason. Their scores come from the replay, never from the file's own claim.</p>
              <ul>
                {flagged.map((r) => (
                  <li key={r.key}>
                    <strong>{r.learner}</strong>, {r.caseTitle}: {r.flags.map(describeFlag).join('; ')}.
                  </li>
                ))}
              </ul>
            </section>
          )}

          {results.rows.length > 0 && (
            <section aria-labelledby="class-table-h">
              <h2 id="class-table-h">Attempts</h2>
              <button type="button" className="button-primary" onClick={() => downloadCsv(results.rows)} data-testid="download-csv">
                Download the table as CSV
              </button>
              <ResultsTable rows={results.rows} />
            </section>
          )}

          {results.cases.length > 0 && (
            <section aria-labelledby="class-cases-h">
              <h2 id="class-cases-h">By case</h2>
              {results.cases.map((s, i) => (
                <CaseSection s={s} index={i} key={s.case} />
              ))}
            </section>
          )}

          {results.quizzes.length > 0 && (
            <section aria-labelledby="class-quizzes-h">
              <h2 id="class-quizzes-h">Quizzes (from progress exports)</h2>
              <p>As recorded in the learners' files; quiz answers are not re-scored here.</p>
              <ScrollRegion labelledBy="class-quizzes-caption">
                <table className="score-table" data-testid="class-quizzes">
                  <caption id="class-quizzes-caption">Best and last score of each finished quiz</caption>
                  <thead>
                    <tr>
                      <th scope="col">Learner</th>
                      <th scope="col">Quiz</th>
                      <th scope="col">Best</th>
                      <th scope="col">Last</th>
                      <th scope="col">Sittings</th>
                    </tr>
                  </thead>
                  <tbody>
                    {results.quizzes.map((q, i) => (
                      <tr key={i}>
                        <th scope="row">{q.learner}</th>
                        <td>{q.title}</td>
                        <td>{q.best}%</td>
                        <td>{q.last}%</td>
                        <td>{q.sittings}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            </section>
          )}
        </>
      )}
    </div>
  );
}

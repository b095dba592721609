import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { CaseDefinition } from '../schemas/case';
import { SUMMARY_MAX_LENGTH } from '../schemas/differential';
import type { CommitEvent } from '../schemas/events';
import type { Commitment } from '../engine/machine';
import { DiagnosisCombobox } from './DiagnosisCombobox';
import { addLine, checkDraft, draftFrom, toDifferential, type DraftLine } from './differential-draft';

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Commit or revise the differential: diagnoses from the course-wide list, each with a whole-percent
 * probability, summing to 100; the highest is the working diagnosis. The first commitment also asks for a
 * one-sentence summary of the patient. A revision starts from the differential in force; nothing is sent
 * to the case until the draft is valid, so a mistake never touches what is saved. Memoised: an order
 * changes none of its props, so it does not re-render the form.
 */
export const DiagnosisForm = memo(function DiagnosisForm({
  def,
  working,
  summaryRequired,
  commitFeedback,
  onCommit,
  disabled,
  isLast,
  feedback = true,
}: {
  def: CaseDefinition;
  /** The differential in force, if any. */
  working: Commitment | null;
  /** Whether this commitment must carry the one-sentence summary (the first one does). */
  summaryRequired: boolean;
  /** Feedback on the last commit, when the sources have something to say right away. */
  commitFeedback: string | null;
  /** Sends the commitment; returns why the case refused it, or null. Must keep its identity across renders. */
  onCommit: (event: CommitEvent) => string | null;
  disabled: boolean;
  isLast: boolean;
  feedback?: boolean;
}) {
  const labels = useMemo(() => new Map(def.diagnoses.map((d) => [d.id, d.label])), [def]);
  const labelOf = (id: string) => labels.get(id) ?? id;
  const [lines, setLines] = useState<DraftLine[]>(() => draftFrom(working?.differential));
  const [summary, setSummary] = useState('');
  const [submitError, setSubmitError] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  // The same set while the lines are the same, so the combobox does not filter the list again on every render.
  const chosen = useMemo(() => new Set(lines.map((l) => l.diagnosis)), [lines]);

  // A revision starts from the differential in force (also after a resume or a new attempt).
  useEffect(() => {
    setLines(draftFrom(working?.differential));
    setSubmitError(null);
  }, [working]);

  const check = checkDraft(lines, labelOf, { required: summaryRequired, text: summaryRequired ? summary : '' });
  const verb = working ? 'Revise' : 'Commit';
  const noun = isLast ? 'final differential' : 'differential';
  // Any edit replaces an earlier refusal with the live "not ready" line below the button.
  const edit = (change: (ls: DraftLine[]) => DraftLine[]) => {
    setLines(change);
    setSubmitError(null);
  };
  const setPercent = (id: string, percent: string) => edit((ls) => ls.map((l) => (l.diagnosis === id ? { ...l, percent } : l)));
  const remove = (id: string) => edit((ls) => ls.filter((l) => l.diagnosis !== id));
  const over = summary.length > SUMMARY_MAX_LENGTH;
  const tooMuch = check.total > 100;

  const submit = (e: { preventDefault(): void }) => {
    e.preventDefault();
    if (disabled) return;
    if (check.problem) {
      setSubmitError(check.problem);
      // Take the learner to what needs fixing.
      const firstBad = lines.find((l) => check.lineProblems.has(l.diagnosis));
      const target = firstBad
        ? form.current?.querySelector<HTMLElement>(`[data-percent-for="${firstBad.diagnosis}"]`)
        : lines.length === 0
          ? form.current?.querySelector<HTMLElement>('[role="combobox"]')
          : check.total !== 100
            ? form.current?.querySelector<HTMLElement>('[data-percent-for]')
            : form.current?.querySelector<HTMLElement>('textarea');
      target?.focus();
      return;
    }
    const reason = onCommit({ type: 'COMMIT', differential: toDifferential(lines), ...(summaryRequired ? { summary: summary.trim() } : {}) });
    if (reason) setSubmitError(`${capitalise(reason)}.`);
    else {
      setSubmitError(null);
      setSummary('');
    }
  };

  return (
    <section className="diagnosis" aria-labelledby="diagnosis-heading">
      <h4 id="diagnosis-heading">{isLast ? 'Final differential' : 'Your differential'}</h4>
      <p className="working" data-testid="working-diagnosis">
        {working ? (
          <>
            Working diagnosis: <strong>{labelOf(working.diagnosis)}</strong> at {Math.round(working.confidence * 100)}%
            {working.differential.length > 1 ? `, leading ${working.differential.length} diagnoses` : ''}.
          </>
        ) : (
          'No differential committed yet.'
        )}
      </p>
      {working && working.differential.length > 1 && (
        <p className="working-differential" data-testid="working-differential">
          In force: {working.differential.map((d) => `${labelOf(d.diagnosis)} ${d.probability}%`).join('; ')}.
        </p>
      )}
      <form ref={form} onSubmit={submit} noValidate>
        {summaryRequired && (
          <div className="summary-field">
            <label htmlFor="dx-summary">Your one-sentence summary of the patient</label>
            <p id="dx-summary-hint" className="hint">
              Who is the patient and what is the problem, in the words a colleague would want: the setting, the key findings so far, how it is changing.
            </p>
            <textarea
              id="dx-summary"
              name="summary"
              rows={3}
              value={summary}
              onChange={(e) => {
                setSummary(e.target.value);
                setSubmitError(null);
              }}
              aria-describedby="dx-summary-hint dx-summary-count"
              aria-invalid={over ? 'true' : undefined}
              disabled={disabled}
            />
            <p id="dx-summary-count" className={over ? 'field-error' : 'hint'} data-testid="summary-count">
              {summary.length} of {SUMMARY_MAX_LENGTH} characters{over ? `: ${summary.length - SUMMARY_MAX_LENGTH} over the limit` : ''}
            </p>
          </div>
        )}

        <DiagnosisCombobox options={def.diagnoses} exclude={chosen} onPick={(id) => edit((ls) => addLine(ls, id))} disabled={disabled} />

        {lines.length > 0 && (
          <ol className="differential-lines" aria-label="Your differential, with the probability of each" data-testid="differential-draft">
            {lines.map((l) => {
              const label = labelOf(l.diagnosis);
              const problem = check.lineProblems.get(l.diagnosis);
              const inputId = `dx-p-${l.diagnosis}`;
              return (
                <li key={l.diagnosis} className="differential-line" data-line={l.diagnosis}>
                  <label htmlFor={inputId} className="line-label">
                    {label}
                    <span className="visually-hidden">, probability in percent</span>
                    {check.leading === l.diagnosis && <span className="leading-mark"> (working diagnosis)</span>}
                  </label>
                  <span className="percent-field">
                    <input
                      id={inputId}
                      type="text"
                      inputMode="numeric"
                      size={4}
                      autoComplete="off"
                      value={l.percent}
                      onChange={(e) => setPercent(l.diagnosis, e.target.value)}
                      aria-invalid={problem || tooMuch ? 'true' : undefined}
                      aria-describedby={problem ? `${inputId}-error dx-total` : 'dx-total'}
                      data-percent-for={l.diagnosis}
                      disabled={disabled}
                    />
                    <span aria-hidden="true">%</span>
                  </span>
                  <button
                    type="button"
                    className="button-link remove-line"
                    onClick={() => remove(l.diagnosis)}
                    aria-label={`Remove ${label}`}
                    disabled={disabled}
                  >
                    Remove
                  </button>
                  {problem && (
                    <p id={`${inputId}-error`} className="field-error">
                      {problem}.
                    </p>
                  )}
                </li>
              );
            })}
          </ol>
        )}
        <p
          id="dx-total"
          className={tooMuch ? 'differential-total field-error' : 'differential-total'}
          aria-live="polite"
          aria-atomic="true"
          data-testid="differential-total"
        >
          {check.totalText}
        </p>

        <button
          type="submit"
          className="button-secondary"
          aria-describedby={check.problem ? 'dx-not-ready' : undefined}
          aria-disabled={disabled ? 'true' : undefined}
        >
          {verb} {noun}
        </button>
        {check.problem && !submitError && (
          <p id="dx-not-ready" className="hint" data-testid="not-ready">
            Not ready to commit: {check.problem}
          </p>
        )}
        {submitError && (
          <p id="dx-not-ready" className="field-error" role="alert" data-testid="commit-error">
            {submitError}
          </p>
        )}
        {feedback && commitFeedback && (
          <p className="commit-feedback" role="status">
            {commitFeedback}
          </p>
        )}
      </form>
    </section>
  );
});

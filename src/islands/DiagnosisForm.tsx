import { useState } from 'react';
import type { CaseDefinition } from '../schemas/case';
import type { AttemptSession, SessionView } from './attempt-session';

export const CONFIDENCE_LEVELS = [10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99] as const;

/** Commit or revise the working diagnosis, with a stated confidence. */
export function DiagnosisForm({ def, session, view, disabled, isLast, feedback = true }: { def: CaseDefinition; session: AttemptSession; view: SessionView; disabled: boolean; isLast: boolean; feedback?: boolean }) {
  const working = view.snapshot.context.working;
  const [choice, setChoice] = useState<string>('');
  const [confidence, setConfidence] = useState<number>(50);
  const [error, setError] = useState<string | null>(null);
  const verb = working ? 'Revise' : 'Commit';

  const submit = (e: { preventDefault(): void }) => {
    e.preventDefault();
    if (disabled) return;
    if (!choice) {
      setError('Choose a diagnosis first.');
      return;
    }
    const reason = session.send({ type: 'COMMIT', diagnosis: choice, confidence: confidence / 100 });
    setError(reason ? reason.charAt(0).toUpperCase() + reason.slice(1) + '.' : null);
  };

  return (
    <section className="diagnosis" aria-labelledby="diagnosis-heading">
      <h4 id="diagnosis-heading">{isLast ? 'Final diagnosis' : 'Working diagnosis'}</h4>
      <p className="working" data-testid="working-diagnosis">
        {working
          ? `In force: ${def.diagnoses.find((d) => d.id === working.diagnosis)?.label}, ${Math.round(working.confidence * 100)}% confident.`
          : 'No working diagnosis yet.'}
      </p>
      <form onSubmit={submit} noValidate>
        <fieldset data-diagnosis-list>
          <legend>Which process best explains the calcification?</legend>
          {def.diagnoses.map((d) => (
            <label key={d.id} className="radio">
              <input type="radio" name="diagnosis" value={d.id} checked={choice === d.id} onChange={() => setChoice(d.id)} />
              {d.label}
            </label>
          ))}
        </fieldset>
        <label className="confidence">
          How sure are you?{' '}
          <select value={confidence} onChange={(e) => setConfidence(Number(e.target.value))} name="confidence">
            {CONFIDENCE_LEVELS.map((c) => (
              <option key={c} value={c}>
                {c}%
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button-secondary" aria-disabled={disabled ? 'true' : undefined}>
          {verb} {isLast ? 'final' : 'working'} diagnosis
        </button>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {feedback && view.commitFeedback && (
          <p className="commit-feedback" role="status">
            {view.commitFeedback}
          </p>
        )}
      </form>
    </section>
  );
}

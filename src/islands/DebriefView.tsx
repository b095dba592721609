import { useEffect, useMemo, type RefObject } from 'react';
import type { CaseDefinition, Dimension } from '../schemas/case';
import type { SourceRef } from '../schemas/provenance';
import { buildDebrief } from '../scoring/debrief';
import type { SessionView } from './attempt-session';

export const DIMENSION_LABELS: Record<Dimension, string> = {
  diagnosis: 'Final diagnosis',
  keyFindings: 'Key findings before committing',
  stewardship: 'Stewardship and safety',
  revision: 'Revising a wrong working diagnosis',
  calibration: 'Calibration of your differentials',
  summary: 'Your summary of the patient',
};

const FLAG_LABELS = {
  'documented-misdiagnosis': 'The documented misdiagnosis',
  anchoring: 'Anchoring',
  'premature-closure': 'Premature closure',
  'critical-error': 'Critical error',
  overtreatment: 'Overtreatment',
} as const;

function Evidence({ evidence }: { evidence?: SourceRef | undefined }) {
  if (!evidence) return null;
  return (
    <span className="evidence-inline">
      {' '}
      (Source{evidence.section ? `: ${evidence.section}` : ''}
      {evidence.quote ? (
        <>
          , <q>{evidence.quote}</q>
        </>
      ) : null}
      )
    </span>
  );
}

function download(def: CaseDefinition, view: SessionView) {
  const blob = new Blob([JSON.stringify(view.record, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `calx-${def.slug}-${view.record.startedAt.slice(0, 10)}.json`;
  a.click();
  URL.revokeObjectURL(url);
}

/** The end of the case: score by dimension with reasons, both paths, key findings, teaching points. */
export function DebriefView({ def, view, headingRef, onPlayAgain }: { def: CaseDefinition; view: SessionView; headingRef: RefObject<HTMLHeadingElement | null>; onPlayAgain: () => void }) {
  const debrief = useMemo(() => buildDebrief(def, view.snapshot.context.trace, view.finished), [def, view.snapshot, view.finished]);
  const { score } = debrief;
  // Loaded lazily, so it takes focus itself once it is on screen.
  useEffect(() => headingRef.current?.focus(), [headingRef]);
  return (
    <section className="debrief" aria-labelledby="debrief-heading" data-testid="debrief">
      <h3 id="debrief-heading" ref={headingRef} tabIndex={-1}>
        Debrief
      </h3>
      <p className="score-total" data-testid="score-total">
        Your score: <strong>{score.total}</strong> out of 100
      </p>

      {debrief.finalDiagnosis && (
        <div className={`final-dx ${debrief.finalDiagnosis.credit === 1 ? 'final-dx-right' : 'final-dx-wrong'}`}>
          <h4>Your final diagnosis: {debrief.finalDiagnosis.label}</h4>
          <p>
            {debrief.finalDiagnosis.credit === 1 ? 'Full credit. ' : debrief.finalDiagnosis.credit > 0 ? 'Partial credit. ' : 'No credit. '}
            {debrief.finalDiagnosis.feedback}
            <Evidence evidence={debrief.finalDiagnosis.evidence} />
          </p>
        </div>
      )}

      {debrief.teamsFirstCall && !score.flags.some((f) => f.id === 'documented-misdiagnosis') && (
        <div className="team-first-call" data-testid="team-first-call">
          <h4>You made the treating team's first call: {debrief.teamsFirstCall.label}</h4>
          <p>
            {debrief.teamsFirstCall.feedback}
            <Evidence evidence={debrief.teamsFirstCall.evidence} />
          </p>
        </div>
      )}

      {score.flags.length > 0 && (
        <div className="flags">
          <h4>Reasoning errors to recognise</h4>
          <ul>
            {score.flags.map((f) => (
              <li key={f.id} data-flag={f.id}>
                <strong>{FLAG_LABELS[f.id]}.</strong> {f.message}
                <Evidence evidence={f.evidence} />
              </li>
            ))}
          </ul>
        </div>
      )}

      <table className="score-table">
        <caption>Score by dimension</caption>
        <thead>
          <tr>
            <th scope="col">Dimension</th>
            <th scope="col">Points</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {Object.values(score.dimensions).map((d) => (
            <tr key={d.dimension} data-dimension={d.dimension}>
              <th scope="row">{DIMENSION_LABELS[d.dimension]}</th>
              <td>
                {d.points} / {d.max}
              </td>
              <td>
                <ul className="reasons">
                  {d.reasons.map((r, i) => (
                    <li key={i} className={`reason-${r.effect}`}>
                      <span className="visually-hidden">{r.effect === 'lost' ? 'Point lost: ' : 'Point earned: '}</span>
                      {r.text}
                      <Evidence evidence={r.evidence} />
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <div className="key-findings">
        <h4>Key findings</h4>
        <ul>
          {debrief.keyFindings.map((k) => (
            <li key={k.id} data-key-finding={k.id} data-seen={k.seen ? 'true' : 'false'}>
              <strong>{k.seen ? 'Seen' : 'Missed'}:</strong> {k.label}. {k.why}
            </li>
          ))}
        </ul>
      </div>

      <div className="paths">
        <div>
          <h4>Your path</h4>
          <ol>
            {debrief.learnerPath.map((s, i) => (
              <li key={i}>
                <span className="when">{s.when}</span> {s.what}
              </li>
            ))}
          </ol>
        </div>
        <div>
          <h4>The treating team's documented path</h4>
          <ol>
            {debrief.teamPath.map((s, i) => (
              <li key={i}>
                <span className="when">{s.when}</span> {s.what}
                {s.note && <span className="team-note"> {s.note}</span>}
                <Evidence evidence={s.evidence} />
              </li>
            ))}
          </ol>
        </div>
      </div>

      <div className="debrief-teaching">
        <h4>Teaching points</h4>
        <ol>
          {debrief.teachingPoints.map((t, i) => (
            <li key={i}>
              {t.text}
              <Evidence evidence={t.evidence} />
            </li>
          ))}
        </ol>
      </div>

      <div className="debrief-actions">
        <button type="button" className="button-secondary" onClick={() => download(def, view)}>
          Download this attempt (JSON)
        </button>
        <button type="button" className="button-primary" onClick={onPlayAgain}>
          Play the case again
        </button>
      </div>
    </section>
  );
}

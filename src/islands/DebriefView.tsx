import { useEffect, useMemo, type RefObject } from 'react';
import { AttemptDownload } from './AttemptDownload';
import type { CaseDefinition, Dimension } from '../schemas/case';
import type { SourceRef } from '../schemas/provenance';
import { buildDebrief } from '../scoring/debrief';
import type { SessionView } from './attempt-session';
import { CalibrationChart } from './CalibrationChart';
import { disagreementHref } from '../schemas/contested';
import type { DiagnosisVerdict } from '../scoring/score';

/** The case's source as the debrief cites it in full (before the debrief it stays behind a disclosure). */
export interface DebriefSource {
  /** The formatted citation. */
  citation: string;
  /** The paper's DOI link or address. */
  link?: string | undefined;
  /** Its licence. */
  licence: string;
}

const pct = (n: number) => `${Math.round(n * 100)}%`;

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

/** A link from case feedback to the point the sources disagree on, in the synthesis lesson. */
export function DisagreementLink({ id }: { id?: string | undefined }) {
  if (!id) return null;
  return (
    <span className="disagreement-link">
      {' '}
      The sources disagree on this: see <a href={disagreementHref(id, import.meta.env.BASE_URL)}>{id.replace(/-/g, ' ')}</a>.
    </span>
  );
}

/** The disagreement the feedback behind a verdict links to, looked up in the answer key it came from. */
function verdictDisagreement(def: CaseDefinition, v: Pick<DiagnosisVerdict, 'lead' | 'basis'>): string | undefined {
  const key = def.scoring;
  if (v.basis === 'answer') return (key.combined ?? key.answer.find((a) => a.diagnosis === v.lead))?.disagreement;
  if (v.basis === 'part-of-answer') return key.answer.find((a) => a.diagnosis === v.lead)?.disagreement;
  if (v.basis === 'credited') return key.credits.find((c) => c.diagnosis === v.lead)?.disagreement;
  return undefined;
}

/**
 * The end of the case: the source's answer and your final differential, the evidence gate, critical errors,
 * score by dimension with reasons, calibration in words and a chart, your summary beside the expert's, key
 * findings, both paths, teaching points and the full source.
 */
export function DebriefView({
  def,
  view,
  headingRef,
  onPlayAgain,
  source,
}: {
  def: CaseDefinition;
  view: SessionView;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onPlayAgain: () => void;
  source?: DebriefSource | undefined;
}) {
  const debrief = useMemo(() => buildDebrief(def, view.snapshot.context.trace, view.finished), [def, view.snapshot, view.finished]);
  const { score } = debrief;
  // Loaded lazily, so it takes focus itself once it is on screen.
  useEffect(() => headingRef.current?.focus(), [headingRef]);
  // The lesson's discussion names the diagnosis, so it stays folded until now.
  useEffect(() => {
    for (const d of document.querySelectorAll<HTMLDetailsElement>('details[data-after-debrief]')) d.open = true;
  }, []);
  const gate = debrief.evidenceGate;
  return (
    <section className="debrief" aria-labelledby="debrief-heading" data-testid="debrief">
      <h3 id="debrief-heading" ref={headingRef} tabIndex={-1}>
        Debrief
      </h3>
      <p className="score-total" data-testid="score-total">
        Your score: <strong>{score.total}</strong> out of 100
      </p>
      {score.cap && (
        <p className="score-cap" data-testid="score-cap">
          Your dimensions add up to {score.uncapped}, but the total is capped at {score.cap.limit}: {score.cap.reason}
        </p>
      )}

      <div className="answer" data-testid="answer">
        <h4>The source&apos;s diagnosis: {debrief.answer.labels.join(' and ')}</h4>
        <p>
          {debrief.answer.feedback}
          <Evidence evidence={debrief.answer.evidence} />
          <DisagreementLink id={(def.scoring.combined ?? def.scoring.answer[0])?.disagreement} />
        </p>
      </div>

      {debrief.finalDiagnosis && (
        <div className={`final-dx ${debrief.finalDiagnosis.credit === 1 ? 'final-dx-right' : 'final-dx-wrong'}`} data-testid="final-diagnosis">
          <h4>Your final diagnosis: {debrief.finalDiagnosis.label}</h4>
          <p className="final-differential">Your final differential: {debrief.finalDiagnosis.differential}.</p>
          <p>
            {debrief.finalDiagnosis.credit === 1
              ? 'Full credit. '
              : debrief.finalDiagnosis.credit > 0
                ? `Partial credit (${pct(debrief.finalDiagnosis.credit)}). `
                : 'No credit. '}
            {debrief.finalDiagnosis.feedback}
            <Evidence evidence={debrief.finalDiagnosis.evidence} />
            <DisagreementLink id={verdictDisagreement(def, debrief.finalDiagnosis)} />
          </p>
        </div>
      )}

      <div className="evidence-gate" data-testid="evidence-gate">
        <h4>Evidence before the final diagnosis</h4>
        <p>
          When you committed your final differential you had {pct(gate.shareInHand)} of the discriminating findings&apos; weight in hand, so{' '}
          {debrief.finalDiagnosis && debrief.finalDiagnosis.credit === 0 ? 'a right diagnosis would have kept ' : 'your diagnosis kept '}
          <strong>{pct(gate.factor)}</strong> of its credit
          {debrief.finalDiagnosis && debrief.finalDiagnosis.credit === 0 ? ' (your final diagnosis earned none)' : ''}.
        </p>
        <p className="hint">The rule: {gate.rule}</p>
      </div>

      {debrief.criticalErrors.length > 0 && (
        <div className="critical-errors" data-testid="critical-errors">
          <h4>Critical errors</h4>
          <ul>
            {debrief.criticalErrors.map((c) => (
              <li key={c.action} data-critical-error={c.action}>
                <strong>{c.label}.</strong> {c.reason} This caps your total at {c.cap}.
                <Evidence evidence={c.evidence} />
              </li>
            ))}
          </ul>
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
              {/* A dimension a case weights at 0 (no harmful action documented, say) is not scored: "0 / 0" would read as a failure. */}
              <td>{d.max === 0 ? 'not scored in this case' : `${d.points} / ${d.max}`}</td>
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

      <div className="calibration" data-testid="calibration">
        <h4>Calibration of your differentials</h4>
        <p>{debrief.calibration.words}</p>
        <CalibrationChart bars={debrief.calibration.points.map((p) => ({ when: p.when, givenToAnswer: p.givenToAnswer, skill: p.skill }))} />
        <p className="calibration-points-heading">The differentials scored:</p>
        <ul className="calibration-points">
          {debrief.calibration.points.map((p, i) => (
            <li key={i}>
              <span className="when">{p.when}</span> {p.summary}.
            </li>
          ))}
        </ul>
      </div>

      <div className="summary-review" data-testid="summary-review">
        <h4>Your summary beside an expert&apos;s</h4>
        <div className="summary-pair">
          <figure>
            <figcaption>Yours</figcaption>
            <blockquote>{debrief.summary.learner ?? 'You wrote no summary.'}</blockquote>
          </figure>
          <figure>
            <figcaption>An expert&apos;s</figcaption>
            <blockquote>
              {debrief.summary.expert}
              <Evidence evidence={debrief.summary.evidence} />
            </blockquote>
          </figure>
        </div>
        <p>
          <strong>Qualifiers you named:</strong> {debrief.summary.found.length ? debrief.summary.found.map((q) => q.label).join('; ') : 'none'}.
        </p>
        <p>
          <strong>Qualifiers you missed:</strong> {debrief.summary.missing.length ? debrief.summary.missing.map((q) => q.label).join('; ') : 'none'}.
        </p>
      </div>

      <div className="key-findings">
        <h4>Key findings</h4>
        <ul>
          {debrief.keyFindings.map((k) => (
            <li key={k.id} data-key-finding={k.id} data-seen={k.seen ? 'true' : 'false'}>
              <strong>{k.seen ? 'Seen' : 'Missed'}:</strong> {k.label}. {k.why}
              <DisagreementLink id={def.scoring.keyFindings.find((x) => x.finding === k.id)?.disagreement} />
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
              <DisagreementLink id={t.disagreement} />
            </li>
          ))}
        </ol>
      </div>

      {source && (
        <div className="debrief-source" data-testid="debrief-source">
          <h4>Source</h4>
          <p>{source.citation}</p>
          {source.link && (
            <p>
              <a href={source.link}>Read the published case report</a>
            </p>
          )}
          <p className="licence">
            Licence: {source.licence.replace(/\.+$/, '')}. This case retells the report in our own words; quotations are brief and cited.
          </p>
        </div>
      )}

      <AttemptDownload record={view.record} />

      <div className="debrief-actions">
        <button type="button" className="button-primary" onClick={onPlayAgain}>
          Play the case again
        </button>
      </div>
    </section>
  );
}

import { useMemo, useState } from 'react';
import type { CaseDefinition } from '../schemas/case';
import { ACTION_KINDS, type ActionKind } from '../schemas/kinds';
import { actionsAt } from '../engine/machine';
import { compile } from '../engine/compiled-case';
import type { AttemptSession, SessionView } from './attempt-session';
import type { UnitSystem } from '../progress/preferences';
import { OrderResult } from './ResultsFeed';

export const KIND_LABELS: Record<ActionKind, string> = {
  history: 'History and records',
  exam: 'Examination',
  lab: 'Laboratory tests',
  imaging: 'Imaging',
  pathology: 'Biopsy and pathology',
  consult: 'Consults and procedures',
  treatment: 'Treatments',
};

/** The id the diagnosis controls are wrapped in, for the in-player skip links. */
export const DIAGNOSIS_ANCHOR = 'diagnosis-controls';
/** The id of the order list, for the link back to it. */
export const ORDERS_ANCHOR = 'order-list';

/**
 * The actions open at this stage, grouped by kind. Done actions stay focusable and say so.
 * The result of the latest order at this stage is shown right under its button, so that it appears
 * where the learner is looking (on a phone the full results list is far below; on a wide screen it
 * is in the other column, often above the screen). Focus stays on the button; the live region
 * announces the result; the full history stays in "Results and findings".
 */
export function OrderPanel({
  def,
  session,
  view,
  disabled,
  system = 'conventional',
  feedback = true,
}: {
  def: CaseDefinition;
  session: AttemptSession;
  view: SessionView;
  disabled: boolean;
  system?: UnitSystem;
  /** Whether what the sources say about a choice shows at once (practice) or waits for the debrief (test). */
  feedback?: boolean;
}) {
  const { ix } = compile(def);
  const ctx = view.snapshot.context;
  const open = actionsAt(ix, ctx.stage);
  const [error, setError] = useState<string | null>(null);
  const findings = useMemo(() => new Map(def.findings.map((f) => [f.id, f])), [def]);
  const stageId = def.stages[ctx.stage]!.id;
  const latest = useMemo(() => {
    for (let i = ctx.trace.length - 1; i >= 0; i--) {
      const e = ctx.trace[i]!;
      if (e.kind === 'stage') return null;
      if (e.kind === 'order' && e.stage === stageId) return e;
    }
    return null;
  }, [ctx.trace, stageId]);
  return (
    <section className="order-panel" aria-labelledby="orders-heading" id={ORDERS_ANCHOR} tabIndex={-1}>
      <h4 id="orders-heading">Order, ask, examine, treat</h4>
      <p className="hint">Each choice is recorded on the case clock. Treatments are part of your score too. The latest result appears under its button.</p>
      {ACTION_KINDS.map((kind) => {
        const actions = open.filter((a) => a.kind === kind);
        if (actions.length === 0) return null;
        return (
          <div className="order-group" key={kind} role="group" aria-labelledby={`kind-${kind}`}>
            <h5 id={`kind-${kind}`}>{KIND_LABELS[kind]}</h5>
            <ul>
              {actions.map((a) => {
                const done = ctx.doneThisStage.includes(a.id);
                const showResult = latest?.action === a.id;
                return (
                  <li key={a.id} className={showResult ? 'order-with-result' : undefined}>
                    <button
                      type="button"
                      className="order-button"
                      data-action={a.id}
                      aria-disabled={done || disabled ? 'true' : undefined}
                      onClick={() => {
                        if (done || disabled) return;
                        setError(session.send({ type: 'ORDER', action: a.id }));
                      }}
                    >
                      {a.label}
                      {done && <span className="done-mark"> (done at {def.clock.short} {def.stages[ctx.stage]!.day})</span>}
                    </button>
                    {showResult && latest && (
                      <div className="latest-result" data-latest-result-for={a.id}>
                        <p className="latest-result-title">Latest result</p>
                        {/* The source quotation stays one click away in "Results and findings": no extra Tab stops in the order list. */}
                        <OrderResult def={def} entry={latest} findings={findings} action={a} system={system} feedback={feedback} showSource={false} />
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <p className="skip-within">
        <a href={`#${DIAGNOSIS_ANCHOR}`}>Skip to your diagnosis</a>
      </p>
    </section>
  );
}

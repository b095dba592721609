import { useState } from 'react';
import type { CaseDefinition } from '../schemas/case';
import { ACTION_KINDS, type ActionKind } from '../schemas/kinds';
import { actionsAt } from '../engine/machine';
import { compile } from '../engine/attempt';
import type { AttemptSession, SessionView } from './attempt-session';

export const KIND_LABELS: Record<ActionKind, string> = {
  history: 'History and records',
  exam: 'Examination',
  lab: 'Laboratory tests',
  imaging: 'Imaging',
  pathology: 'Biopsy and pathology',
  consult: 'Consults and procedures',
  treatment: 'Treatments',
};

/** The actions open at this stage, grouped by kind. Done actions stay focusable and say so. */
export function OrderPanel({ def, session, view, disabled }: { def: CaseDefinition; session: AttemptSession; view: SessionView; disabled: boolean }) {
  const { ix } = compile(def);
  const ctx = view.snapshot.context;
  const open = actionsAt(ix, ctx.stage);
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="order-panel" aria-labelledby="orders-heading">
      <h4 id="orders-heading">Order, ask, examine, treat</h4>
      <p className="hint">Each choice is recorded on the case clock. Treatments are part of your score too.</p>
      {ACTION_KINDS.map((kind) => {
        const actions = open.filter((a) => a.kind === kind);
        if (actions.length === 0) return null;
        return (
          <div className="order-group" key={kind} role="group" aria-labelledby={`kind-${kind}`}>
            <h5 id={`kind-${kind}`}>{KIND_LABELS[kind]}</h5>
            <ul>
              {actions.map((a) => {
                const done = ctx.doneThisStage.includes(a.id);
                return (
                  <li key={a.id}>
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
    </section>
  );
}

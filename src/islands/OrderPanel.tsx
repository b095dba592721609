import { memo, useState } from 'react';
import type { Action, CaseDefinition } from '../schemas/case';
import { ACTION_KINDS, type ActionKind } from '../schemas/kinds';
import { actionsAt, type TraceEntry } from '../engine/machine';
import { compile } from '../engine/compiled-case';
import type { UnitSystem } from '../progress/preferences';
import { OrderResult, type OrderEntry } from './ResultsFeed';

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

/** The orders made at the current stage, by action, oldest first; empty once something has moved the case on. */
export function ordersAt(trace: readonly TraceEntry[], stageId: string): ReadonlyMap<string, OrderEntry> {
  const orders: OrderEntry[] = [];
  for (let i = trace.length - 1; i >= 0; i--) {
    const e = trace[i]!;
    if (e.kind === 'stage') break;
    if (e.kind === 'order' && e.stage === stageId) orders.push(e);
  }
  return new Map(orders.reverse().map((e) => [e.action, e]));
}

/**
 * The actions open at this stage, grouped by kind. Done actions stay focusable and say so.
 * Each order's result opens on its own line right after its button and stays there until the case moves on, so that
 * it appears where the learner is looking (on a phone the full results list is far below; on a wide screen it is in
 * the other column, often above the screen) and so that nothing above the button just pressed changes: the button
 * stays under the pointer, where a second click cannot land on another test. Focus stays on the button; the live
 * region announces the result; the full history stays in "Results and findings".
 *
 * Memoised, as each row: an order re-renders the panel's lists but only the two rows that changed
 * (the one now done and showing its result, and the one that was the latest).
 */
export const OrderPanel = memo(function OrderPanel({
  def,
  stage,
  done,
  results,
  onOrder,
  disabled,
  system = 'conventional',
  feedback = true,
}: {
  def: CaseDefinition;
  /** Index of the current stage. */
  stage: number;
  /** Action ids already taken at this stage. */
  done: readonly string[];
  /** The orders made at this stage, by action, oldest first: each result is shown under its button, the last marked latest. */
  results: ReadonlyMap<string, OrderEntry>;
  /** Sends the order; returns why the case refused it, or null. Must keep its identity across renders. */
  onOrder: (action: string) => string | null;
  disabled: boolean;
  system?: UnitSystem;
  /** Whether what the sources say about a choice shows at once (practice) or waits for the debrief (test). */
  feedback?: boolean;
}) {
  const { ix } = compile(def);
  const open = actionsAt(ix, stage);
  const [error, setError] = useState<string | null>(null);
  const doneAt = `${def.clock.short} ${def.stages[stage]!.day}`;
  const latest = [...results.keys()].at(-1);
  return (
    <section className="order-panel" aria-labelledby="orders-heading" id={ORDERS_ANCHOR} tabIndex={-1}>
      <h4 id="orders-heading">Order, ask, examine, treat</h4>
      <p className="hint">Each choice is recorded on the case clock. Treatments are part of your score too. Each result appears under its button.</p>
      {ACTION_KINDS.map((kind) => {
        const actions = open.filter((a) => a.kind === kind);
        if (actions.length === 0) return null;
        return (
          <div className="order-group" key={kind} role="group" aria-labelledby={`kind-${kind}`}>
            <h5 id={`kind-${kind}`}>{KIND_LABELS[kind]}</h5>
            <ul>
              {actions.map((a) => (
                <OrderRow
                  key={a.id}
                  def={def}
                  action={a}
                  doneAt={done.includes(a.id) ? doneAt : null}
                  result={results.get(a.id) ?? null}
                  isLatest={latest === a.id}
                  disabled={disabled}
                  system={system}
                  feedback={feedback}
                  onOrder={onOrder}
                  onError={setError}
                />
              ))}
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
});

/** One order button and, once ordered at this stage, its result on the line after it. */
const OrderRow = memo(function OrderRow({
  def,
  action,
  doneAt,
  result,
  isLatest,
  disabled,
  system,
  feedback,
  onOrder,
  onError,
}: {
  def: CaseDefinition;
  action: Action;
  /** When the action was taken at this stage ("POD 3"), or null while it is still open. */
  doneAt: string | null;
  result: OrderEntry | null;
  /** Whether this is the order made last at this stage. */
  isLatest: boolean;
  disabled: boolean;
  system: UnitSystem;
  feedback: boolean;
  onOrder: (action: string) => string | null;
  onError: (error: string | null) => void;
}) {
  const done = doneAt !== null;
  return (
    <>
      <li>
        <button
          type="button"
          className="order-button"
          data-action={action.id}
          aria-disabled={done || disabled ? 'true' : undefined}
          onClick={() => {
            if (done || disabled) return;
            onError(onOrder(action.id));
          }}
        >
          {action.label}
          {done && <span className="done-mark"> (done at {doneAt})</span>}
        </button>
      </li>
      {result && (
        <li className="order-result">
          <div className="latest-result" data-result-under-button={action.id} data-latest-result-for={isLatest ? action.id : undefined}>
            <p className="latest-result-title">{isLatest ? 'Latest result' : 'Result'}</p>
            {/* The source quotation stays one click away in "Results and findings": no extra Tab stops in the order list. */}
            <OrderResult def={def} entry={result} action={action} system={system} feedback={feedback} showSource={false} />
          </div>
        </li>
      )}
    </>
  );
});

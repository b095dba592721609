import { memo } from 'react';
import type { CaseDefinition } from '../schemas/case';
import type { TraceEntry } from '../engine/machine';
import type { Action } from '../schemas/case';
import { EditorialNoteView, FindingView } from './FindingView';
import type { UnitSystem } from '../progress/preferences';
import { caseLookups } from './case-lookups';

/** A trace entry that records an order. */
export type OrderEntry = Extract<TraceEntry, { kind: 'order' }>;

/**
 * Results as they arrived, newest first: what each order showed, or that the paper does not report it. With
 * `feedback` off (test mode) what the sources say about a choice waits for the debrief. Each item is
 * memoised on its trace entry, which never changes once written, so a new result renders only itself.
 */
export const ResultsFeed = memo(function ResultsFeed({
  def,
  trace,
  system,
  onSystem,
  feedback = true,
}: {
  def: CaseDefinition;
  trace: readonly TraceEntry[];
  system: UnitSystem /** Must keep its identity across renders. */;
  onSystem: (s: UnitSystem) => void;
  feedback?: boolean;
}) {
  const items: { e: TraceEntry; i: number }[] = [];
  for (let i = trace.length - 1; i >= 0; i--) {
    const e = trace[i]!;
    if (e.kind === 'order' || (e.kind === 'stage' && e.presented.length > 0)) items.push({ e, i });
  }
  return (
    <section className="results" aria-labelledby="results-heading">
      <h4 id="results-heading">Results and findings</h4>
      <fieldset className="units-toggle">
        <legend>Units</legend>
        <label>
          <input type="radio" name="units" value="conventional" checked={system === 'conventional'} onChange={() => onSystem('conventional')} /> Conventional
        </label>
        <label>
          <input type="radio" name="units" value="si" checked={system === 'si'} onChange={() => onSystem('si')} /> SI
        </label>
      </fieldset>
      {items.length === 0 && <p className="hint">Nothing yet: results appear here as you order.</p>}
      <ol className="result-list" reversed>
        {items.map(({ e, i }) => (
          <ResultItem key={i} def={def} entry={e} system={system} feedback={feedback} />
        ))}
      </ol>
    </section>
  );
});

/** One item of the results list: a stage's presenting findings, or what one order showed. */
const ResultItem = memo(function ResultItem({
  def,
  entry: e,
  system,
  feedback,
}: {
  def: CaseDefinition;
  entry: TraceEntry;
  system: UnitSystem;
  feedback: boolean;
}) {
  const { findings, actions, stageTitles } = caseLookups(def);
  const when = `${def.clock.short} ${e.day}`;
  if (e.kind === 'stage')
    return (
      <li className="result-item">
        <h5>
          {when}: {stageTitles.get(e.stage)}
        </h5>
        {e.presented.map((id) => (
          <FindingView key={id} finding={findings.get(id)!} when={when} units={def.labUnits[id]} system={system} />
        ))}
      </li>
    );
  if (e.kind !== 'order') return null;
  const action = actions.get(e.action)!;
  return (
    <li className="result-item" data-result-for={e.action}>
      <h5>
        {action.label} · {when}
      </h5>
      <OrderResult def={def} entry={e} action={action} system={system} feedback={feedback} />
    </li>
  );
});

/**
 * What one order showed: its findings, or that the paper does not report it, and (with `feedback`
 * on, as in practice mode) what the sources say of the choice. `showSource` off leaves the quotation
 * to the full results list.
 */
export function OrderResult({
  def,
  entry,
  action,
  system,
  feedback = true,
  showSource = true,
}: {
  def: CaseDefinition;
  entry: OrderEntry;
  action: Action;
  system: UnitSystem;
  feedback?: boolean;
  showSource?: boolean;
}) {
  const { findings } = caseLookups(def);
  const when = `${def.clock.short} ${entry.day}`;
  return (
    <>
      {entry.revealed.length === 0 && <p className="not-reported">{action.notReported ?? 'Nothing new at this point in the case.'}</p>}
      {action.editorialNote && <EditorialNoteView note={action.editorialNote} />}
      {entry.revealed.map((id) => (
        <FindingView key={id} finding={findings.get(id)!} heading={action.label} when={when} units={def.labUnits[id]} system={system} showSource={showSource} />
      ))}
      {feedback && action.consequence && (
        <div className="consequence">
          <p>
            <strong>What the sources say about this choice:</strong> {action.consequence.text}
          </p>
          {action.consequence.evidence.quote && (
            <p className="evidence-inline">
              Source{action.consequence.evidence.section ? ` (${action.consequence.evidence.section})` : ''}: <q>{action.consequence.evidence.quote}</q>
            </p>
          )}
        </div>
      )}
    </>
  );
}

import { useMemo } from 'react';
import type { CaseDefinition } from '../schemas/case';
import type { TraceEntry } from '../engine/machine';
import type { Action, Finding } from '../schemas/case';
import { EditorialNoteView, FindingView } from './FindingView';
import type { UnitSystem } from '../progress/preferences';

/**
 * Results as they arrived, newest first: what each order showed, or that the paper does not report it. With
 * `feedback` off (test mode) what the sources say about a choice waits for the debrief.
 */
export function ResultsFeed({ def, trace, system, onSystem, feedback = true }: { def: CaseDefinition; trace: readonly TraceEntry[]; system: UnitSystem; onSystem: (s: UnitSystem) => void; feedback?: boolean }) {
  const { findings, actions, stageTitle } = useMemo(
    () => ({
      findings: new Map(def.findings.map((f) => [f.id, f])),
      actions: new Map(def.actions.map((a) => [a.id, a])),
      stageTitle: new Map(def.stages.map((s) => [s.id, s.title])),
    }),
    [def],
  );
  const items = trace
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.kind === 'order' || (e.kind === 'stage' && e.presented.length > 0))
    .reverse();
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
        {items.map(({ e, i }) => {
          const when = `${def.clock.short} ${e.day}`;
          if (e.kind === 'stage')
            return (
              <li key={i} className="result-item">
                <h5>
                  {when}: {stageTitle.get(e.stage)}
                </h5>
                {e.presented.map((id) => (
                  <FindingView key={id} finding={findings.get(id)!} when={when} units={def.labUnits[id]} system={system} />
                ))}
              </li>
            );
          if (e.kind !== 'order') return null;
          const action = actions.get(e.action)!;
          return (
            <li key={i} className="result-item" data-result-for={e.action}>
              <h5>
                {action.label} · {when}
              </h5>
              <OrderResult def={def} entry={e} findings={findings} action={action} system={system} feedback={feedback} />
            </li>
          );
        })}
      </ol>
    </section>
  );
}

type OrderEntry = Extract<TraceEntry, { kind: 'order' }>;

/**
 * What one order showed: its findings, or that the paper does not report it, and (with `feedback`
 * on, as in practice mode) what the sources say of the choice. `showSource` off leaves the quotation
 * to the full results list.
 */
export function OrderResult({
  def,
  entry,
  findings,
  action,
  system,
  feedback = true,
  showSource = true,
}: {
  def: CaseDefinition;
  entry: OrderEntry;
  findings: ReadonlyMap<string, Finding>;
  action: Action;
  system: UnitSystem;
  feedback?: boolean;
  showSource?: boolean;
}) {
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

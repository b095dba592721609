import { memo } from 'react';
import type { CaseDefinition } from '../schemas/case';
import type { TraceEntry } from '../engine/machine';
import { describeTrace } from '../scoring/describe';

/** What was done on which day, in order. Each step is memoised on its trace entry, so a new step renders only itself. */
export const Timeline = memo(function Timeline({
  def,
  trace,
  heading = 'Your timeline',
}: {
  def: CaseDefinition;
  trace: readonly TraceEntry[];
  heading?: string;
}) {
  return (
    <section className="timeline" aria-labelledby="timeline-heading">
      <h4 id="timeline-heading">{heading}</h4>
      <ol>
        {trace.map((e, i) => (
          <TimelineStep key={i} def={def} entry={e} />
        ))}
      </ol>
    </section>
  );
});

const TimelineStep = memo(function TimelineStep({ def, entry }: { def: CaseDefinition; entry: TraceEntry }) {
  const step = describeTrace(def, [entry])[0]!;
  return (
    <li>
      <span className="when">{step.when}</span> {step.what}
    </li>
  );
});

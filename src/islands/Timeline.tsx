import { useMemo } from 'react';
import type { CaseDefinition } from '../schemas/case';
import type { TraceEntry } from '../engine/machine';
import { describeTrace } from '../scoring/describe';

/** What was done on which day, in order. */
export function Timeline({ def, trace, heading = 'Your timeline' }: { def: CaseDefinition; trace: readonly TraceEntry[]; heading?: string }) {
  const steps = useMemo(() => describeTrace(def, trace), [def, trace]);
  return (
    <section className="timeline" aria-labelledby="timeline-heading">
      <h4 id="timeline-heading">{heading}</h4>
      <ol>
        {steps.map((s, i) => (
          <li key={i}>
            <span className="when">{s.when}</span> {s.what}
          </li>
        ))}
      </ol>
    </section>
  );
}

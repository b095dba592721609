import type { CaseDefinition } from '../schemas/case';
import type { SourceRef } from '../schemas/provenance';
import type { DifferentialEntry } from '../schemas/events';
import type { TraceEntry } from '../engine/machine';

/**
 * Labels and readable paths: what the player needs on every step, kept apart from the scoring and
 * debrief code, which the player loads only when a learner finishes.
 */

/** One line of a path through the case, the learner's or the treating team's. */
export interface PathStep {
  /** e.g. "POD 16". */
  when: string;
  /** What was done, e.g. "Ordered CT abdomen and pelvis" or "Working differential: calciphylaxis 70%, …". */
  what: string;
  /** The team's reasoning, for team steps. */
  note?: string;
  evidence?: SourceRef;
}

const labellers = new WeakMap<CaseDefinition, (id: string) => string>();

/** Human labels for ids in feedback: findings, actions and the course's diagnosis list (built once per case). */
export function labeller(def: CaseDefinition): (id: string) => string {
  let label = labellers.get(def);
  if (!label) {
    const labels = new Map<string, string>();
    def.findings.forEach((f) => labels.set(f.id, f.label));
    def.actions.forEach((a) => labels.set(a.id, a.label));
    def.diagnoses.forEach((d) => labels.set(d.id, d.label));
    label = (id) => labels.get(id) ?? id;
    labellers.set(def, label);
  }
  return label;
}

/** A differential in words, e.g. "Calciphylaxis 70%, Dystrophic calcification 30%". */
export function describeDifferential(def: CaseDefinition, differential: readonly DifferentialEntry[]): string {
  const label = labeller(def);
  return differential.map((d) => `${label(d.diagnosis)} ${d.probability}%`).join(', ');
}

/** A path through the case as readable steps. */
export function describeTrace(def: CaseDefinition, trace: readonly TraceEntry[]): PathStep[] {
  const label = labeller(def);
  const when = (day: number) => `${def.clock.short} ${day}`;
  return trace.map((e) => {
    switch (e.kind) {
      case 'stage':
        return { when: when(e.day), what: `New stage: ${def.stages.find((s) => s.id === e.stage)?.title ?? e.stage}` };
      case 'order': {
        const n = e.revealed.length;
        return { when: when(e.day), what: `${label(e.action)}${n ? ` (${n} result${n > 1 ? 's' : ''})` : ' (nothing new reported)'}` };
      }
      case 'commit':
        return { when: when(e.day), what: `${e.previous ? 'Revised differential' : 'Working differential'}: ${describeDifferential(def, e.differential)}` };
      case 'finish':
        return { when: when(e.day), what: `Final differential: ${describeDifferential(def, e.differential)}` };
    }
  });
}

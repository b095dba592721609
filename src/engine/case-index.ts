import type { Action, CaseDefinition, Finding, Stage } from '../schemas/case';

/** Lookups the engine needs on every event, built once per case. */
export interface CaseIndex {
  def: CaseDefinition;
  stageIndex: ReadonlyMap<string, number>;
  findings: ReadonlyMap<string, Finding>;
  actions: ReadonlyMap<string, Action>;
  /** The ids of the course-wide diagnosis list: what a differential may name. */
  diagnoses: ReadonlySet<string>;
  /** For each action, the stage indices [first, last] in which it can be chosen. */
  windows: ReadonlyMap<string, readonly [number, number]>;
  /** For each finding, the first stage index at which it exists. */
  findingFrom: ReadonlyMap<string, number>;
}

export function indexCase(def: CaseDefinition): CaseIndex {
  const stageIndex = new Map(def.stages.map((s, i) => [s.id, i] as const));
  const last = def.stages.length - 1;
  const at = (id: string | undefined, fallback: number) => (id === undefined ? fallback : (stageIndex.get(id) ?? fallback));
  return {
    def,
    stageIndex,
    findings: new Map(def.findings.map((f) => [f.id, f] as const)),
    actions: new Map(def.actions.map((a) => [a.id, a] as const)),
    diagnoses: new Set(def.diagnoses.map((d) => d.id)),
    windows: new Map(def.actions.map((a) => [a.id, [at(a.from, 0), at(a.until, last)] as const])),
    findingFrom: new Map(def.findings.map((f) => [f.id, at(f.from, 0)] as const)),
  };
}

/** The actions open at a stage, in authored order. */
export function actionsAt(ix: CaseIndex, stage: number): Action[] {
  return ix.def.actions.filter((a) => {
    const [from, until] = ix.windows.get(a.id)!;
    return stage >= from && stage <= until;
  });
}

export function stageAt(ix: CaseIndex, stage: number): Stage {
  return ix.def.stages[stage]!;
}

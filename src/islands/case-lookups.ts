import type { Action, CaseDefinition, Finding } from '../schemas/case';

/** A case's findings, actions and stage titles by id: built once per case and shared by every part of the player. */
export interface CaseLookups {
  findings: ReadonlyMap<string, Finding>;
  actions: ReadonlyMap<string, Action>;
  stageTitles: ReadonlyMap<string, string>;
}

const built = new WeakMap<CaseDefinition, CaseLookups>();

export function caseLookups(def: CaseDefinition): CaseLookups {
  let l = built.get(def);
  if (!l) {
    l = {
      findings: new Map(def.findings.map((f) => [f.id, f])),
      actions: new Map(def.actions.map((a) => [a.id, a])),
      stageTitles: new Map(def.stages.map((s) => [s.id, s.title])),
    };
    built.set(def, l);
  }
  return l;
}

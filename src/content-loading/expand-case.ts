import type { z } from 'astro/zod';
import type { Analyte } from '../schemas/analyte';
import type { CaseInputData, CaseSchema } from '../schemas/case';
import { expandEvidence, type EvidenceInput } from '../schemas/provenance';
import { stepEvent } from '../schemas/play-step';
import { isRecord } from '../utils/is-record';

/**
 * Turns a case file as an author writes it (validated by `CaseInputSchema`, so every error points at
 * what the author wrote) into the long form `CaseSchema` describes, which is what the engine, the
 * scoring and the pages see. Each shorthand stands for exactly one long form, so a case written
 * either way compiles to the same data (`tests/unit/compact-format.test.ts`).
 */

/** The note a reference range taken from `content/analytes.yaml` carries. */
export const TYPICAL_RANGE_NOTE = "typical adult range; the paper does not print its laboratory's range";

/** What `notReported: true` says: the action's label, lower-cased at its first letter, in the standard sentence. */
export function notReportedSentence(label: string): string {
  return `The published case does not report ${label.charAt(0).toLowerCase()}${label.slice(1)}.`;
}

type CaseLongForm = z.input<typeof CaseSchema>;
type Sex = CaseInputData['patient']['sex'];

/** The analyte's typical range for this patient, when it has one. */
export function typicalRange(analyte: Analyte | undefined, sex: Sex): { low?: number; high?: number } | undefined {
  const range = analyte?.typicalRange;
  if (!range) return undefined;
  return 'female' in range ? range[sex] : range;
}

/** Every `evidence` field, at any depth, in its long form with the case's source filled in. */
function expandAllEvidence(value: unknown, caseSource: string): unknown {
  if (Array.isArray(value)) return value.map((v) => expandAllEvidence(v, caseSource));
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === 'evidence' && (typeof v === 'string' || isRecord(v)) ? expandEvidence(v as EvidenceInput, caseSource) : expandAllEvidence(v, caseSource),
    ]),
  );
}

export function expandCase(input: CaseInputData, analytes: Readonly<Record<string, Analyte>>): CaseLongForm {
  const inline: CaseInputData['findings'] = [];
  const actions = input.actions.map((action) => {
    const reveals = action.reveals.map((r) => {
      if (typeof r === 'string') return r;
      inline.push(r);
      return r.id;
    });
    const { notReported, ...rest } = action;
    return { ...rest, reveals, ...(notReported === undefined ? {} : { notReported: notReported === true ? notReportedSentence(action.label) : notReported }) };
  });

  const findings = [...input.findings, ...inline].map((finding) => {
    const lab = finding.lab;
    if (!lab || lab.reference !== undefined || lab.analyte === undefined) return finding;
    const analyte = analytes[lab.analyte];
    const range = lab.unit === analyte?.conventional ? typicalRange(analyte, input.patient.sex) : undefined;
    return range ? { ...finding, lab: { ...lab, reference: { ...range, note: TYPICAL_RANGE_NOTE } } } : finding;
  });

  const teamPath = input.teamPath.map(({ note, evidence, ...step }) => ({ event: stepEvent(step), note, ...(evidence === undefined ? {} : { evidence }) }));

  return expandAllEvidence({ ...input, findings, actions, teamPath }, input.source) as CaseLongForm;
}

/** A field path as `formatPath` writes it, split into keys and indexes. */
function splitField(field: string): (string | number)[] {
  return [...field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

function joinField(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/**
 * The field an author wrote for a field of the expanded case, so that a problem found after
 * expansion (a reference, the team path's replay) points at the author's text: an inline finding at
 * its place under its action, a path step at its `order` or `commit`, shorthand evidence at the
 * one-line string.
 */
export function authoredField(field: string, input: CaseInputData): string {
  const path = splitField(field);
  let out: (string | number)[] = path;
  if (path[0] === 'findings' && typeof path[1] === 'number' && path[1] >= input.findings.length) {
    let k = path[1] - input.findings.length;
    outer: for (const [i, a] of input.actions.entries())
      for (const [j, r] of a.reveals.entries())
        if (typeof r !== 'string' && k-- === 0) {
          out = ['actions', i, 'reveals', j, ...path.slice(2)];
          break outer;
        }
  }
  if (out[0] === 'teamPath' && typeof out[1] === 'number' && out[2] === 'event') {
    const step = input.teamPath[out[1]];
    if (step && step.event === undefined) {
      const key = step.order !== undefined ? 'order' : step.commit !== undefined ? 'commit' : step.advance ? 'advance' : 'finish';
      const rest = out.slice(3);
      // `event.differential[j].diagnosis` is the j-th entry of `commit`, whichever form it is written in.
      // A problem with the step as a whole (the case does not accept it here) points at the step.
      if (rest.length === 0) out = ['teamPath', out[1]];
      else if (key === 'commit' && rest[0] === 'differential' && typeof rest[1] === 'number' && step.commit && !Array.isArray(step.commit))
        out = ['teamPath', out[1], 'commit', Object.keys(step.commit)[rest[1]] ?? rest[1]];
      else out = ['teamPath', out[1], key];
    }
  }
  // Evidence written on one line has no `source` field of its own: the line is what to fix.
  const ev = out.lastIndexOf('evidence');
  if (ev >= 0 && out[ev + 1] === 'source') {
    let node: unknown = input;
    for (const p of out.slice(0, ev + 1)) node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[p] : undefined;
    if (typeof node === 'string') out = out.slice(0, ev + 1);
  }
  return joinField(out);
}

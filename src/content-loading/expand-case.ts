import type { z } from 'astro/zod';
import type { Analyte } from '../schemas/analyte';
import type { CaseInputData, CaseSchema } from '../schemas/case';
import { expandEvidence, type EvidenceInput } from '../schemas/provenance';
import { stepEvent } from '../schemas/play-step';

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

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every `evidence` field, at any depth, in its long form with the case's source filled in. */
function expandAllEvidence(value: unknown, caseSource: string): unknown {
  if (Array.isArray(value)) return value.map((v) => expandAllEvidence(v, caseSource));
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === 'evidence' && (typeof v === 'string' || isRecord(v)) ? expandEvidence(v as EvidenceInput, caseSource) : expandAllEvidence(v, caseSource)]),
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

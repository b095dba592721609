import * as ucumModule from '@lhncbc/ucum-lhc';
import type { Analyte } from '../schemas/analyte';
import type { CaseData, DisplayLab, LabResult, LabUnits } from '../schemas/case';
import type { ContentProblem } from './content-errors';

/**
 * Conventional and SI display of lab results, computed at build time with the UCUM library
 * (`@lhncbc/ucum-lhc`) from the units and molar masses in `content/analytes.yaml`. Node only: the
 * library is large, so the browser receives the converted numbers, not the converter.
 */

export type { DisplayLab, LabUnits };

// A CommonJS package: under ESM its exports arrive as the default export, under CJS interop as the namespace.
const ucum = ((ucumModule as unknown as { default?: typeof ucumModule.default }).default ?? ucumModule) as unknown as typeof ucumModule.default;
const utils = ucum.UcumLhcUtils.getInstance();

/** Converts a value between two UCUM units, with a molar mass where mass and amount of substance meet. */
export function convert(value: number, from: string, to: string, molarMass?: number): number {
  if (from === to) return value;
  const result = utils.convertUnitTo(from, value, to, molarMass === undefined ? {} : { molecularWeight: molarMass });
  if (result.status !== 'succeeded' || typeof result.toVal !== 'number') throw new Error(`cannot convert ${from} to ${to}: ${(result.msg ?? []).join('; ')}`);
  return result.toVal;
}

function roundTo(n: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(n * f) / f;
}

/** Decimal places of a number as written, so converted-back values keep the paper's precision. */
function decimalsOf(n: number): number {
  const s = String(n);
  return s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
}

/** Both unit systems for a lab with an analyte. The result's own unit must be one of the analyte's. */
export function labInBothUnits(lab: LabResult, analyte: Analyte): LabUnits {
  const fromUnit = lab.unit!;
  const systems = { conventional: analyte.conventional, si: analyte.si } as const;
  const out = {} as LabUnits;
  for (const [system, unit] of Object.entries(systems) as [keyof LabUnits, string][]) {
    const same = unit === fromUnit;
    const decimals = (n: number) => (same ? decimalsOf(n) : system === 'si' ? analyte.siDecimals : Math.max(1, decimalsOf(n)));
    const c = (n: number) => roundTo(same ? n : convert(n, fromUnit, unit, analyte.molarMass), decimals(n));
    const display: DisplayLab = { unit };
    if (lab.value !== undefined) display.value = c(lab.value);
    if (lab.range) display.range = [c(lab.range[0]), c(lab.range[1])];
    if (lab.reference) {
      display.reference = {};
      if (lab.reference.low !== undefined) display.reference.low = c(lab.reference.low);
      if (lab.reference.high !== undefined) display.reference.high = c(lab.reference.high);
    }
    out[system] = display;
  }
  return out;
}

/** Checks analyte references and computes both unit systems for every lab finding that names an analyte. */
export function caseLabUnits(file: string, data: CaseData, analytes: Readonly<Record<string, Analyte>>): { units: Record<string, LabUnits>; problems: ContentProblem[] } {
  const units: Record<string, LabUnits> = {};
  const problems: ContentProblem[] = [];
  data.findings.forEach((f, i) => {
    const lab = f.lab;
    if (!lab?.analyte) return;
    const analyte = analytes[lab.analyte];
    const field = `findings[${i}].lab`;
    if (!analyte) {
      problems.push({ file, field: `${field}.analyte`, message: `unknown analyte "${lab.analyte}" (known: ${Object.keys(analytes).join(', ')})` });
      return;
    }
    if (lab.unit !== analyte.conventional && lab.unit !== analyte.si) {
      problems.push({ file, field: `${field}.unit`, message: `"${lab.unit ?? ''}" is neither of ${lab.analyte}'s units ("${analyte.conventional}" or "${analyte.si}")` });
      return;
    }
    try {
      units[f.id] = labInBothUnits(lab, analyte);
    } catch (e) {
      problems.push({ file, field, message: (e as Error).message });
    }
  });
  return { units, problems };
}

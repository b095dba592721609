import * as ucumModule from '@lhncbc/ucum-lhc';
import type { Analyte } from '../schemas/analyte';
import type { CaseData, DisplayLab, LabResult, LabUnits } from '../schemas/case';
import type { ContentProblem } from '../schemas/content-errors';

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

/**
 * How laboratories write a unit whose UCUM code is ASCII: "ukat/L" is written "µkat/L", "10*9/L"
 * "× 10⁹/L", "mg2/dL2" "mg²/dL²". The code stays the key for conversion; only the display changes.
 */
export function labUnitLabel(ucum: string): string {
  const SUPERSCRIPT: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
  return ucum
    .replace(/^10\*(\d+)\//, (_, e: string) => `× 10${[...e].map((d) => SUPERSCRIPT[d]).join('')}/`)
    .replace(/(^|\/)u(?=(?:kat|mol|g|L)\b)/g, '$1µ')
    .replace(/([a-zA-Z])([23])(?=\/|$)/g, (_, u: string, d: string) => `${u}${SUPERSCRIPT[d]}`);
}

/** Converts from one unit to another: for a product of two analytes, factor by factor with each one's molar mass. */
function converter(analyte: Analyte, analytes: Readonly<Record<string, Analyte>>): (n: number, from: string, to: string) => number {
  if (!analyte.productOf) return (n, from, to) => convert(n, from, to, analyte.molarMass);
  const [a, b] = analyte.productOf.map((id) => {
    const factor = analytes[id];
    if (!factor) throw new Error(`the product names an unknown analyte "${id}"`);
    return factor;
  }) as [Analyte, Analyte];
  // The factor that turns a product in the conventional unit into the SI unit: one conversion of 1 per factor.
  const toSi = convert(1, a.conventional, a.si, a.molarMass) * convert(1, b.conventional, b.si, b.molarMass);
  return (n, from, to) => (from === to ? n : from === analyte.conventional ? n * toSi : n / toSi);
}

/** A bound the paper prints instead of a value ("< 5 pg/mL ..."): the comparator and number, if the text starts with one in the lab's unit. */
const BOUND = /^\s*([<>≤≥])\s*(\d+(?:\.\d+)?)\s*(\S+)?/;

/** Both unit systems for a lab with an analyte. The result's own unit must be one of the analyte's. */
export function labInBothUnits(lab: LabResult, analyte: Analyte, analytes: Readonly<Record<string, Analyte>> = {}): LabUnits {
  const fromUnit = lab.unit!;
  const systems = { conventional: analyte.conventional, si: analyte.si } as const;
  const out = {} as LabUnits;
  const change = converter(analyte, analytes);
  for (const [system, unit] of Object.entries(systems) as [keyof LabUnits, string][]) {
    const same = unit === fromUnit;
    const decimals = (n: number) => (same ? decimalsOf(n) : system === 'si' ? analyte.siDecimals : Math.max(1, decimalsOf(n)));
    const c = (n: number) => roundTo(same ? n : change(n, fromUnit, unit), decimals(n));
    const display: DisplayLab = { unit: labUnitLabel(unit) };
    // A bound such as "< 5 pg/mL" is restated in this system, so a value never sits beside a range in another unit.
    const bound = lab.value === undefined && lab.range === undefined && lab.qualitative ? BOUND.exec(lab.qualitative) : null;
    if (bound && !same) display.qualitative = `${bound[1]} ${c(Number(bound[2]))} ${labUnitLabel(unit)}, converted from ${lab.qualitative!.trim()}`;
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
export function caseLabUnits(
  file: string,
  data: CaseData,
  analytes: Readonly<Record<string, Analyte>>,
): { units: Record<string, LabUnits>; problems: ContentProblem[] } {
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
      problems.push({
        file,
        field: `${field}.unit`,
        message: `"${lab.unit ?? ''}" is neither of ${lab.analyte}'s units ("${analyte.conventional}" or "${analyte.si}")`,
      });
      return;
    }
    try {
      units[f.id] = labInBothUnits(lab, analyte, analytes);
    } catch (e) {
      problems.push({ file, field, message: (e as Error).message });
    }
  });
  return { units, problems };
}

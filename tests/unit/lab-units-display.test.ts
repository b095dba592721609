import { describe, expect, it } from 'vitest';
import { course } from '../helpers/content';
import { displayLab, labValueText, referenceText } from '../../src/islands/FindingView';
import { labInBothUnits, labUnitLabel } from '../../src/content-loading/units';
import type { Analyte } from '../../src/schemas/analyte';

const labs = course.cases.flatMap((c) => c.findings.filter((f) => f.lab).map((f) => ({ slug: c.slug, finding: f, units: c.labUnits[f.id] })));

describe('lab units on screen', () => {
  it('converts every lab that has a unit, so both views can show it', () => {
    expect(labs.filter((l) => l.finding.lab!.unit && !l.units).map((l) => `${l.slug}/${l.finding.id}`)).toEqual([]);
  });

  it('shows value and reference range in the same unit in both views (no pg/mL beside a pmol/L range)', () => {
    const problems: string[] = [];
    for (const { slug, finding, units } of labs) {
      if (!units) continue;
      for (const system of ['conventional', 'si'] as const) {
        const shown = displayLab(finding.lab!, units, system);
        const other = system === 'si' ? units.conventional.unit : units.si.unit;
        const text = `${labValueText(shown)} ${shown.qualitative ?? ''}`;
        const first = text.split(',')[0]!; // the paper's own wording may follow a comma
        if (other !== shown.unit && first.includes(other)) problems.push(`${slug}/${finding.id} (${system}): "${first}" beside a range in ${shown.unit}`);
        if (referenceText(shown) && !referenceText(shown)!.endsWith(shown.unit))
          problems.push(`${slug}/${finding.id} (${system}): reference not in ${shown.unit}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('restates a bound the paper prints ("<5") in SI units', () => {
    const pth = labs.find((l) => l.slug === 'leg-plaques-peritoneal-dialysis' && l.finding.id === 'pth')!;
    expect(displayLab(pth.finding.lab!, pth.units, 'si').qualitative).toMatch(/^< 0\.5 pmol\/L, converted from < 5 pg\/mL/);
    expect(displayLab(pth.finding.lab!, pth.units, 'conventional').qualitative).toMatch(/^< 5 pg\/mL/);
  });

  it('writes enzyme and count units as laboratories do', () => {
    expect(['ukat/L', 'umol/L', '10*9/L', '/mm3', 'mmol2/L2', 'mg/dL'].map(labUnitLabel)).toEqual(['µkat/L', 'µmol/L', '× 10⁹/L', '/mm³', 'mmol²/L²', 'mg/dL']);
    const shown = labs.flatMap((l) => (l.units ? [l.units.si.unit, l.units.conventional.unit] : []));
    expect(shown.filter((u) => /(^|\/)u(kat|mol|g)|\*/.test(u))).toEqual([]);
  });

  it('converts the calcium-phosphate product factor by factor, each with its own molar mass', () => {
    const analytes: Record<string, Analyte> = {
      calcium: { label: 'Ca', conventional: 'mg/dL', si: 'mmol/L', molarMass: 40.078, siDecimals: 2, basis: 'b' },
      phosphorus: { label: 'P', conventional: 'mg/dL', si: 'mmol/L', molarMass: 30.974, siDecimals: 2, basis: 'b' },
    };
    const product: Analyte = { label: 'CaxP', conventional: 'mg²/dL²', si: 'mmol²/L²', productOf: ['calcium', 'phosphorus'], siDecimals: 2, basis: 'b' };
    // 10.5 mg/dL is 2.62 mmol/L and 11.0 mg/dL is 3.55 mmol/L: their product is 9.3, not a hand-written factor times 115.5.
    expect(labInBothUnits({ value: 115.5, unit: 'mg²/dL²' }, product, analytes).si).toEqual({ unit: 'mmol²/L²', value: 9.3 });
  });
});

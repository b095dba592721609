import { describe, expect, it } from 'vitest';
import { convert, labInBothUnits } from '../../src/content-loading/units';
import { course } from '../helpers/content';

const analytes = course.analytes;

describe('unit conversion (UCUM, molar masses from content/analytes.yaml)', () => {
  it('converts calcium from mg/dL to mmol/L with the molar mass of calcium', () => {
    expect(convert(10, 'mg/dL', 'mmol/L', analytes.calcium!.molarMass)).toBeCloseTo(2.495, 3);
  });

  it('converts enzyme activity from U/L to µkat/L without a molar mass', () => {
    expect(convert(60, 'U/L', 'ukat/L')).toBeCloseTo(1, 6);
  });

  it('converts a value, its range and its reference range together and keeps the paper’s own unit as given', () => {
    // Arrange
    const lab = { range: [6.8, 7.6] as [number, number], unit: 'mg/dL', analyte: 'phosphorus', reference: { low: 2.5, high: 4.5, note: 'typical' } };
    // Act
    const both = labInBothUnits(lab, analytes.phosphorus!);
    // Assert
    expect(both.conventional).toEqual({ unit: 'mg/dL', range: [6.8, 7.6], reference: { low: 2.5, high: 4.5 } });
    expect(both.si).toEqual({ unit: 'mmol/L', range: [2.2, 2.45], reference: { low: 0.81, high: 1.45 } });
  });

  it('converts a result reported in SI back to conventional units', () => {
    const both = labInBothUnits({ value: 1.375, unit: 'mmol/L', analyte: 'ionised-calcium' }, analytes['ionised-calcium']!);
    expect(both.si.value).toBe(1.375);
    expect(both.conventional.value).toBeCloseTo(5.5, 1);
  });

  it('refuses a conversion UCUM cannot make', () => {
    expect(() => convert(1, 'mg/dL', 'mmol/L')).toThrow(/cannot convert mg\/dL to mmol\/L/);
  });

  it('gives every case lab with an analyte both unit systems', () => {
    for (const c of course.cases) {
      for (const f of c.findings.filter((x) => x.lab?.analyte)) expect(c.labUnits[f.id], `${c.slug}: ${f.id}`).toBeDefined();
    }
  });
});

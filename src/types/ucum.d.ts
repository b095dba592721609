declare module '@lhncbc/ucum-lhc' {
  interface ConversionResult {
    status: 'succeeded' | 'failed' | 'error';
    toVal: number | null;
    msg?: string[];
  }
  interface UcumLhcUtils {
    convertUnitTo(fromUnit: string, value: number, toUnit: string, options?: { molecularWeight?: number }): ConversionResult;
  }
  const ucum: { UcumLhcUtils: { getInstance(): UcumLhcUtils } };
  export default ucum;
}

import { z } from 'astro/zod';

/**
 * A measured quantity and how to show it in conventional and SI units
 * (`content/analytes.yaml`). Conversions are done by a UCUM library from these units and molar
 * masses, never by hand-written factors.
 */
/** A typical adult range in the analyte's conventional unit. */
const TypicalRangeSchema = z
  .object({
    /** Lower limit, in the conventional unit. Omit when there is none. */
    low: z.number().optional(),
    /** Upper limit, in the conventional unit. Omit when there is none. */
    high: z.number().optional(),
  })
  .strict()
  .refine((r) => r.low !== undefined || r.high !== undefined, 'give at least one of low and high');

export const AnalyteSchema = z
  .object({
    /** The analyte's name, e.g. "Calcium". */
    label: z.string().min(1),
    /** The conventional (US) unit in UCUM syntax, e.g. "mg/dL". */
    conventional: z.string().min(1),
    /** The SI unit in UCUM syntax, e.g. "mmol/L". */
    si: z.string().min(1),
    /** Molar mass in g/mol, needed when converting between mass and amount of substance. */
    molarMass: z.number().positive().optional(),
    /** Decimal places to show in SI units. */
    siDecimals: z.number().int().min(0).max(4).default(2),
    /** Where the molar mass or the unit convention comes from (e.g. "IUPAC standard atomic weight"). */
    basis: z.string().min(1),
    /**
     * For a product of two analytes (the calcium-phosphate product): their ids. The product has no
     * molar mass of its own, so it is converted factor by factor, each with its own molar mass.
     */
    productOf: z.tuple([z.string().min(1), z.string().min(1)]).optional(),
    /**
     * The typical adult range in the conventional unit, for case reports that print no range: a lab
     * result in a case file naming this analyte in its conventional unit, with no `reference`, gets
     * this range and the note that it is a typical range. One range, or one per sex.
     */
    typicalRange: z
      .union([
        TypicalRangeSchema,
        z.object({ /** For a female patient. */ female: TypicalRangeSchema, /** For a male patient. */ male: TypicalRangeSchema }).strict(),
      ])
      .optional(),
  })
  .strict();

export type Analyte = z.infer<typeof AnalyteSchema>;
export const AnalytesFileSchema = z.record(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), AnalyteSchema);

import { z } from 'astro/zod';

/**
 * Where a clinical fact comes from. Every reported value and finding points back to its seed
 * document with a short verbatim quote, so that a reader (and a test) can find it in the paper.
 */
export const SourceRefSchema = z
  .object({
    /** The id of a record in the sources collection (`content/sources/<id>.yaml`). */
    source: z.string().min(1),
    /**
     * A short verbatim quote from the source that contains the fact, fewer than 12 words, so that
     * it stays a citation rather than copied prose. Checked against the seed text by the tests.
     */
    quote: z.string().min(1).optional(),
    /** The section of the paper the fact comes from, e.g. "Case Description" or "Table 1". */
    section: z.string().min(1).optional(),
  })
  .strict();

export type SourceRef = z.infer<typeof SourceRefSchema>;

/**
 * A fact from outside the five seed papers (a current guideline, a drug's composition, a probable
 * misprint), allowed only as a visibly marked editorial note. It is never attributed to a paper,
 * never shown as a finding and never used in scoring. Cases, questions, lessons and disagreements
 * can all carry one.
 */
export const EditorialNoteSchema = z
  .object({
    /** The note, in our own words; rendered under the heading "Editorial note, not from the paper". */
    text: z.string().min(1),
    /** What the note rests on (e.g. "KDIGO 2017 CKD-MBD guideline", "standard pharmacology texts"), so a reader can check it. */
    basis: z.string().min(1),
  })
  .strict();

export type EditorialNote = z.infer<typeof EditorialNoteSchema>;

/**
 * The separator of the one-line evidence shorthand: `"quote @ Section"`. Spaces on both sides, so an
 * e-mail address or a handle in a quote is never split.
 */
export const EVIDENCE_SECTION_SEPARATOR = ' @ ';

/**
 * Evidence as an author writes it in a case file. Three forms, all meaning the same `SourceRef`:
 *
 * - `evidence: "short verbatim quote @ Section"`: one line, the case's own source;
 * - `evidence: "short verbatim quote"`: the quote alone, no section;
 * - `evidence: { quote: …, section: …, source: … }`: the long form; `source` defaults to the case's source.
 */
export const EvidenceInputSchema = z.union([
  z
    .string()
    .min(1)
    .describe('Short form: "a verbatim quote of fewer than 12 words @ Section", citing the case\'s own source. Without " @ " it is the quote alone.'),
  z
    .object({
      ...SourceRefSchema.shape,
      /** The id of a record in the sources collection (`content/sources/<id>.yaml`). Defaults to the case's source. */
      source: z.string().min(1).optional(),
    })
    .strict(),
]);

export type EvidenceInput = z.input<typeof EvidenceInputSchema>;

/** The `SourceRef` an evidence shorthand stands for, with `source` filled in from the case. */
export function expandEvidence(evidence: EvidenceInput, caseSource: string): SourceRef {
  if (typeof evidence === 'string') {
    const at = evidence.lastIndexOf(EVIDENCE_SECTION_SEPARATOR);
    if (at < 0) return { source: caseSource, quote: evidence };
    const quote = evidence.slice(0, at).trim();
    const section = evidence.slice(at + EVIDENCE_SECTION_SEPARATOR.length).trim();
    return { source: caseSource, ...(quote ? { quote } : {}), ...(section ? { section } : {}) };
  }
  const { source, ...rest } = evidence;
  return { source: source ?? caseSource, ...rest };
}

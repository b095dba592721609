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

import { z } from 'astro/zod';
import { SourceRefSchema } from './provenance';

/**
 * The course-wide diagnosis list (`content/diagnoses.yaml`). Every case offers the same list, so the
 * options never cue a case's answer; each case's answer key credits the entries that matter for it.
 */

/** The reserved entry that keeps room in a differential for a diagnosis the list does not name. */
export const SOMETHING_ELSE = 'something-else';

/** One diagnosis a learner can put on a differential. */
export const DiagnosisEntrySchema = z
  .object({
    /** Unique id, lower-case words joined by hyphens; the id attempts and answer keys use. */
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens, e.g. "dystrophic"'),
    /** The name shown in the combobox and the debrief. */
    label: z.string().min(1),
    /** Other names a learner may type (abbreviations, spellings, the conditions it covers); the combobox matches them. */
    synonyms: z.array(z.string().min(1)).default([]),
    /**
     * What the diagnosis means, in our own words, written to follow "X is …" (lower-case start, no
     * final full stop): the debrief builds feedback for an entry a case does not credit from it.
     */
    definition: z.string().min(1),
    /** Where the definition comes from. Required for every entry except `something-else`. */
    evidence: SourceRefSchema.optional(),
  })
  .strict()
  .refine((d) => d.id === SOMETHING_ELSE || d.evidence !== undefined, {
    message: 'every diagnosis except "something-else" needs its evidence',
    path: ['evidence'],
  });

/** The whole list: unique ids, and the reserved `something-else` entry present. */
export const DiagnosisListSchema = z
  .array(DiagnosisEntrySchema)
  .min(2)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((d, i) => {
      if (seen.has(d.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `the id "${d.id}" is used twice` });
      seen.add(d.id);
    });
    if (!seen.has(SOMETHING_ELSE)) ctx.addIssue({ code: 'custom', path: [], message: `the list needs the reserved entry "${SOMETHING_ELSE}"` });
  });

export type DiagnosisEntry = z.infer<typeof DiagnosisEntrySchema>;

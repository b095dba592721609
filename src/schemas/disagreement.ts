import { z } from 'astro/zod';
import { EditorialNoteSchema, SourceRefSchema } from './provenance';

const Id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens, e.g. "biopsy-or-bone-scan-first"');

/**
 * A point on which the five sources disagree (`content/disagreements/<id>.yaml`, the file name being
 * the id). The course teaches such a point as a disagreement: every position, who holds it and a
 * verbatim quote for it, so that no case, lesson or quiz takes a side silently. Each one has a stable
 * URL (`/lessons/telling-them-apart/#disagreement-<id>`) that quiz explanations and case feedback
 * link to.
 */

/** One side of a disagreement. */
export const PositionSchema = z
  .object({
    /** Unique within the disagreement, e.g. "necrosis-defines-it". */
    id: Id,
    /** The position in a few words, used as its heading (e.g. "Skin necrosis is part of the definition"). */
    label: z.string().min(1),
    /** What the position says and why its holders take it, in our own words. */
    claim: z.string().min(1),
    /** The sources (ids in `content/sources/`) that hold this position; at least one. */
    holders: z.array(Id).min(1),
    /**
     * The quotes that show it, at least one; each from one of the holders, verbatim and under 12
     * words (checked against the seeds by `tests/unit/provenance.test.ts`).
     */
    evidence: z.array(SourceRefSchema.extend({ /** Required here: a position without a quote is an opinion of ours. */ quote: z.string().min(1) })).min(1),
  })
  .strict();

export const DisagreementSchema = z
  .object({
    /** The contested question, as a heading (e.g. "Does calciphylaxis require necrosis of the skin?"). */
    question: z.string().min(1),
    /** Why it matters to a clinician, in one or two sentences of our own. */
    whyItMatters: z.string().min(1),
    /** The positions, at least two. */
    positions: z.array(PositionSchema).min(2),
    /**
     * How the course handles it: what it teaches and how it scores (every position a source supports
     * earns credit). Our own words.
     */
    inThisCourse: z.string().min(1),
    /** Facts from outside the seeds that help a reader weigh the positions, visibly marked as editorial. */
    editorialNotes: z.array(EditorialNoteSchema).default([]),
    /** Position on the lesson page (lower first). */
    order: z.number().int().positive().default(100),
  })
  .strict();

export type Position = z.infer<typeof PositionSchema>;
export type DisagreementData = z.infer<typeof DisagreementSchema>;
/** A loaded disagreement with its id (the file name). */
export interface Disagreement extends DisagreementData {
  id: string;
}

export { DISAGREEMENTS_PAGE, disagreementAnchor, disagreementHref } from './contested';

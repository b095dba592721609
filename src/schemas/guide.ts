import { z } from 'astro/zod';
import { SourceRefSchema } from './provenance';

const Id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens');

/** The four processes a finding can point to, in the order the course teaches them. */
export const PROCESSES = ['dystrophic', 'metastatic', 'calciphylaxis', 'iatrogenic'] as const;
export type Process = (typeof PROCESSES)[number];

/**
 * The frontmatter of a standalone lesson (`content/lessons/<slug>.mdx`), such as the synthesis
 * lesson that compares the processes across the five cases.
 */
export const GuideSchema = z
  .object({
    /** The page title. */
    title: z.string().min(1),
    /** One sentence for the lesson list and search engines. */
    description: z.string().min(1),
    /** Learning objectives, shown by `<Objectives />`. */
    objectives: z.array(z.string().min(1)).min(1),
    /** Position in the lesson list. */
    order: z.number().int().positive().default(100),
    /**
     * For `<MineralComparison />`: which finding of each case holds its calcium, phosphorus, PTH
     * and (where the paper reports it) calcium-phosphate product. Values are read from the cases,
     * never copied here.
     */
    comparison: z
      .array(
        z
          .object({
            /** The case slug. */
            case: Id,
            /** Finding ids in that case. Omit one the paper does not report. */
            calcium: Id.optional(),
            phosphorus: Id.optional(),
            pth: Id.optional(),
            /** The reported product; when omitted and both calcium and phosphorus have single values, the product is calculated and labelled so. */
            product: Id.optional(),
          })
          .strict(),
      )
      .default([]),
    /** For `<SortingExercise />`: findings to sort to the process they point to. */
    exercise: z
      .array(
        z
          .object({
            /** Unique within the lesson. */
            id: Id,
            /** The finding, as the learner reads it. */
            finding: z.string().min(1),
            /** The process it points to (key). */
            process: z.enum(PROCESSES),
            /** Why, shown after the learner answers. */
            explanation: z.string().min(1),
            /** The source. */
            evidence: SourceRefSchema,
            /** The case (slug) whose patient the finding describes, if it describes one. */
            case: Id.optional(),
            /** That case's findings (ids) whose values the text states; every number in it must be among them or in the quote. */
            findings: z.array(Id).default([]),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export type Guide = z.infer<typeof GuideSchema>;

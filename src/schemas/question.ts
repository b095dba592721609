import { z } from 'astro/zod';
import { SourceRefSchema } from './provenance';

/**
 * The question bank (`content/questions/<topic>.yaml`, each file a list of items). As with cases,
 * what the learner sees (stem, options, prompts) is kept apart from the key (`correct`, `answer`,
 * `match`, the order of `steps`), which only the scoring functions and the feedback read.
 */

const Id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens, e.g. "ca-p-product-1"');

/** The concepts an item can be tagged with. */
export const CONCEPTS = ['processes', 'laboratory', 'imaging', 'histopathology', 'treatment', 'prognosis'] as const;

/** What every item has, whatever its type. */
const ItemBase = {
  /** Unique id across the whole bank; attempts and review state refer to it. */
  id: Id,
  /** The question, with a clinical vignette where the type is single best answer; plain text, blank lines between paragraphs. */
  stem: z.string().min(1),
  /** The cases (slugs) the item belongs to; empty for general items. */
  cases: z.array(Id).default([]),
  /** The concepts it tests. */
  concepts: z.array(z.enum(CONCEPTS)).min(1),
  /** The learning objectives (ids in `content/objectives.yaml`) it assesses. */
  objectives: z.array(Id).min(1),
  /** How hard it is meant to be. */
  difficulty: z.enum(['easy', 'medium', 'hard']),
  /** Why the right answer is right, in our own words. */
  explanation: z.string().min(1),
  /** The source the item rests on (seed and a verbatim quote under 12 words). */
  evidence: SourceRefSchema,
};

/** An answer option of a single or multiple choice item. */
const OptionSchema = z
  .object({
    /** Unique within the item. */
    id: Id,
    /** What the option says. */
    text: z.string().min(1),
    /** Whether choosing it is right (key). */
    correct: z.boolean(),
    /** Why this option is right or wrong, shown as feedback when it was chosen or should have been. */
    explanation: z.string().min(1),
  })
  .strict();

/** Single best answer: exactly one option is correct. */
export const SingleItemSchema = z
  .object({ ...ItemBase, /** The item type. */ type: z.literal('single'), /** The options, shown shuffled unless `fixedOrder`. */ options: z.array(OptionSchema).min(3), /** Keep options in the authored order (e.g. "all of the above"). */ fixedOrder: z.boolean().default(false) })
  .strict()
  .refine((q) => q.options.filter((o) => o.correct).length === 1, { message: 'a single best answer item needs exactly one correct option', path: ['options'] });

/** Multiple select: one or more options are correct; partial credit. */
export const MultipleItemSchema = z
  .object({ ...ItemBase, /** The item type. */ type: z.literal('multiple'), /** The options. */ options: z.array(OptionSchema).min(3), /** Keep options in the authored order. */ fixedOrder: z.boolean().default(false) })
  .strict()
  .refine((q) => q.options.some((o) => o.correct), { message: 'a multiple select item needs at least one correct option', path: ['options'] });

/** Matching: each prompt is matched to one choice (e.g. a feature to the process it points to); partial credit. */
export const MatchingItemSchema = z
  .object({
    ...ItemBase,
    /** The item type. */
    type: z.literal('matching'),
    /** The choices each prompt can be matched to (a choice may serve several prompts). */
    choices: z.array(z.object({ /** Unique within the item. */ id: Id, /** The choice's text. */ text: z.string().min(1) }).strict()).min(2),
    /** The prompts to match. */
    prompts: z
      .array(
        z
          .object({
            /** Unique within the item. */
            id: Id,
            /** The prompt's text. */
            text: z.string().min(1),
            /** The id of the right choice (key). */
            match: Id,
            /** Why this is the right match. */
            explanation: z.string().min(1),
          })
          .strict(),
      )
      .min(2),
  })
  .strict()
  .refine((q) => q.prompts.every((p) => q.choices.some((c) => c.id === p.match)), { message: 'every prompt must match one of the choices', path: ['prompts'] });

/** Numeric: a number with a tolerance and a unit (e.g. a calcium-phosphate product, a corrected calcium, a unit conversion). */
export const NumericItemSchema = z
  .object({
    ...ItemBase,
    /** The item type. */
    type: z.literal('numeric'),
    /** The right answer (key). */
    answer: z.number(),
    /** Accepted absolute difference from the answer. */
    tolerance: z.number().min(0),
    /** The unit the answer is given in, UCUM style (e.g. "mg2/dL2", "mg/dL", "mmol/L"). */
    unit: z.string().min(1),
    /** Common wrong answers and what they reveal, shown when the learner's answer is near one. */
    misconceptions: z
      .array(z.object({ /** The wrong value. */ value: z.number(), /** Accepted absolute difference. */ tolerance: z.number().min(0), /** What the mistake was. */ explanation: z.string().min(1) }).strict())
      .default([]),
  })
  .strict();

/** Ordering: put the steps of a work-up in order; partial credit by position. */
export const OrderingItemSchema = z
  .object({
    ...ItemBase,
    /** The item type. */
    type: z.literal('ordering'),
    /** The steps in the RIGHT order (key); shown shuffled. */
    steps: z.array(z.object({ /** Unique within the item. */ id: Id, /** The step's text. */ text: z.string().min(1), /** Why it comes where it does. */ explanation: z.string().min(1) }).strict()).min(3),
  })
  .strict();

export const QuestionSchema = z.discriminatedUnion('type', [SingleItemSchema, MultipleItemSchema, MatchingItemSchema, NumericItemSchema, OrderingItemSchema]);
/** A question file: a list of items on one topic. */
export const QuestionFileSchema = z
  .object({
    /** The topic's title, e.g. "Telling the processes apart". */
    title: z.string().min(1),
    /** One sentence on what the topic covers. */
    description: z.string().min(1),
    /** The items. */
    items: z.array(QuestionSchema).min(1),
  })
  .strict();

/** `content/objectives.yaml`: learning objective id to its text. */
export const ObjectivesFileSchema = z.record(Id, z.string().min(1));

export type Question = z.infer<typeof QuestionSchema>;
export type QuestionFile = z.infer<typeof QuestionFileSchema>;

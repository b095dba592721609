import { z } from 'astro/zod';
import { EditorialNoteSchema, SourceRefSchema } from './provenance';

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
  /** Further seed quotes for facts the item states beyond its main evidence (each verbatim, under 12 words). */
  moreEvidence: z.array(SourceRefSchema).default([]),
  /**
   * The findings (ids in the item's cases) whose values and reports the item states about a patient.
   * Every number the item's text gives about a case's patient must be among these findings' values
   * or in one of the item's quotes (`tests/unit/provenance.test.ts`), so an invented detail fails.
   */
  findings: z.array(Id).default([]),
  /** Points where the sources disagree (ids in `content/disagreements/`) that the item touches; the feedback links to each. */
  disagreements: z.array(Id).default([]),
  /** Facts from outside the seeds, shown as a marked editorial note in the feedback and never scored. */
  editorialNotes: z.array(EditorialNoteSchema).default([]),
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
    /**
     * Partial credit (between 0 and 1) for an option that is not the key but that a source supports on
     * a contested point; the item must then link the disagreement, and the explanation says which
     * source supports it. Single best answer only.
     */
    credit: z.number().gt(0).lt(1).optional(),
  })
  .strict();

/** Single best answer: exactly one option is correct. */
export const SingleItemSchema = z
  .object({
    ...ItemBase,
    /** The item type. */ type: z.literal('single'),
    /** The options, shown shuffled unless `fixedOrder`. */ options: z.array(OptionSchema).min(3),
    /** Keep options in the authored order (e.g. "all of the above"). */ fixedOrder: z.boolean().default(false),
  })
  .strict()
  .refine((q) => q.options.filter((o) => o.correct).length === 1, { message: 'a single best answer item needs exactly one correct option', path: ['options'] })
  .refine((q) => q.options.every((o) => o.credit === undefined || !o.correct), {
    message: 'partial `credit` belongs on an option that is not the key',
    path: ['options'],
  })
  .refine((q) => q.disagreements.length > 0 || q.options.every((o) => o.credit === undefined), {
    message: 'an option with partial `credit` rests on a contested point: name it in `disagreements`',
    path: ['disagreements'],
  });

/** Multiple select: one or more options are correct; partial credit. */
export const MultipleItemSchema = z
  .object({
    ...ItemBase,
    /** The item type. */ type: z.literal('multiple'),
    /** The options. */ options: z.array(OptionSchema).min(3),
    /** Keep options in the authored order. */ fixedOrder: z.boolean().default(false),
  })
  .strict()
  .refine((q) => q.options.some((o) => o.correct), { message: 'a multiple select item needs at least one correct option', path: ['options'] })
  .refine((q) => q.options.every((o) => o.credit === undefined), { message: 'partial `credit` is for single best answer options only', path: ['options'] });

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
      .array(
        z
          .object({
            /** The wrong value. */ value: z.number(),
            /** Accepted absolute difference. */ tolerance: z.number().min(0),
            /** What the mistake was. */ explanation: z.string().min(1),
          })
          .strict(),
      )
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
    steps: z
      .array(
        z
          .object({
            /** Unique within the item. */ id: Id,
            /** The step's text. */ text: z.string().min(1),
            /** Why it comes where it does. */ explanation: z.string().min(1),
          })
          .strict(),
      )
      .min(3),
  })
  .strict();

export { CONCORDANCE_SCALE, type ConcordanceRating } from './contested';

/**
 * Script concordance: a hypothesis, a piece of new information, and how that information changes the
 * hypothesis on a 5-point scale. For contested points: the reference panel is the sources that take a
 * side, each with its rating, reason and quote. Credit is the share of the panel that gives the
 * learner's rating, scaled so that the rating most sources give earns 1 (the usual aggregate
 * scoring of script concordance tests), so every source-supported rating earns credit.
 */
export const ConcordanceItemSchema = z
  .object({
    ...ItemBase,
    /** The item type. */
    type: z.literal('concordance'),
    /** "If you were thinking of ...": the hypothesis (a diagnosis, a test or a treatment). */
    hypothesis: z.string().min(1),
    /** "... and then you find ...": the new information. */
    newInformation: z.string().min(1),
    /** What the scale measures: the hypothesis becomes more or less likely (diagnosis) or more or less appropriate (test, treatment). */
    scale: z.enum(['likely', 'appropriate']),
    /** The reference panel: the sources that take a side, at least two, each once. */
    panel: z
      .array(
        z
          .object({
            /** The source (an id in `content/sources/`). */
            source: Id,
            /** Its rating on the scale, -2 to +2. */
            rating: z.union([z.literal(-2), z.literal(-1), z.literal(0), z.literal(1), z.literal(2)]),
            /** Why this source would rate it so, in our own words. */
            reason: z.string().min(1),
            /** A verbatim quote from this source, under 12 words. */
            quote: z.string().min(1),
            /** The section of the paper. */
            section: z.string().min(1).optional(),
          })
          .strict(),
      )
      .min(2),
  })
  .strict()
  .refine((q) => new Set(q.panel.map((p) => p.source)).size === q.panel.length, { message: 'each source sits on the panel once', path: ['panel'] })
  .refine((q) => q.disagreements.length > 0, {
    message: 'a script-concordance item tests a contested point: name it in `disagreements`',
    path: ['disagreements'],
  });

/** One decisive question of a key-feature item: a short menu from which the learner picks the right options. */
const KeyFeatureSchema = z
  .object({
    /** Unique within the item. */
    id: Id,
    /** The decisive question (e.g. "What must you establish before the first dose?"). */
    question: z.string().min(1),
    /** The menu; at least one is correct. The learner may pick as many as there are correct options. */
    options: z.array(OptionSchema).min(3),
  })
  .strict()
  .refine((f) => f.options.some((o) => o.correct), { message: 'a key feature needs at least one correct option', path: ['options'] })
  .refine((f) => f.options.every((o) => o.credit === undefined), { message: 'partial `credit` is for single best answer options only', path: ['options'] });

/**
 * Key features: a short vignette followed by two or three decisive questions, the steps where
 * learners most often go wrong. Each feature is scored like multiple select; the item's credit is
 * the mean of its features.
 */
export const KeyFeatureItemSchema = z
  .object({
    ...ItemBase,
    /** The item type. */
    type: z.literal('key-feature'),
    /** The decisive questions, in the order they arise. */
    features: z.array(KeyFeatureSchema).min(2).max(3),
  })
  .strict();

export const QuestionSchema = z.discriminatedUnion('type', [
  SingleItemSchema,
  MultipleItemSchema,
  MatchingItemSchema,
  NumericItemSchema,
  OrderingItemSchema,
  ConcordanceItemSchema,
  KeyFeatureItemSchema,
]);
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

import { z } from 'astro/zod';
import { EvidenceInputSchema, SourceRefSchema } from './provenance';
import { BareStepSchema, checkStep, stepFields } from './play-step';
import { TeamStepSchema } from './case';

/**
 * Instructor notes for one case (`content/instructor/<case-slug>.yaml`): what faculty need beside the
 * answer key and that learners never see in the player. Kept out of the case file so that the case
 * schema (and its content hash, the case version) does not change when faculty add a question.
 */

/** A question to open a discussion of the case in class. */
export const DiscussionQuestionSchema = z
  .object({
    /** The question, in our own words. */
    question: z.string().min(1),
    /** What in the source grounds it (a short verbatim quote, fewer than 12 words). */
    evidence: SourceRefSchema,
    /**
     * The case findings (ids) whose values the question states about the patient; every number in
     * the question must be among them or in its quote (`tests/unit/provenance.test.ts`).
     */
    findings: z.array(z.string().min(1)).default([]),
  })
  .strict();

/** One step of the best path: an event, as in a learner's attempt, and why it belongs there. */
export const BestStepSchema = z
  .object({
    /** The event, in the same form a learner's attempt uses. */
    event: TeamStepSchema.shape.event,
    /** Why this step, for the instructor (optional). */
    note: z.string().min(1).optional(),
  })
  .strict();

export const InstructorNotesSchema = z
  .object({
    /** Three to five questions for a class discussion. */
    discussionQuestions: z.array(DiscussionQuestionSchema).min(3).max(5),
    /**
     * The best path through the case, drawn on the decision map beside the treating team's path. It
     * must play to the end; the tests check that it scores at least 95.
     */
    bestPath: z.array(BestStepSchema).min(1),
  })
  .strict();

/**
 * One step of the best path as an author writes it, in the player's terms: `- order: pth`,
 * `- commit: { metastatic: 90, calciphylaxis: 10 }` with its `summary`, `- advance`, `- finish`
 * (or `{ event: … }`, the engine's form), with an optional note.
 */
export const BestStepInputSchema = z.union([
  BareStepSchema,
  z
    .object({
      ...stepFields,
      /** Why this step, for the instructor (optional). */
      note: z.string().min(1).optional(),
    })
    .strict()
    .superRefine(checkStep),
]);

/** A discussion question as an author writes it: its evidence may use the shorthand, citing the case's source. */
export const DiscussionQuestionInputSchema = z
  .object({
    ...DiscussionQuestionSchema.shape,
    /** What in the source grounds it: `"quote @ Section"` (the case's source) or `{ source, quote, section }`. */
    evidence: EvidenceInputSchema,
  })
  .strict();

/**
 * Instructor notes as an author writes them (`content/instructor/<case-slug>.yaml`): the best path is
 * stored here once, in the player's terms; the tests, the CLI fixtures and the benchmark derive its
 * events from it.
 */
export const InstructorNotesInputSchema = z
  .object({
    /** Three to five questions for a class discussion. */
    discussionQuestions: z.array(DiscussionQuestionInputSchema).min(3).max(5),
    /**
     * The best path through the case, drawn on the decision map beside the treating team's path. It
     * must play to the end; the tests check that it scores at least 95.
     */
    bestPath: z.array(BestStepInputSchema).min(1),
  })
  .strict();

export type InstructorNotesInput = z.output<typeof InstructorNotesInputSchema>;

export type InstructorNotesData = z.infer<typeof InstructorNotesSchema>;
export type DiscussionQuestion = z.infer<typeof DiscussionQuestionSchema>;
export type BestStep = z.infer<typeof BestStepSchema>;

/** Validated instructor notes with the case they belong to. */
export interface InstructorNotes extends InstructorNotesData {
  /** The case slug (the file name). */
  case: string;
}

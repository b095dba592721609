import { z } from 'astro/zod';

/**
 * How a module's cases are played. `practice`: feedback during play (what the sources say about a choice, whether
 * the treating team made the same call) and the debrief at the end. `test`: no feedback of any kind until the
 * debrief at the end, as in an examination.
 */
export const PlayModeSchema = z.enum(['practice', 'test']);
export type PlayMode = z.infer<typeof PlayModeSchema>;

const Id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens');

/** One step of a module: a case simulation, a standalone lesson, or a quiz. */
export const ModuleItemSchema = z.discriminatedUnion('kind', [
  z.object({ /** A case simulation. */ kind: z.literal('case'), /** The case slug (`content/cases/<slug>/`). */ slug: Id }).strict(),
  z.object({ /** A standalone lesson. */ kind: z.literal('lesson'), /** The lesson slug (`content/lessons/<slug>.mdx`). */ slug: Id }).strict(),
  z.object({ /** A quiz. */ kind: z.literal('quiz'), /** The quiz topic (`content/questions/<topic>.yaml`). */ topic: Id }).strict(),
  z
    .object({
      /**
       * Every case of the course, here, in course order (each case's `order`): a rule rather than a list, so a new case
       * joins the module without an edit.
       */
      kind: z.literal('all-cases'),
    })
    .strict(),
]);

/** A step once rules are expanded: a case, a lesson or a quiz, as pages, progress and SCORM packages read it. */
export type ModuleStep = Exclude<z.infer<typeof ModuleItemSchema>, { kind: 'all-cases' }>;

/**
 * A module (`content/modules/<slug>.yaml`): what a course director assigns to a class. It is data,
 * composed without code; its page, instructor view and SCORM packages are generated from it.
 */
export const ModuleSchema = z
  .object({
    /** The module's title. */
    title: z.string().min(1),
    /** Who it is for, e.g. "Nephrology and dermatology residents". */
    audience: z.string().min(1),
    /** A paragraph describing the module for learners and faculty. */
    description: z.string().min(1),
    /** What learners will be able to do afterwards. */
    objectives: z.array(z.string().min(1)).min(1),
    /** The steps, in the order learners take them; `{ kind: all-cases }` stands for every case of the course, in course order. */
    items: z.array(ModuleItemSchema).min(1),
    /** Estimated time in minutes for the whole module. */
    estimatedMinutes: z.number().int().positive(),
    /**
     * The pass mark, 0 to 100: the module is passed when every scored step (cases and quizzes)
     * is done and the mean of their scores reaches it.
     */
    passMark: z.number().min(0).max(100),
    /**
     * How the module's cases are played: `practice` (the default; feedback as the learner goes) or `test` (no
     * feedback until the debrief). The module page links its cases in this mode and its SCORM packages use it.
     */
    caseMode: PlayModeSchema.default('practice'),
    /** Position in the module list. */
    order: z.number().int().positive().default(100),
  })
  .strict();

export type Module = z.infer<typeof ModuleSchema>;
/** A module step as written, rules included. */
export type ModuleItemAsWritten = z.infer<typeof ModuleItemSchema>;
/** A module step as every reader sees it (rules expanded). */
export type ModuleItem = ModuleStep;

import { z } from 'astro/zod';

/** The frontmatter of a case lesson (`content/cases/<slug>/lesson.mdx`). */
export const LessonSchema = z
  .object({
    /** The lesson's page title. */
    title: z.string().min(1),
    /** What the learner will be able to do after the lesson; shown by `<Objectives />`. */
    objectives: z.array(z.string().min(1)).min(1),
  })
  .strict();

export type Lesson = z.infer<typeof LessonSchema>;

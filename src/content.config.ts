import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { LessonSchema } from './schemas/lesson';
import { GuideSchema } from './schemas/guide';
import { loadCourseContent, type CourseContent } from './utils/load-content';

const root = fileURLToPath(new URL('../', import.meta.url));
// CALX_CONTENT_DIR points the build at another content folder (tests of broken content, generated cases for the benchmark).
const contentDir = resolve(root, process.env.CALX_CONTENT_DIR ?? 'content');

// Cases and sources go through our own loader so that the build fails with the same
// file-and-field messages the tests pin, and so that cross-references are checked across files.
let loaded: Promise<CourseContent> | undefined;
const course = () => (loaded ??= Promise.resolve().then(() => loadCourseContent(contentDir, root)));

const cases = defineCollection({
  loader: {
    name: 'calx-cases',
    load: async ({ store }) => {
      const { cases } = await course();
      store.clear();
      for (const c of cases) store.set({ id: c.slug, data: c as unknown as Record<string, unknown> });
    },
  },
});

const sources = defineCollection({
  loader: {
    name: 'calx-sources',
    load: async ({ store }) => {
      const { sources } = await course();
      store.clear();
      for (const s of sources) store.set({ id: s.id, data: s as unknown as Record<string, unknown> });
    },
  },
});

const lessons = defineCollection({
  loader: glob({ pattern: '*/lesson.mdx', base: join(contentDir, 'cases'), generateId: ({ entry }) => entry.split('/')[0]! }),
  schema: LessonSchema,
});

// Standalone lessons (the synthesis lesson and any later ones): content/lessons/<slug>.mdx.
const guides = defineCollection({
  loader: glob({ pattern: '*.mdx', base: join(contentDir, 'lessons') }),
  schema: GuideSchema,
});

export const collections = { cases, sources, lessons, guides };

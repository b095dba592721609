import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { LessonSchema } from './schemas/lesson';
import { GuideSchema } from './schemas/guide';
import { loadCourseContent, type CourseContent } from './content-loading/load-content';
import { loadQuestionBank, type QuestionBank } from './content-loading/load-questions';
import { loadFacultyContent, type FacultyContent } from './content-loading/load-faculty';
import { loadDisagreements } from './content-loading/load-disagreements';

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

// Where the sources disagree (content/disagreements/<id>.yaml), checked against the sources.
let contested: Promise<ReturnType<typeof loadDisagreements>> | undefined;
const disagreementList = () => (contested ??= course().then(({ sources }) => loadDisagreements(contentDir, new Set(sources.map((s) => s.id)), root)));

/** One entry per disagreement, the id being its anchor on the synthesis lesson (`#disagreement-<id>`). */
const disagreements = defineCollection({
  loader: {
    name: 'calx-disagreements',
    load: async ({ store }) => {
      const list = await disagreementList();
      store.clear();
      for (const d of list) store.set({ id: d.id, data: d as unknown as Record<string, unknown> });
    },
  },
});

// The question bank is checked against the loaded cases, sources and disagreements (item case slugs, findings, evidence sources, links).
let bank: Promise<QuestionBank> | undefined;
const questionBank = () =>
  (bank ??= Promise.all([course(), disagreementList()]).then(([{ cases, sources }, list]) =>
    loadQuestionBank(contentDir, { caseSlugs: new Set(cases.map((c) => c.slug)), sourceIds: new Set(sources.map((s) => s.id)), disagreementIds: new Set(list.map((d) => d.id)), cases }, root),
  ));

/** One entry per topic file (`content/questions/<id>.yaml`), the id being its quiz URL. */
const questions = defineCollection({
  loader: {
    name: 'calx-questions',
    load: async ({ store }) => {
      const { topics } = await questionBank();
      store.clear();
      for (const t of topics) store.set({ id: t.id, data: t as unknown as Record<string, unknown> });
    },
  },
});

/** One entry per learning objective in `content/objectives.yaml`. */
const objectives = defineCollection({
  loader: {
    name: 'calx-objectives',
    load: async ({ store }) => {
      const { objectives } = await questionBank();
      store.clear();
      for (const o of objectives) store.set({ id: o.id, data: o as unknown as Record<string, unknown> });
    },
  },
});

// Faculty content: modules (content/modules/<slug>.yaml) and instructor notes (content/instructor/<case>.yaml),
// checked against the cases, lessons, quizzes and sources with the same file-and-field errors.
let faculty: Promise<FacultyContent> | undefined;
const facultyContent = () =>
  (faculty ??= Promise.all([course(), questionBank()]).then(([{ cases, sources }, { topics }]) => loadFacultyContent(contentDir, { cases, sources, topics }, root)));

/** One entry per module, the id being its URL (`/modules/<id>/`). */
const modules = defineCollection({
  loader: {
    name: 'calx-modules',
    load: async ({ store }) => {
      const { modules } = await facultyContent();
      store.clear();
      for (const m of modules) store.set({ id: m.slug, data: m as unknown as Record<string, unknown> });
    },
  },
});

/** One entry per case with instructor notes (discussion questions, best path), the id being the case slug. */
const instructor = defineCollection({
  loader: {
    name: 'calx-instructor',
    load: async ({ store }) => {
      const { instructor } = await facultyContent();
      store.clear();
      for (const n of instructor) store.set({ id: n.case, data: n as unknown as Record<string, unknown> });
    },
  },
});

export const collections = { cases, sources, lessons, guides, questions, objectives, modules, instructor, disagreements };

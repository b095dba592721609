import { defineCollection } from 'astro:content';
import type { DataStore } from 'astro/loaders';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { LessonSchema } from './schemas/lesson';
import { GuideSchema } from './schemas/guide';
import { loadCourseContent, type CourseContent } from './content-loading/load-content';
import { loadQuestionBank, type QuestionBank } from './content-loading/load-questions';
import { loadFacultyContent, type FacultyContent } from './content-loading/load-faculty';
import { loadDisagreements } from './content-loading/load-disagreements';
import type { CaseDefinition } from './schemas/case';
import type { SourceEntry } from './schemas/source';
import type { Disagreement } from './schemas/disagreement';
import type { InstructorNotes } from './schemas/instructor';
import type { Objective, QuestionTopic } from './content-loading/load-questions';
import type { ModuleEntry } from './content-loading/load-modules';

const root = fileURLToPath(new URL('../', import.meta.url));
// CALX_CONTENT_DIR points the build at another content folder (tests of broken content, generated cases for the benchmark).
const contentDir = resolve(root, process.env.CALX_CONTENT_DIR ?? 'content');

/**
 * The schema a collection declares for entries our own loaders put in the store. Each loader has
 * already validated its files with the concept's zod schema (CaseSchema, SourceSchema, …, whose
 * issues become the file-and-field messages) and added what the build derives (a case's versions,
 * a module's resolved steps), so the store holds exactly the loader's output type: this declares
 * that type to Astro, so that `getCollection` and `getEntry` return it without casts.
 */
const loadedAs = <T extends object>() => z.custom<T>((value) => typeof value === 'object' && value !== null);

/** Puts a loader's validated entries in the store, replacing what an earlier run left. */
function storeAll<T extends object>(store: DataStore, entries: readonly T[], idOf: (entry: T) => string): void {
  store.clear();
  for (const entry of entries) store.set({ id: idOf(entry), data: { ...entry } as Record<string, unknown> });
}

// Cases and sources go through our own loader so that the build fails with the same
// file-and-field messages the tests pin, and so that cross-references are checked across files.
let loaded: Promise<CourseContent> | undefined;
const course = () => (loaded ??= Promise.resolve().then(() => loadCourseContent(contentDir, root)));

const cases = defineCollection({
  loader: {
    name: 'calx-cases',
    load: async ({ store }) => {
      storeAll(store, (await course()).cases, (c) => c.slug);
    },
  },
  schema: loadedAs<CaseDefinition>(),
});

const sources = defineCollection({
  loader: {
    name: 'calx-sources',
    load: async ({ store }) => {
      storeAll(store, (await course()).sources, (s) => s.id);
    },
  },
  schema: loadedAs<SourceEntry>(),
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
      storeAll(store, await disagreementList(), (d) => d.id);
    },
  },
  schema: loadedAs<Disagreement>(),
});

// The question bank is checked against the loaded cases, sources and disagreements (item case slugs, findings, evidence sources, links).
let bank: Promise<QuestionBank> | undefined;
const questionBank = () =>
  (bank ??= Promise.all([course(), disagreementList()]).then(([{ cases, sources }, list]) =>
    loadQuestionBank(
      contentDir,
      { caseSlugs: new Set(cases.map((c) => c.slug)), sourceIds: new Set(sources.map((s) => s.id)), disagreementIds: new Set(list.map((d) => d.id)), cases },
      root,
    ),
  ));

/** One entry per topic file (`content/questions/<id>.yaml`), the id being its quiz URL. */
const questions = defineCollection({
  loader: {
    name: 'calx-questions',
    load: async ({ store }) => {
      storeAll(store, (await questionBank()).topics, (t) => t.id);
    },
  },
  schema: loadedAs<QuestionTopic>(),
});

/** One entry per learning objective in `content/objectives.yaml`. */
const objectives = defineCollection({
  loader: {
    name: 'calx-objectives',
    load: async ({ store }) => {
      storeAll(store, (await questionBank()).objectives, (o) => o.id);
    },
  },
  schema: loadedAs<Objective>(),
});

// Faculty content: modules (content/modules/<slug>.yaml) and instructor notes (content/instructor/<case>.yaml),
// checked against the cases, lessons, quizzes and sources with the same file-and-field errors.
let faculty: Promise<FacultyContent> | undefined;
const facultyContent = () =>
  (faculty ??= Promise.all([course(), questionBank()]).then(([{ cases, sources }, { topics }]) =>
    loadFacultyContent(contentDir, { cases, sources, topics }, root),
  ));

/** One entry per module, the id being its URL (`/modules/<id>/`). */
const modules = defineCollection({
  loader: {
    name: 'calx-modules',
    load: async ({ store }) => {
      storeAll(store, (await facultyContent()).modules, (m) => m.slug);
    },
  },
  schema: loadedAs<ModuleEntry>(),
});

/** One entry per case with instructor notes (discussion questions, best path), the id being the case slug. */
const instructor = defineCollection({
  loader: {
    name: 'calx-instructor',
    load: async ({ store }) => {
      storeAll(store, (await facultyContent()).instructor, (n) => n.case);
    },
  },
  schema: loadedAs<InstructorNotes>(),
});

export const collections = { cases, sources, lessons, guides, questions, objectives, modules, instructor, disagreements };

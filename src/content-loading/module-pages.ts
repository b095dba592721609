import { getCollection } from 'astro:content';
import type { ModuleEntry } from './load-modules';
import type { ModuleStepRef } from '../faculty/module-progress';
import { getCases } from './course';
import { getTopics } from './quiz-pages';

/** Typed access to the modules for pages (the loader validated them already), and their steps resolved. */
export async function getModules(): Promise<ModuleEntry[]> {
  return (await getCollection('modules')).map((e) => e.data).sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
}

/** One step of a module, ready to list. */
/** The static paths of the module pages (learner and instructor): one per module, with the module as its prop. */
export async function modulePaths() {
  return (await getModules()).map((m) => ({ params: { slug: m.slug }, props: { module: m } }));
}

/** How a step's kind reads on the module pages. */
export const STEP_KIND_LABEL = { case: 'Case', lesson: 'Lesson', quiz: 'Quiz' } as const;

export interface ResolvedStep {
  kind: 'case' | 'lesson' | 'quiz';
  id: string;
  title: string;
  /** The learner's page for the step (relative to the site base). */
  href: string;
  /** The instructor page, for cases. */
  instructorHref?: string;
  /** A short line: time or number of questions. */
  detail: string;
  /** What the progress reader needs. */
  ref: ModuleStepRef;
}

export async function resolveSteps(m: ModuleEntry, base: string): Promise<ResolvedStep[]> {
  const cases = new Map((await getCases()).map((c) => [c.slug, c]));
  const topics = new Map((await getTopics()).map((t) => [t.id, t]));
  const guides = new Map((await getCollection('guides')).map((g) => [g.id, g]));
  return m.items.map((item): ResolvedStep => {
    switch (item.kind) {
      case 'case': {
        const c = cases.get(item.slug)!;
        return {
          kind: 'case',
          id: c.slug,
          title: c.title,
          // A module in test mode links its cases in that mode (the player reads it from the address).
          href: `${base}cases/${c.slug}/${m.caseMode === 'test' ? '?mode=test' : ''}`,
          instructorHref: `${base}instructor/cases/${c.slug}/`,
          detail: `Case simulation, about ${c.estimatedMinutes} minutes`,
          ref: { kind: 'case', id: c.slug, version: c.version },
        };
      }
      case 'lesson': {
        const g = guides.get(item.slug);
        return {
          kind: 'lesson',
          id: item.slug,
          title: g?.data.title ?? item.slug,
          href: `${base}lessons/${item.slug}/`,
          detail: 'Lesson (not scored)',
          ref: { kind: 'lesson', id: item.slug },
        };
      }
      case 'quiz': {
        const t = topics.get(item.topic)!;
        return {
          kind: 'quiz',
          id: t.id,
          title: t.title,
          href: `${base}quizzes/${t.id}/`,
          detail: `Quiz, ${t.items.length} questions`,
          ref: { kind: 'quiz', id: t.id },
        };
      }
    }
  });
}

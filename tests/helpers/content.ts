import { fileURLToPath } from 'node:url';
import { loadCourseContent } from '../../src/content-loading/load-content';
import type { CaseDefinition } from '../../src/schemas/case';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
import { resolve } from 'node:path';

/** The content under test: CALX_CONTENT_DIR (as for the build) or the project's content folder. */
export const contentDir = resolve(projectRoot, process.env.CALX_CONTENT_DIR ?? 'content');
export const course = loadCourseContent(contentDir, projectRoot);

export function caseBySlug(slug: string): CaseDefinition {
  const found = course.cases.find((c) => c.slug === slug);
  if (!found) throw new Error(`no case ${slug}`);
  return found;
}

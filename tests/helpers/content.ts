import { fileURLToPath } from 'node:url';
import { loadCourseContent } from '../../src/utils/load-content';
import type { CaseDefinition } from '../../src/schemas/case';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const course = loadCourseContent(`${projectRoot}content`, projectRoot);

export function caseBySlug(slug: string): CaseDefinition {
  const found = course.cases.find((c) => c.slug === slug);
  if (!found) throw new Error(`no case ${slug}`);
  return found;
}

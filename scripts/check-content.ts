/** Validates all course content and prints a one-line summary, or the problems and exit code 1. */
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { loadCourseContent } from '../src/utils/load-content';
import { ContentError } from '../src/utils/content-errors';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
try {
  const { sources, cases } = loadCourseContent(resolve(root, process.env.CALX_CONTENT_DIR ?? 'content'), root);
  console.log(`content ok: ${cases.length} case(s), ${sources.length} source(s)`);
} catch (e) {
  if (!(e instanceof ContentError)) throw e;
  console.error(e.message);
  process.exit(1);
}

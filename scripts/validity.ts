/**
 * `npm run validity`: the validity table per case (best path, search, blind guess, shotgun, hedge,
 * random play, the treating team's path). `--json <file>` also writes the rows; `--walks N` sets the
 * number of random walks (default 1,000).
 */
import { resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCourseContent } from '../src/content-loading/load-content';
import { readInstructorNotes } from '../src/content-loading/load-instructor';
import { validityRow, type PolicyResult } from '../src/scoring/validity';

const root = fileURLToPath(new URL('../', import.meta.url));
const contentDir = resolve(root, process.env.CALX_CONTENT_DIR ?? 'content');
const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const walks = Number(arg('--walks') ?? 1000);
const course = loadCourseContent(contentDir, root);
const { notes } = readInstructorNotes(contentDir, course.cases, new Set(course.sources.map((s) => s.id)), root);

const cell = (p: PolicyResult) => `${p.total}${p.flags.length ? ` (${p.flags.join(', ')})` : ''}`;
const rows = course.cases.map((def) => {
  const best = notes.find((n) => n.case === def.slug)?.bestPath.map((s) => s.event);
  if (!best) throw new Error(`no instructor best path for ${def.slug}`);
  return validityRow(def, best, walks);
});
console.log('| case | best | search (gain over best) | blind guess | shotgun | hedge | random mean | team path |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const r of rows) {
  const search = `${r.search.total} (${r.search.gainOverBest >= 0 ? '+' : ''}${r.search.gainOverBest})`;
  console.log(`| ${r.case} | ${cell(r.best)} | ${search} | ${cell(r.blind)} | ${cell(r.shotgun)} | ${cell(r.hedge)} | ${r.random.mean} | ${cell(r.team)} |`);
}
const json = arg('--json');
if (json) writeFileSync(json, JSON.stringify(rows, null, 2));

/**
 * `npm run validity`: the validity table per case (best path, search, blind guess, shotgun, hedge,
 * random play, the treating team's path), built from the same figures that `npm run check:content`
 * prints and `tests/unit/validity.test.ts` asserts (src/scoring/validity-figures.ts), so the three
 * agree. `--json <file>` also writes the figures; `--walks N` sets the number of random plays (default
 * `DEFAULT_WALKS`). Exits 1, naming each figure outside its limit, when any case fails one.
 */
import { resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCourseContent } from '../src/content-loading/load-content';
import { readInstructorNotes } from '../src/content-loading/load-instructor';
import { DEFAULT_WALKS, formatFigure, validityFigures, type ValidityFigure } from '../src/scoring/validity-figures';

const root = fileURLToPath(new URL('../', import.meta.url));
const contentDir = resolve(root, process.env.CALX_CONTENT_DIR ?? 'content');
const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const walks = Number(arg('--walks') ?? DEFAULT_WALKS);
if (!Number.isInteger(walks) || walks < 1) {
  console.error(`--walks must be a whole number of at least 1, not "${arg('--walks')}"`);
  process.exit(2);
}
const course = loadCourseContent(contentDir, root);
const { notes } = readInstructorNotes(contentDir, course.cases, new Set(course.sources.map((s) => s.id)), root);

const rows = course.cases.map((def) => {
  const best = notes.find((n) => n.case === def.slug)?.bestPath.map((s) => s.event);
  if (!best) throw new Error(`no instructor best path for ${def.slug}`);
  return { case: def.slug, figures: validityFigures(def, best, { walks }) };
});

/** A figure as a table cell: its value, with the flags its play raised. */
const cell = (figures: readonly ValidityFigure[], id: ValidityFigure['id']) => {
  const f = figures.find((x) => x.id === id);
  if (!f) return '—';
  const flags = f.flags?.length ? ` (${f.flags.join(', ')})` : '';
  return `${f.value}${flags}${f.pass ? '' : ' ✗'}`;
};
const gain = (figures: readonly ValidityFigure[]) => {
  const search = figures.find((f) => f.id === 'search');
  const best = figures.find((f) => f.id === 'best');
  if (!search || !best) return '—';
  const g = Math.round((search.value - best.value) * 10) / 10;
  return `${search.value} (${g >= 0 ? '+' : ''}${g})${search.pass ? '' : ' ✗'}`;
};

console.log(`Validity figures, ${walks} seeded random plays per case (✗: outside its limit; README "Validity")`);
console.log('| case | best | search (gain over best) | blind guess | shotgun | hedge | random mean | team path |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const { case: slug, figures } of rows) {
  const cells = [cell(figures, 'best'), gain(figures), ...(['blind', 'shotgun', 'hedge', 'random', 'team'] as const).map((id) => cell(figures, id))];
  console.log(`| ${slug} | ${cells.join(' | ')} |`);
}
const json = arg('--json');
if (json) writeFileSync(json, JSON.stringify(rows, null, 2));

const failed = rows.flatMap((r) => r.figures.filter((f) => !f.pass).map((f) => `${r.case}: ${formatFigure(f)}`));
if (failed.length) {
  console.error(`\n${failed.length} figure(s) outside their limits:\n${failed.join('\n')}`);
  process.exit(1);
}

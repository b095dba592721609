/**
 * Holds every source line to 160 characters (`npm run lint`, part of `npm test`). Biome's formatter wraps code
 * at 160; this check also holds what it cannot wrap: long strings and comments, CSS and .astro templates.
 * Checked: the files git knows (tracked or new, not ignored) under src/, scripts/, tests/ and the
 * configuration files at the root, by extension; test fixtures and generated files are not.
 * Prints each line over the limit as `file:line (length)` and exits 1.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const LINE_LIMIT = 160;
const CHECKED = /\.(?:ts|tsx|astro|mjs|cjs|js|css)$/;
const SKIPPED = /^tests\/fixtures\//;

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', 'src', 'scripts', 'tests', '*.ts', '*.mjs', '*.cjs'], {
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => CHECKED.test(f) && !SKIPPED.test(f));

const over: string[] = [];
for (const file of new Set(files)) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue; // deleted in the work tree, not yet in the index
  }
  text.split('\n').forEach((line, i) => {
    const length = [...line].length;
    if (length <= LINE_LIMIT) return;
    over.push(`${file}:${i + 1} (${length} characters)`);
  });
}

if (over.length) {
  console.error(`${over.length} line(s) over ${LINE_LIMIT} characters:\n${over.join('\n')}`);
  process.exit(1);
}
console.log(`line limit: no line over ${LINE_LIMIT} characters (${files.length} files checked)`);

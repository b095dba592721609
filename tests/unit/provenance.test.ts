import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import YAML from 'yaml';
import { contentDir, course, projectRoot } from '../helpers/content';
import { normalise, quotesIn, seedText, seedsDir, seedsPresent, seedsSkipReason } from '../helpers/seeds';

const seedOf = new Map(course.sources.map((s) => [s.id, s.seed]));

/** Every content file that can carry quotes: the diagnosis list, cases (their own data), and the question bank where present. */
function quoteSources(): { file: string; data: unknown }[] {
  const files: { file: string; data: unknown }[] = [
    { file: 'content/diagnoses.yaml', data: course.diagnoses },
    ...course.cases.map((c) => ({ file: `content/cases/${c.slug}/case.yaml`, data: { ...c, diagnoses: [] } })),
  ];
  const qdir = join(contentDir, 'questions');
  if (existsSync(qdir)) {
    for (const f of readdirSync(qdir).filter((n) => n.endsWith('.yaml'))) files.push({ file: `content/questions/${f}`, data: YAML.parse(readFileSync(join(qdir, f), 'utf8')) });
  }
  return files;
}

describe('provenance', () => {
  it('fails in CI when the seed documents are missing, rather than skipping silently', () => {
    if (process.env.CI && !process.env.CALX_ALLOW_MISSING_SOURCES) expect(seedsPresent, seedsSkipReason ?? '').toBe(true);
  });

  for (const { file, data } of quoteSources()) {
    it(`every quote in ${file} is verbatim in its seed and under 12 words`, (ctx) => {
      if (!seedsPresent) return ctx.skip(seedsSkipReason!);
      const problems: string[] = [];
      for (const q of quotesIn(data)) {
        const seed = seedOf.get(q.source);
        if (!seed) {
          problems.push(`${q.path}: unknown source "${q.source}"`);
          continue;
        }
        const words = q.quote.split(/\s+/).filter(Boolean).length;
        if (words >= 12) problems.push(`${q.path}: quote has ${words} words (fewer than 12 keep it a citation)`);
        if (!seedText(seed).includes(normalise(q.quote))) problems.push(`${q.path}: not found in ${seed}: "${q.quote}"`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('every reported value and finding carries a quote', () => {
    const missing = course.cases.flatMap((c) => c.findings.filter((f) => !f.evidence.quote).map((f) => `${c.slug}: ${f.id}`));
    expect(missing).toEqual([]);
  });
});

describe('our own words', () => {
  it('copycheck finds no run of 12 or more words copied from the seeds, except exact paper titles in source records', (ctx) => {
    if (!seedsPresent) return ctx.skip(seedsSkipReason!);
    const tool = join(seedsDir, '../tools/copycheck');
    if (!existsSync(tool)) return ctx.skip(`copycheck not found at ${tool}`);
    const result = spawnSync('python3', [tool, 'content', 'src'], { cwd: projectRoot, encoding: 'utf8' });
    const titles = new Set(course.sources.map((s) => normalise(s.title).replace(/[^a-z0-9 ]/g, '')));
    const runs = result.stdout.split('\n').filter((l) => / copied \d+ words: /.test(l));
    // A citation must reproduce a paper's title exactly; it is the only copying allowed.
    const unexplained = runs.filter((line) => {
      const [, file, words] = /^(.+?):\d+: copied \d+ words: (.*)$/.exec(line) ?? [];
      return !(file?.startsWith('content/sources/') && titles.has(words!.trim()));
    });
    expect(unexplained).toEqual([]);
    expect(result.stdout).toMatch(/copycheck: \d+ copied run\(s\)/);
  });
});

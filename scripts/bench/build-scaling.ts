/**
 * Build scaling: cold `astro build` of the real course and of 50 and 500 generated cases, each into
 * temporary folders (content, output, cache), reported per case so the growth is visible.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUDGETS } from '../../src/performance/budgets';
import { generateCourse } from './generate-cases';
import { fmtMs, fmtS, projectRoot, timedBuild, type BuildResult, type Report } from './lib';

const SECTION = 'build (cold, astro build)';

export function caseCount(contentDir: string): number {
  try {
    return readdirSync(join(contentDir, 'cases'), { withFileTypes: true }).filter((d) => d.isDirectory()).length;
  } catch {
    return 0;
  }
}

export function reportBuild(report: Report, label: string, cases: number, b: BuildResult, budgetMs?: number): void {
  const per = cases ? `${fmtMs(b.ms / cases)} per case` : '';
  const note = [per, `${b.pages} pages`, b.pages ? `${fmtMs(b.ms / b.pages)} per page` : ''].filter(Boolean).join(', ');
  if (!b.ok) {
    report.add({
      section: SECTION,
      figure: label,
      value: '—',
      budget: budgetMs ? `≤ ${fmtS(budgetMs)}` : '',
      status: 'failed',
      note: b.output.trim().split('\n').slice(-4).join(' | '),
    });
  } else if (budgetMs !== undefined) report.budgeted(SECTION, label, b.ms, budgetMs, fmtS, { note });
  else report.info(SECTION, label, fmtS(b.ms), note);
}

/** Builds `count` generated cases in a fresh temporary folder, and removes it afterwards unless `keep`. */
export async function buildGenerated(count: number, keep: boolean, log: (s: string) => void): Promise<BuildResult> {
  const work = mkdtempSync(join(tmpdir(), `calx-bench-gen${count}-`));
  try {
    const content = join(work, 'content');
    generateCourse(content, count);
    log(`build: ${count} generated cases in ${content}`);
    return await timedBuild(work, content);
  } finally {
    if (keep) log(`build: kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

export async function benchBuildScaling(
  report: Report,
  real: { result: BuildResult; cases: number } | undefined,
  sizes: readonly number[],
  keep: boolean,
  log: (s: string) => void,
): Promise<void> {
  if (real) reportBuild(report, `real course (${real.cases} cases)`, real.cases, real.result);
  const done: { n: number; b: BuildResult }[] = [];
  for (const n of sizes) {
    const b = await buildGenerated(n, keep, log);
    log(`build: ${n} generated cases: ${fmtS(b.ms)}${b.ok ? '' : ' (FAILED)'}`);
    reportBuild(report, `${n} generated cases`, n, b, n === 500 ? BUDGETS.build500Ms : undefined);
    if (b.ok) done.push({ n, b });
  }
  // The growth: what each further case costs between the smallest and the largest generated course.
  const [small, large] = [done[0], done.at(-1)];
  if (small && large && large.n > small.n)
    report.info(
      SECTION,
      `each further case, ${small.n} → ${large.n}`,
      fmtMs((large.b.ms - small.b.ms) / (large.n - small.n)),
      `(${fmtS(large.b.ms)} − ${fmtS(small.b.ms)}) / ${large.n - small.n} cases; the fixed cost is ` +
        `about ${fmtS(small.b.ms - (small.n * (large.b.ms - small.b.ms)) / (large.n - small.n))}`,
    );
}

export const realContentDir = () => join(projectRoot, process.env.CALX_CONTENT_DIR ?? 'content');

/**
 * Lighthouse (its default mobile preset: a Moto G Power-sized screen, simulated slow 4G and 4x CPU
 * slowdown) on one page of each type, through its CLI with the system Chromium.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUDGETS } from '../../src/performance/budgets';
import { CHROME_FLAGS, chromiumPath, fmtMs, median, projectRoot, representative, type PageGroup, type Report } from './lib';

const SECTION = 'lighthouse (mobile)';

interface LhResult {
  version: string;
  scores: { performance: number; accessibility: number; 'best-practices': number; seo: number };
  lcp: number;
  tbt: number;
  cls: number;
  benchmarkIndex: number;
  failing: string[];
}

interface LhJson {
  lighthouseVersion: string;
  runtimeError?: { message: string };
  environment: { benchmarkIndex: number };
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { numericValue?: number; score: number | null; scoreDisplayMode: string }>;
}

async function runOnce(url: string, work: string, i: number): Promise<LhResult> {
  const out = join(work, `lh-${i}.json`);
  const args = [
    join(projectRoot, 'node_modules/lighthouse/cli/index.js'),
    url,
    '--output=json',
    `--output-path=${out}`,
    '--quiet',
    '--only-categories=performance,accessibility,best-practices,seo',
    `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
  ];
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (chromiumPath) env.CHROME_PATH = chromiumPath;
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code: number = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`lighthouse exited ${code}: ${err.trim().split('\n').slice(-3).join(' ')}`);
  const r = JSON.parse(readFileSync(out, 'utf8')) as LhJson;
  if (r.runtimeError) throw new Error(`lighthouse: ${r.runtimeError.message}`);
  const score = (id: string) => Math.round((r.categories[id]?.score ?? Number.NaN) * 100);
  const failing = ['accessibility', 'best-practices', 'seo'].flatMap((cat) =>
    (r.categories[cat]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && r.audits[ref.id]?.scoreDisplayMode === 'binary' && r.audits[ref.id]?.score === 0)
      .map((ref) => ref.id),
  );
  return {
    version: r.lighthouseVersion,
    scores: { performance: score('performance'), accessibility: score('accessibility'), 'best-practices': score('best-practices'), seo: score('seo') },
    lcp: r.audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
    tbt: r.audits['total-blocking-time']?.numericValue ?? Number.NaN,
    cls: r.audits['cumulative-layout-shift']?.numericValue ?? Number.NaN,
    benchmarkIndex: r.environment.benchmarkIndex,
    failing,
  };
}

/**
 * `runsFor(group)` runs per page; with several, the run with the median performance score is
 * reported (its metrics with it), and the spread is noted.
 */
export async function benchLighthouse(
  report: Report,
  origin: string,
  groups: readonly PageGroup[],
  runsFor: (g: PageGroup) => number,
  log: (s: string) => void,
): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'calx-bench-lh-'));
  let version = '';
  try {
    for (const group of groups) {
      const path = representative(group);
      if (!path) {
        report.add({ section: SECTION, figure: group.type, value: '—', budget: '', status: 'not built', note: 'no such page in the build yet' });
        continue;
      }
      const runs: LhResult[] = [];
      const n = runsFor(group);
      for (let i = 0; i < n; i++) {
        try {
          runs.push(await runOnce(`${origin}${path}`, work, runs.length));
        } catch (e) {
          log(`lighthouse: ${path} run ${i + 1} failed: ${(e as Error).message}`);
        }
      }
      if (runs.length === 0) {
        report.add({
          section: SECTION,
          figure: `${group.type}: ${path}`,
          value: '—',
          budget: '',
          status: 'failed',
          note: 'every Lighthouse run failed (see the log above)',
        });
        continue;
      }
      version = runs[0]!.version;
      const perf = runs.map((r) => r.scores.performance);
      const mid = median(perf);
      const r = runs.find((x) => x.scores.performance === mid)!;
      log(`lighthouse: ${group.type} ${path}: performance ${perf.join(', ')}`);
      const spread = runs.length > 1 ? `median of ${runs.length} runs (${perf.join(', ')})` : '1 run';
      report.budgeted(SECTION, `${group.type} ${path}: performance`, r.scores.performance, BUDGETS.lighthousePerformance, String, {
        atLeast: true,
        note: `${spread}; benchmarkIndex ${Math.round(r.benchmarkIndex)}`,
      });
      report.budgeted(SECTION, `${group.type}: accessibility`, r.scores.accessibility, BUDGETS.lighthouseAccessibility, String, {
        atLeast: true,
        ...(r.failing.length ? { note: `failing: ${r.failing.join(', ')}` } : {}),
      });
      report.info(SECTION, `${group.type}: best practices · SEO`, `${r.scores['best-practices']} · ${r.scores.seo}`);
      report.info(SECTION, `${group.type}: LCP · TBT · CLS`, `${fmtMs(r.lcp)} · ${fmtMs(r.tbt)} · ${r.cls.toFixed(3)}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (version)
    report.notes.push(`Lighthouse ${version} (the installed version; the issue asks for 13, see package.json), mobile preset, simulated throttling.`);
}

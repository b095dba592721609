/**
 * npm run bench [-- options]
 *
 * Builds the course into a temporary folder (timed, cold), serves it with `astro preview` on a free
 * loopback port, and prints every figure of issue 6 beside its budget:
 *
 *   engine      compile, one transition, replay, persist/restore, the model-based path check (Node)
 *   bytes       gzipped bytes fetched per page type, every island hydrated (Chromium)
 *   latency     click on an order → its result on screen, CPU throttled 4x (Chromium)
 *   lighthouse  Lighthouse mobile scores and LCP/TBT/CLS, one page per type
 *   build       cold build time: the real course, 50 and 500 generated cases
 *
 * Options:
 *   --only a,b        run only these sections (e.g. --only bytes,engine)
 *   --quick           fewer samples, Lighthouse on home and case only, 50 generated cases only
 *   --dist <dir>      measure an existing build instead of building one (the real-course build time is then not measured)
 *   --lh-runs <n>     Lighthouse runs per page (default: 3 for the case page and 1 for the others; 1 with --quick)
 *   --sizes 50,500    generated course sizes for the build section
 *   --markdown        also print the figures as a Markdown table (for the README)
 *   --json <file>     also write the figures as JSON
 *   --keep            keep the temporary folders
 *   --strict          exit 1 when a budget is missed
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchBuildScaling, caseCount, realContentDir } from './build-scaling';
import { benchBytes } from './bytes';
import { benchEngine } from './engine';
import { benchLatency } from './latency';
import { benchLighthouse } from './lighthouse';
import { chromiumVersion, fmtS, groupPages, machineInfo, previewServer, Report, timedBuild, type BuildResult, type PageGroup, type Server } from './lib';

const SECTIONS = ['engine', 'bytes', 'latency', 'lighthouse', 'build'] as const;
type Section = (typeof SECTIONS)[number];

function parseArgs(argv: readonly string[]) {
  const opts = {
    only: new Set<Section>(SECTIONS),
    quick: false,
    dist: undefined as string | undefined,
    lhRuns: undefined as number | undefined,
    sizes: undefined as number[] | undefined,
    markdown: false,
    json: undefined as string | undefined,
    keep: false,
    strict: false,
  };
  const value = (i: number, name: string) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) usage(`${name} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const arg = (name: string) => inline ?? value(i++, name);
    switch (flag) {
      case '--only': {
        const names = arg('--only')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const bad = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
        if (bad.length) usage(`unknown section ${bad.join(', ')} (sections: ${SECTIONS.join(', ')})`);
        opts.only = new Set(names as Section[]);
        break;
      }
      case '--quick':
        opts.quick = true;
        break;
      case '--dist':
        opts.dist = resolve(arg('--dist'));
        break;
      case '--lh-runs':
        opts.lhRuns = Math.max(1, Number(arg('--lh-runs')) || 1);
        break;
      case '--sizes':
        opts.sizes = arg('--sizes')
          .split(',')
          .map(Number)
          .filter((n) => Number.isInteger(n) && n > 0);
        break;
      case '--markdown':
        opts.markdown = true;
        break;
      case '--json':
        opts.json = resolve(arg('--json'));
        break;
      case '--keep':
        opts.keep = true;
        break;
      case '--strict':
        opts.strict = true;
        break;
      case '--help':
      case '-h':
        return usage();
      default:
        usage(`unknown option ${argv[i]}`);
    }
  }
  return opts;
}

function usage(problem?: string): never {
  const text =
    readFileSync(new URL(import.meta.url), 'utf8')
      .match(/\/\*\*([\s\S]*?)\*\//)?.[1]
      ?.replace(/^ \* ?/gm, '') ?? '';
  process.stderr.write(`${problem ? `bench: ${problem}\n\n` : ''}${text.trim()}\n`);
  process.exit(problem ? 2 : 0);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const log = (s: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}\n`);
  const has = (s: Section) => opts.only.has(s);
  const needsSite = has('bytes') || has('latency') || has('lighthouse');
  const report = new Report();
  const chromium = chromiumVersion();
  const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  log(`${when}; ${machineInfo(chromium)}`);

  const work = mkdtempSync(join(tmpdir(), 'calx-bench-'));
  let server: Server | undefined;
  try {
    // The real course, built cold into a folder of our own (never dist/), unless --dist names a build.
    let dist = opts.dist;
    let real: { result: BuildResult; cases: number } | undefined;
    if ((needsSite && !dist) || has('build')) {
      log('build: the real course (cold)');
      const result = await timedBuild(join(work, 'course'), process.env.CALX_CONTENT_DIR ? realContentDir() : undefined);
      if (!result.ok) throw new Error(`astro build of the course failed:\n${result.output.trim().split('\n').slice(-20).join('\n')}`);
      real = { result, cases: caseCount(realContentDir()) };
      log(`build: ${result.pages} pages in ${fmtS(result.ms)}`);
      dist ??= result.outDir;
    }
    let groups: PageGroup[] = [];
    if (needsSite) {
      if (!dist || !existsSync(join(dist, 'index.html'))) throw new Error(`no built site in ${dist ?? '(none)'}`);
      groups = groupPages(dist);
      server = await previewServer(dist);
      log(`serving ${dist} at ${server.origin}; page types: ${groups.map((g) => `${g.type} ${g.pages.length}`).join(', ')}`);
    }

    if (has('engine')) {
      log('engine');
      benchEngine(report, opts.quick, log);
    }
    if (has('bytes') && server) {
      log('bytes');
      await benchBytes(report, server.origin, groups, log);
      report.notes.push(
        'Bytes: each response body as served, gzipped at level 9 by the benchmark; a fresh browser context (empty cache) per ' +
          'page; the page scrolled to the end so client:visible islands hydrate; a type figure is its largest page. Inline scripts are part ' +
          'of the HTML bytes and listed apart from JS files.',
      );
    }
    if (has('latency') && server) {
      log('latency');
      await benchLatency(
        report,
        server.origin,
        groups.find((g) => g.type === 'case'),
        opts.quick,
        log,
      );
    }
    if (has('lighthouse') && server) {
      log('lighthouse');
      const chosen = opts.quick ? groups.filter((g) => g.type === 'home' || g.type === 'case' || (g.named && g.pages.length === 0)) : groups;
      // Three runs (the median reported) for the simulation page, whose score moves most from run to run; one for the others.
      await benchLighthouse(report, server.origin, chosen, (g) => opts.lhRuns ?? (!opts.quick && g.type === 'case' ? 3 : 1), log);
    }
    if (server) {
      await server.stop();
      server = undefined;
    }
    if (has('build')) {
      log('build scaling');
      await benchBuildScaling(report, real, opts.sizes ?? (opts.quick ? [50] : [50, 500]), opts.keep, log);
    }
  } finally {
    await server?.stop();
    if (opts.keep) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }

  const met = report.rows.filter((r) => r.status === 'met').length;
  const missed = report.rows.filter((r) => r.status === 'MISSED' || r.status === 'failed');
  const out = [
    '',
    `Calx benchmark, ${when}${opts.quick ? ' (--quick)' : ''}`,
    `Machine: ${machineInfo(chromium)}`,
    '',
    report.text(),
    '',
    ...report.notes.map((n) => `Note: ${n}`),
    `Budgets: ${met} met, ${missed.length} missed${missed.length ? ` (${missed.map((r) => `${r.section}: ${r.figure}`).join('; ')})` : ''}` +
      `. Ran in ${fmtS(Date.now() - started)}.`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  if (opts.markdown) process.stdout.write(`\n${report.markdown()}\n`);
  if (opts.json)
    writeFileSync(
      opts.json,
      JSON.stringify({ date: when, machine: machineInfo(chromium), quick: opts.quick, rows: report.rows, notes: report.notes }, null, 2),
    );
  if (opts.strict && missed.length) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

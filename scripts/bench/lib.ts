/**
 * Shared pieces of `npm run bench`: statistics, the report table, page discovery in a build, a
 * timed `astro build` into folders of its own, and a preview server on a free loopback port.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtPages } from '../../src/performance/built-pages';
import { markdownTable } from 'markdown-table';
import { median as ssMedian, quantile } from 'simple-statistics';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const astroBin = join(projectRoot, 'node_modules/astro/bin/astro.mjs');

/** The system Chromium the tests use (as in playwright.config.ts), or undefined for Playwright's own. */
export const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));
/** The flags every Chromium the benchmark starts gets (the tests' flags plus headless=new). */
export const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

// ---------------------------------------------------------------------------------------------
// Statistics: simple-statistics' median and quantile (since 7.x its quantile interpolates linearly
// between the two nearest values, numpy's and R's default, type 7). NaN for no samples, so that an
// empty section reads "failed" rather than a figure.

export const median = (values: readonly number[]): number => (values.length === 0 ? Number.NaN : ssMedian([...values]));
export const p95 = (values: readonly number[]): number => (values.length === 0 ? Number.NaN : quantile([...values], 0.95));

/** Nanoseconds from a monotonic clock. */
export const nowNs = () => process.hrtime.bigint();
export const msSince = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

// ---------------------------------------------------------------------------------------------
// The report: one row per figure, with its budget and whether it is met.

export type Status = 'met' | 'MISSED' | 'not built' | 'n/a' | 'failed';

export interface Row {
  section: string;
  figure: string;
  value: string;
  budget: string;
  status: Status | '';
  note?: string;
}

export class Report {
  readonly rows: Row[] = [];
  readonly notes: string[] = [];

  add(row: Row): void {
    this.rows.push(row);
  }

  /** A figure with a numeric budget: `limit` is a maximum, or a minimum with `atLeast`. */
  budgeted(
    section: string,
    figure: string,
    value: number,
    limit: number,
    format: (n: number) => string,
    opts: { atLeast?: boolean; note?: string } = {},
  ): void {
    const ok = opts.atLeast ? value >= limit : value <= limit;
    const gap = opts.atLeast ? limit - value : value - limit;
    const status: Status = Number.isNaN(value) ? 'failed' : ok ? 'met' : 'MISSED';
    const budget = `${opts.atLeast ? '≥' : '≤'} ${format(limit)}`;
    const note = [!ok && !Number.isNaN(value) ? `over by ${format(gap)}` : '', opts.note ?? ''].filter(Boolean).join('; ');
    this.add({ section, figure, value: format(value), budget, status, ...(note ? { note } : {}) });
  }

  info(section: string, figure: string, value: string, note?: string): void {
    this.add({ section, figure, value, budget: '', status: '', ...(note ? { note } : {}) });
  }

  /** A row's cells; a "|" inside a cell is escaped so that it never splits the table. */
  private static cells(r: Row, withSection: boolean): string[] {
    return [...(withSection ? [r.section] : []), r.figure, r.value, r.budget, r.status, r.note ?? ''].map((c) => c.replace(/\|/g, '\\|'));
  }

  /** For the terminal: one aligned table per section (markdown-table), under the section's name. */
  text(): string {
    const sections = [...new Set(this.rows.map((r) => r.section))];
    return sections
      .map((section) => {
        const rows = this.rows.filter((r) => r.section === section).map((r) => Report.cells(r, false));
        return `${section}\n${markdownTable([['figure', 'measured', 'budget', 'status', 'note'], ...rows], { align: ['l', 'r', 'l', 'l', 'l'] })}`;
      })
      .join('\n\n');
  }

  /** One Markdown table of every figure, for the README. */
  markdown(): string {
    const rows = this.rows.map((r) => Report.cells(r, true));
    return markdownTable([['section', 'figure', 'measured', 'budget', 'status', 'note'], ...rows], {
      align: ['l', 'l', 'r', 'l', 'l', 'l'],
      alignDelimiters: false,
    });
  }
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(ms >= 10 ? 1 : 2)} ms`);
export const fmtUs = (us: number) => `${us.toFixed(us >= 100 ? 0 : 1)} µs`;
export const fmtS = (ms: number) => `${(ms / 1000).toFixed(ms >= 100_000 ? 0 : 1)} s`;

// ---------------------------------------------------------------------------------------------
// The machine the figures were taken on.

export function machineInfo(chromiumVersion?: string): string {
  const mem = `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`;
  const nproc = spawnSync('nproc', { encoding: 'utf8' }).stdout?.trim() || String(cpus().length);
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const load = readFileSafe('/proc/loadavg')?.split(' ').slice(0, 3).join(' ');
  return [
    `nproc ${nproc} (${cpu})`,
    `memory ${mem}`,
    `Node ${process.version}`,
    chromiumVersion ? `Chromium ${chromiumVersion}` : '',
    load ? `load average ${load}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

function readFileSafe(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function chromiumVersion(): string | undefined {
  if (!chromiumPath) return undefined;
  // Debian's wrapper script prints a shell warning on stderr; the version is on stdout.
  const out = spawnSync(chromiumPath, ['--version'], { encoding: 'utf8' }).stdout ?? '';
  return out.match(/\d+\.\d+\.\d+\.\d+/)?.[0];
}

// ---------------------------------------------------------------------------------------------
// Pages of a build, by type.

/** The page types the issue names, in report order, with how a built path is recognised. */
export const PAGE_TYPES = [
  { type: 'home', match: (p: string) => p === '/' },
  { type: 'case', match: (p: string) => /^\/cases\/[^/]+\/$/.test(p) },
  { type: 'lesson', match: (p: string) => /^\/lessons\/[^/]+\/$/.test(p) },
  { type: 'quiz', match: (p: string) => /^\/quizzes\/[^/]+\/$/.test(p) },
  { type: 'progress', match: (p: string) => p === '/progress/' },
  { type: 'instructor', match: (p: string) => p.startsWith('/instructor/') },
  { type: 'class results', match: (p: string) => p.startsWith('/class-results/') },
] as const;

export { builtPages };

export interface PageGroup {
  type: string;
  /** Built pages of this type; empty when the type is not built yet. */
  pages: string[];
  /** One of the types (else a page found in the build that none of them matches). */
  named: boolean;
}

/**
 * Groups the built pages by type: the seven types (empty when not built), then any other
 * page the build holds, grouped by its first path segment (e.g. "/quizzes/" is "quiz list").
 */
export function groupPages(dir: string): PageGroup[] {
  const pages = builtPages(dir);
  const groups: PageGroup[] = PAGE_TYPES.map(({ type, match }) => ({ type, pages: pages.filter(match), named: true }));
  const claimed = new Set(groups.flatMap((g) => g.pages));
  const others = new Map<string, string[]>();
  for (const p of pages) {
    if (claimed.has(p)) continue;
    const name = p === '/quizzes/' ? 'quiz list' : (p.split('/')[1] ?? p);
    others.set(name, [...(others.get(name) ?? []), p]);
  }
  for (const [type, list] of others) groups.push({ type, pages: list, named: false });
  return groups;
}

/** The page of a group Lighthouse and the latency runs use: the course's first case, else the first page. */
export function representative(group: PageGroup): string | undefined {
  if (group.type === 'case') return group.pages.find((p) => p === '/cases/liver-transplant-calcification/') ?? group.pages[0];
  return group.pages[0];
}

// ---------------------------------------------------------------------------------------------
// Building and serving.

export interface BuildResult {
  ms: number;
  ok: boolean;
  pages: number;
  output: string;
  /** Where the site was written. */
  outDir: string;
}

/** What a build reads from the project: copied into a snapshot so that a build sees one consistent tree. */
const SNAPSHOT = ['src', 'public', 'content', 'astro.config.mjs', 'package.json', 'tsconfig.json'];

/**
 * A cold `astro build` (fresh cache) in a snapshot of the project under `work`, timed.
 *
 * Why a snapshot rather than the project folder with CALX_OUT_DIR: Astro writes two things outside
 * the out and cache folders. With an out folder outside the working directory, the prerender
 * bundle goes to `<cwd>/.astro/.prerender/`; and the content module map always goes to
 * `<root>/.astro/content-modules.mjs`. Two builds at once in the project (others' tests, or a
 * build of generated cases) would overwrite each other's. In a copy of src/, public/, content/ and
 * the config, with node_modules linked, the build is alone, and others' edits made while it runs
 * do not change what is measured. The copy is not timed.
 */
export async function timedBuild(work: string, contentDir?: string): Promise<BuildResult> {
  const root = join(work, 'root');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  for (const name of SNAPSHOT) if (existsSync(join(projectRoot, name))) cpSync(join(projectRoot, name), join(root, name), { recursive: true });
  symlinkSync(join(projectRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  const outDir = join(root, 'dist');
  const cacheDir = join(work, 'cache');
  rmSync(cacheDir, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, CALX_OUT_DIR: outDir, CALX_CACHE_DIR: cacheDir, FORCE_COLOR: '0', ASTRO_TELEMETRY_DISABLED: '1' };
  if (contentDir) env.CALX_CONTENT_DIR = contentDir;
  else delete env.CALX_CONTENT_DIR;
  const start = nowNs();
  const child = spawn(process.execPath, [astroBin, 'build'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code: number = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  const ms = msSince(start);
  const pages = Number(output.match(/(\d+) page\(s\) built/)?.[1] ?? 0);
  return { ms, ok: code === 0, pages, output, outDir };
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** The first free loopback port from `from` (4382 and up by default, clear of the dev server and the e2e tests). */
export async function freePort(from = 4382): Promise<number> {
  for (let p = from; p < from + 200; p++) if (await portFree(p)) return p;
  throw new Error(`no free port from ${from}`);
}

export interface Server {
  origin: string;
  stop(): Promise<void>;
}

/** `astro preview` of a build folder on a free loopback port; resolves once it answers. */
export async function previewServer(outDir: string, fromPort?: number): Promise<Server> {
  const port = await freePort(fromPort);
  const child: ChildProcess = spawn(process.execPath, [astroBin, 'preview', '--ignore-lock', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: projectRoot,
    env: { ...process.env, CALX_OUT_DIR: outDir, FORCE_COLOR: '0', ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`astro preview exited (${child.exitCode}):\n${log}`);
    try {
      const res = await fetch(`${origin}/`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`astro preview did not answer on ${origin} within 30 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    origin,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

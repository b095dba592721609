import { parse as parseYamlText } from 'yaml';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeXML, escapeUTF8 } from 'entities';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { ModuleItem } from '../../schemas/module';
import { lessonSlugsIn, loadModules, type ModuleEntry } from '../../content-loading/load-modules';
import { PLAY_MODE_META, PLAY_MODE_TEXT } from '../../schemas/play-mode';
import { manifestFor, SCHEMA_FILES, SCHEMA_LOCATIONS, type ScormEdition } from './manifest';
import { absoluteUrls, parsePage, rewriteCssUrls, rewriteHtml, rewriteJs, serializePage, type RewriteContext } from './relative-urls';
import type { PackageConfig, PackageStep } from '../state';
import { schemaFiles, validateManifest } from './validate-manifest';

/**
 * Builds a module's SCORM packages from the built site (`astro build` output): the module's pages
 * (its cases, lessons and quizzes, plus the about page with the sources and licences, and the review
 * deck when the module has a quiz), the assets they use, an overview page, the entry page (the SCO)
 * with the runtime, the manifest and the ADL/IMS control files. Every root-relative
 * URL becomes relative, so the package works from any path. Node only.
 */

const here = dirname(fileURLToPath(import.meta.url));
export const PROJECT_ROOT = resolve(here, '..', '..', '..');

export const ENTRY = 'index.html';
export const OVERVIEW = 'module/index.html';
export const RUNTIME = 'scorm-runtime.js';
export const EDITIONS: readonly ScormEdition[] = ['1.2', '2004'];

export const zipName = (slug: string, edition: ScormEdition) => `calx-${slug}-scorm${edition === '1.2' ? '12' : '2004'}.zip`;

/** The files of a built site, as package paths (`cases/x/index.html`), and its pages (`/cases/x/`). */
export interface BuiltSite {
  dir: string;
  files: Set<string>;
  pages: Set<string>;
}

export function readSite(dir: string): BuiltSite {
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`${dir} holds no built site (no index.html): build it first (npm run build)`);
  const files = new Set<string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.add(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  const pages = new Set([...files].filter((f) => f.endsWith('/index.html') || f === 'index.html').map((f) => `/${f.slice(0, -'index.html'.length)}`));
  return { dir, files, pages };
}

/** The site page of a module step. */
export function stepPage(item: ModuleItem): string {
  return item.kind === 'case' ? `/cases/${item.slug}/` : item.kind === 'lesson' ? `/lessons/${item.slug}/` : `/quizzes/${item.topic}/`;
}

const pageFile = (page: string) => `${page.slice(1)}index.html`;

/** Text and attribute values written into the overview and entry pages. */
const esc = escapeUTF8;

/** A page's title without the site suffix. */
export function pageTitle(html: string): string {
  return (parsePage(html).querySelector('title')?.textContent ?? '').replace(/\s*·\s*Calx\s*$/, '').trim();
}

/** The site header's home link, which in a package leads to the module overview: named so. */
function labelHomeLink(document: Document, current = false) {
  for (const link of document.querySelectorAll('li > a[href="/"]')) {
    if (link.textContent !== 'Cases') continue;
    link.textContent = 'Module';
    if (current) link.setAttribute('aria-current', 'page');
  }
}

/** The overview page: the about page's frame (header, styles, footer) around the module's description. */
function overviewPage(template: string, main: string, module: ModuleEntry): string {
  const document = parsePage(template);
  const title = document.querySelector('title');
  if (title) title.textContent = `${module.title} · Calx`;
  document.querySelector('meta[name="description"]')?.setAttribute('content', module.description);
  for (const el of document.querySelectorAll('[aria-current="page"]')) el.removeAttribute('aria-current');
  labelHomeLink(document, true);
  const current = document.querySelector('main');
  current?.insertAdjacentHTML('afterend', main);
  current?.remove();
  return serializePage(document);
}

const KIND_LABEL: Record<ModuleItem['kind'], string> = { case: 'case simulation', lesson: 'lesson', quiz: 'quiz' };

function overviewMain(module: ModuleEntry, steps: PackageStep[], sitePage: (s: PackageStep) => string): string {
  const mode = PLAY_MODE_TEXT[module.caseMode];
  const objectives = module.objectives.map((o) => `<li>${esc(o)}</li>`).join('');
  const stepItems = steps.map((s) => `<li><a href="${sitePage(s)}">${esc(s.title)}</a> (${KIND_LABEL[s.kind]})</li>`).join('');
  return `<main id="main" tabindex="-1">
<p class="eyebrow">Module · about ${module.estimatedMinutes} minutes · pass mark ${module.passMark}%</p>
<h1>${esc(module.title)}</h1>
<p class="lede">${esc(module.description)}</p>
<p><strong>For:</strong> ${esc(module.audience)}</p>
<p class="module-mode"><strong>Cases are played in ${mode.name.toLowerCase()}:</strong> ${esc(mode.detail)}</p>
<section aria-labelledby="objectives-heading"><h2 id="objectives-heading">Learning objectives</h2><ul>${objectives}</ul></section>
<section aria-labelledby="steps-heading"><h2 id="steps-heading">Steps</h2><ol class="module-steps">${stepItems}</ol></section>
<section aria-labelledby="result-heading"><h2 id="result-heading">Your result</h2>
<p>Your module score is the mean of your best score in each case and quiz (a step not yet done counts 0). The module is passed when every case
and quiz is done and that mean reaches the pass mark of ${module.passMark}%. Lessons are not scored.</p>
<p>Your progress is kept in this browser as you go and, when the module runs in a learning management system (LMS), saved to it too, so that
you can stop and resume later, even on another computer. The line at the top of the module says whether it is connected to an LMS and whether
your last step has been saved.</p></section>
</main>`;
}

function entryPage(config: PackageConfig, stylesheets: string[], description: string): string {
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  const steps = config.steps
    .map((s, i) => {
      const link = `<a href="${esc(s.href)}" target="calx-step">${i + 1}. ${esc(s.title)}</a>`;
      return `<li data-step="${s.kind}:${esc(s.id)}" data-state="not-started">${link} <span class="step-state">not started</span></li>`;
    })
    .join('\n        ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="description" content="${esc(description)}">
    <title>${esc(config.title)} · Calx</title>
    <link rel="icon" href="favicon.svg" type="image/svg+xml">
${stylesheets.map((h) => `    <link rel="stylesheet" href="${esc(h)}">`).join('\n')}
    <style>
      html, body.scorm-entry { height: 100%; margin: 0; }
      body.scorm-entry { display: flex; flex-direction: column; }
      .scorm-bar { padding: 0.5rem 1rem; border-bottom: 1px solid #c8c8c8; background: #f6f6f4; }
      .scorm-bar h1 { font-size: 1.15rem; margin: 0 0 0.25rem; }
      .scorm-steps { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; list-style: none; margin: 0; padding: 0; font-size: 0.95rem; }
      .scorm-steps a[aria-current="page"] { font-weight: 700; }
      .step-state { color: #4a4a4a; font-size: 0.85rem; }
      [data-state="done"] .step-state { color: #1d5e20; }
      #calx-scorm-status { margin: 0.35rem 0 0; font-size: 0.9rem; }
      #calx-scorm-status[data-state="pending"], #calx-scorm-status[data-state="local"] { color: #7a3b00; }
      #calx-step { flex: 1; width: 100%; border: 0; min-height: 60vh; }
    </style>
    <script type="application/json" id="calx-scorm-config">${json}</script>
  </head>
  <body class="scorm-entry">
    <header class="scorm-bar">
      <h1><a href="${esc(config.overview)}" target="calx-step" data-overview>${esc(config.title)}</a></h1>
      <nav aria-label="Module steps">
        <ol class="scorm-steps">
        ${steps}
        </ol>
      </nav>
      <p id="calx-scorm-status" role="status" data-state="starting" data-lms="none">Starting…</p>
    </header>
    <iframe id="calx-step" name="calx-step" title="${esc(config.title)}: current step"></iframe>
    <noscript><p>This module needs JavaScript: it runs the case simulations and reports your progress to your LMS.</p></noscript>
    <script src="${RUNTIME}"></script>
  </body>
</html>
`;
}

export interface RuntimeScripts {
  runtime: Uint8Array;
}

/**
 * Bundles the runtime (esbuild, which Vite and tsx already depend on) as a minified classic script. The
 * steps' pages need nothing added: their islands find the runtime through `browserStorage()`.
 */
export async function buildRuntimeScripts(): Promise<RuntimeScripts> {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: { runtime: join(here, '..', 'runtime.ts') },
    bundle: true,
    format: 'iife',
    minify: true,
    target: 'es2020',
    write: false,
    outdir: 'out',
    legalComments: 'none',
  });
  const get = (name: string) => out.outputFiles.find((f) => f.path.endsWith(`${name}.js`))!.contents;
  return { runtime: get('runtime') };
}

export interface AssembleOptions {
  site: BuiltSite;
  module: ModuleEntry;
  edition: ScormEdition;
  scripts: RuntimeScripts;
  /** Goes into the manifest's version (default: the package.json version). */
  version?: string;
  /** Case slug to its former slugs, so that LMS data saved under a former slug still finds its case. */
  formerSlugs?: Readonly<Record<string, readonly string[]>>;
}

const read = (site: BuiltSite, f: string) => new Uint8Array(readFileSync(join(site.dir, f)));

/** The files of one package, by path. */
export function assemblePackage({ site, module, edition, scripts, version, formerSlugs = {} }: AssembleOptions): Map<string, Uint8Array> {
  const stepPages = module.items.map(stepPage);
  for (const [i, page] of stepPages.entries())
    if (!site.pages.has(page)) throw new Error(`module "${module.slug}" (${module.file}): step ${i + 1} has no page ${page} in the built site ${site.dir}`);
  const extra = ['/about/', ...(module.items.some((i) => i.kind === 'quiz') ? ['/review/'] : [])].filter((p) => site.pages.has(p));
  const pages = new Map([...stepPages, ...extra].map((p) => [p, pageFile(p)]));
  const assets = new Set([...site.files].filter((f) => !f.endsWith('.html')));
  const ctx: RewriteContext = { pages, assets, sitePages: site.pages, overview: OVERVIEW, used: new Set() };

  const steps: PackageStep[] = module.items.map((item, i) => ({
    kind: item.kind,
    id: item.kind === 'quiz' ? item.topic : item.slug,
    title: pageTitle(readFileSync(join(site.dir, pageFile(stepPages[i]!)), 'utf8')) || (item.kind === 'quiz' ? item.topic : item.slug),
    href: pageFile(stepPages[i]!),
    ...(item.kind === 'case' && formerSlugs[item.slug]?.length ? { formerIds: [...formerSlugs[item.slug]!] } : {}),
  }));

  const files = new Map<string, Uint8Array>();
  // A module in test mode fixes that mode in its case pages (an LMS launches them without our query string).
  const caseFiles = new Set(module.items.filter((i) => i.kind === 'case').map((i) => pageFile(stepPage(i))));
  const modeTag = (file: string) => (module.caseMode === 'test' && caseFiles.has(file) ? `<meta name="${PLAY_MODE_META}" content="test">` : '');
  for (const file of pages.values())
    files.set(file, strToU8(rewriteHtml(readFileSync(join(site.dir, file), 'utf8'), file, ctx, modeTag(file), (d) => labelHomeLink(d))));

  // The overview page: the about page's frame (header, styles, footer) around the module's description.
  const template = site.pages.has('/about/')
    ? readFileSync(join(site.dir, 'about/index.html'), 'utf8')
    : '<!doctype html><html lang="en"><head><meta charset="utf-8"><title></title></head><body><main></main></body></html>';
  const sitePageOf = (s: PackageStep) => stepPages[steps.indexOf(s)]!;
  files.set(OVERVIEW, strToU8(rewriteHtml(overviewPage(template, overviewMain(module, steps, sitePageOf), module), OVERVIEW, ctx)));

  // The stylesheets of the first step page, for the entry page.
  const firstHtml = readFileSync(join(site.dir, pageFile(stepPages[0]!)), 'utf8');
  const stylesheets = [...parsePage(firstHtml).querySelectorAll('link[rel="stylesheet"][href]')]
    .map((l) => l.getAttribute('href')!.replace(/^\//, ''))
    .filter((h) => assets.has(h));
  for (const s of stylesheets) ctx.used.add(s);
  if (assets.has('favicon.svg')) ctx.used.add('favicon.svg');

  // Assets, following what CSS and scripts refer to.
  const done = new Set<string>();
  for (let pending = [...ctx.used]; pending.length; pending = [...ctx.used].filter((a) => !done.has(a))) {
    for (const asset of pending) {
      done.add(asset);
      const bytes = read(site, asset);
      if (asset.endsWith('.css')) files.set(asset, strToU8(rewriteCssUrls(strFromU8(bytes), asset, ctx)));
      else if (asset.endsWith('.js') || asset.endsWith('.mjs')) files.set(asset, strToU8(rewriteJs(strFromU8(bytes), asset, ctx)));
      else files.set(asset, bytes);
    }
  }

  const config: PackageConfig = { edition, module: module.slug, title: module.title, passMark: module.passMark, steps, overview: OVERVIEW };
  files.set(ENTRY, strToU8(entryPage(config, stylesheets, module.description)));
  files.set(RUNTIME, scripts.runtime);

  const contentFiles = [...files.keys()].sort();
  const hash = createHash('sha256');
  for (const f of contentFiles) hash.update(f).update(files.get(f)!);
  const pkgVersion = version ?? (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const manifest = manifestFor(edition, {
    slug: module.slug,
    title: module.title,
    passMark: module.passMark,
    launch: ENTRY,
    files: contentFiles,
    version: `${pkgVersion}+${hash.digest('hex').slice(0, 10)}`,
  });
  files.set('imsmanifest.xml', strToU8(manifest));
  for (const [name, bytes] of schemaFiles(edition)) files.set(name, bytes);
  return files;
}

/** A deterministic zip (fixed timestamps, sorted entries), imsmanifest.xml at the root. */
export function zipPackage(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const name of [...files.keys()].sort()) entries[name] = files.get(name)!;
  return zipSync(entries, { level: 9, mtime: new Date('2024-01-01T00:00:00Z') });
}

export function unzipPackage(zip: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(zip)).filter(([name]) => !name.endsWith('/')));
}

/** The files a manifest refers to: the SCO's launch page, every `<file href>`, and the schemaLocation documents. */
export function manifestReferences(manifest: string): { launch: string[]; files: string[]; schemas: string[] } {
  const attr = (re: RegExp) => [...manifest.matchAll(re)].map((m) => decodeXML(m[1]!));
  const loc = /xsi:schemaLocation="([^"]*)"/.exec(manifest)?.[1] ?? '';
  const pairs = loc.trim().split(/\s+/);
  return {
    launch: attr(/<resource\b[^>]*\bhref="([^"]*)"/g),
    files: attr(/<file\s+href="([^"]*)"/g),
    schemas: pairs.filter((_, i) => i % 2 === 1),
  };
}

export interface PackageCheck {
  edition: ScormEdition;
  problems: string[];
}

/**
 * Checks a package: the manifest against the ADL/IMS XSDs, then what the schemas do not check:
 * titles present, the mastery score (1.2) or minimum normalised measure (2004) in range, every file
 * the manifest names present in the zip and every file of the zip named, no root-relative or
 * foreign-host URL in any HTML, CSS or JavaScript file.
 */
export async function checkPackage(files: ReadonlyMap<string, Uint8Array>, edition: ScormEdition, siteRoots: readonly string[]): Promise<PackageCheck> {
  const problems: string[] = [];
  const manifestBytes = files.get('imsmanifest.xml');
  if (!manifestBytes) return { edition, problems: ['imsmanifest.xml is not at the root of the package'] };
  const manifest = strFromU8(manifestBytes);
  const verdict = await validateManifest(edition, manifest);
  problems.push(
    ...verdict.errors.map((e) => `imsmanifest.xml does not follow the ${edition === '1.2' ? 'SCORM 1.2' : 'SCORM 2004 4th edition'} schemas: ${e}`),
  );

  const titles = [...manifest.matchAll(/<title>([\s\S]*?)<\/title>/g)].map((m) => decodeXML(m[1]!).trim());
  if (titles.length < 2 || titles.some((t) => t === '')) problems.push('the organisation and its item need a non-empty <title>');
  if (edition === '1.2') {
    const m = /<adlcp:masteryscore>([^<]*)<\/adlcp:masteryscore>/.exec(manifest);
    const n = m ? Number(m[1]) : NaN;
    if (!(n >= 0 && n <= 100)) problems.push(`the mastery score must be a number from 0 to 100, found ${m ? JSON.stringify(m[1]) : 'none'}`);
  } else {
    const m = /<imsss:minNormalizedMeasure>([^<]*)<\/imsss:minNormalizedMeasure>/.exec(manifest);
    const n = m ? Number(m[1]) : NaN;
    if (!(n >= -1 && n <= 1)) problems.push(`the minimum normalised measure must be from -1 to 1, found ${m ? JSON.stringify(m[1]) : 'none'}`);
    if (!/satisfiedByMeasure="true"/.test(manifest)) problems.push('the primary objective must be satisfied by measure so that the pass mark applies');
  }
  const refs = manifestReferences(manifest);
  if (refs.launch.length !== 1) problems.push(`the manifest must have one SCO resource with a launch href, found ${refs.launch.length}`);
  for (const f of [...refs.launch, ...refs.files, ...refs.schemas]) if (!files.has(f)) problems.push(`the manifest names ${f}, which is not in the package`);
  const expectedSchemas = SCHEMA_LOCATIONS[edition].map(([, f]) => f);
  for (const f of expectedSchemas) if (!refs.schemas.includes(f)) problems.push(`xsi:schemaLocation does not name ${f}`);
  const control = new Set(['imsmanifest.xml', ...SCHEMA_FILES[edition]]);
  const listed = new Set(refs.files);
  for (const f of files.keys()) if (!control.has(f) && !listed.has(f)) problems.push(`${f} is in the package but not listed as a resource file`);

  for (const [f, bytes] of files) {
    if (!/\.(?:html|css|m?js)$/.test(f)) continue;
    for (const p of absoluteUrls(f, strFromU8(bytes), siteRoots)) problems.push(`${p.file}: "${p.url}" is not a relative URL`);
  }
  return { edition, problems };
}

/** The top-level names of a built site (`_astro`, `cases`, `favicon.svg`…), for the absolute-URL check. */
export const siteRoots = (site: BuiltSite) => [...new Set([...site.files].map((f) => f.split('/')[0]!))].filter((r) => r !== 'index.html');

/** The modules of a content folder, validated by the modules loader (steps checked against the folder). */
export function modulesIn(contentDir: string, projectRoot = PROJECT_ROOT): ModuleEntry[] {
  const dirs = (d: string) => (existsSync(d) ? readdirSync(d).filter((n) => statSync(join(d, n)).isDirectory()) : []);
  const yamls = (d: string) =>
    existsSync(d)
      ? readdirSync(d)
          .filter((n) => /\.ya?ml$/.test(n))
          .map((n) => n.replace(/\.ya?ml$/, ''))
      : [];
  return loadModules(
    contentDir,
    { caseSlugs: new Set(dirs(join(contentDir, 'cases'))), lessonSlugs: lessonSlugsIn(contentDir), quizTopics: new Set(yamls(join(contentDir, 'questions'))) },
    projectRoot,
  );
}

/** Each case's former slugs, read from its case.yaml (only that field; the build has validated the rest). */
function formerSlugsIn(contentDir: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const casesDir = join(contentDir, 'cases');
  if (!existsSync(casesDir)) return out;
  for (const slug of readdirSync(casesDir)) {
    const file = join(casesDir, slug, 'case.yaml');
    if (!existsSync(file)) continue;
    const data: unknown = parseYamlText(readFileSync(file, 'utf8'));
    const former = (data as { formerSlugs?: unknown } | null)?.formerSlugs;
    if (Array.isArray(former)) out[slug] = former.filter((f): f is string => typeof f === 'string');
  }
  return out;
}

export interface BuiltPackage {
  module: string;
  edition: ScormEdition;
  file: string;
  bytes: number;
  files: number;
  problems: string[];
}

/** Builds, checks and returns every package of every module (zips in memory). */
export async function buildPackages(opts: {
  distDir: string;
  contentDir: string;
  modules?: ModuleEntry[];
}): Promise<(BuiltPackage & { zip: Uint8Array; contents: Map<string, Uint8Array> })[]> {
  const site = readSite(opts.distDir);
  const modules = opts.modules ?? modulesIn(opts.contentDir);
  if (modules.length === 0) throw new Error(`no modules in ${join(opts.contentDir, 'modules')}`);
  const scripts = await buildRuntimeScripts();
  const roots = siteRoots(site);
  const built = modules.flatMap((module) =>
    EDITIONS.map((edition) => {
      const contents = assemblePackage({ site, module, edition, scripts, formerSlugs: formerSlugsIn(opts.contentDir) });
      return { module: module.slug, edition, file: zipName(module.slug, edition), zip: zipPackage(contents), contents };
    }),
  );
  // The checks read the zips back (what an LMS receives); the schema validations run side by side.
  return Promise.all(
    built.map(async (p) => {
      const { problems } = await checkPackage(unzipPackage(p.zip), p.edition, roots);
      return { ...p, bytes: p.zip.length, files: p.contents.size, problems };
    }),
  );
}

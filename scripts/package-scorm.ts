/**
 * npm run package [-- --dist <built site>] [--out <folder>]
 *
 * Writes a SCORM 1.2 and a SCORM 2004 (4th edition) zip for every module (content/modules/*.yaml)
 * into packages/ (or --out). Builds the site into a temporary folder first, unless --dist names a
 * site already built (e.g. dist/ after npm run build). Every package is checked before it is
 * written (manifest against the ADL XSDs, files, relative URLs); any problem fails the command.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { buildPackages, PROJECT_ROOT } from '../src/scorm/packaging/package';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

const contentDir = resolve(PROJECT_ROOT, process.env.CALX_CONTENT_DIR ?? 'content');
const outDir = resolve(PROJECT_ROOT, arg('out') ?? 'packages');
let distDir = arg('dist') ? resolve(arg('dist')!) : undefined;
let temp: string | undefined;

if (!distDir) {
  temp = mkdtempSync(join(tmpdir(), 'calx-package-'));
  distDir = join(temp, 'site');
  process.stdout.write(`Building the site into ${distDir} …\n`);
  const built = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, CALX_OUT_DIR: distDir, CALX_CACHE_DIR: process.env.CALX_CACHE_DIR ?? join(temp, 'cache') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (built.status !== 0) {
    process.stderr.write('package: the site did not build (see above)\n');
    process.exit(1);
  }
}

try {
  const packages = await buildPackages({ distDir, contentDir });
  mkdirSync(outDir, { recursive: true });
  let failed = false;
  for (const p of packages) {
    if (p.problems.length) {
      failed = true;
      process.stderr.write(`${p.file}: ${p.problems.length} problem(s):\n${p.problems.map((x) => `  - ${x}\n`).join('')}`);
      continue;
    }
    writeFileSync(join(outDir, p.file), p.zip);
    process.stdout.write(`${relative(process.cwd(), join(outDir, p.file))}  SCORM ${p.edition}  ${p.files} files  ${(p.bytes / 1024).toFixed(0)} KB\n`);
  }
  if (failed) process.exit(1);
} catch (e) {
  process.stderr.write(`package: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
} finally {
  if (temp) rmSync(temp, { recursive: true, force: true });
}

import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './content';

/** What a build reads from the project. */
const SNAPSHOT = ['src', 'public', 'content', 'astro.config.mjs', 'package.json', 'tsconfig.json'];

/**
 * `astro build` in a private copy of the project (node_modules linked), so that builds started by
 * tests running in parallel never share Astro's `.astro/` folder, which it writes outside the out
 * and cache folders (the benchmark does the same: scripts/bench/lib.ts).
 */
export function isolatedBuild(env: Record<string, string>): { result: SpawnSyncReturns<string>; outDir: string } {
  const work = mkdtempSync(join(tmpdir(), 'calx-build-'));
  const root = join(work, 'root');
  mkdirSync(root);
  for (const name of SNAPSHOT) if (existsSync(join(projectRoot, name))) cpSync(join(projectRoot, name), join(root, name), { recursive: true });
  symlinkSync(join(projectRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  const outDir = join(root, 'dist');
  const result = spawnSync(process.execPath, [join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CALX_OUT_DIR: outDir, CALX_CACHE_DIR: join(work, 'cache'), FORCE_COLOR: '0', ...env },
  });
  return { result, outDir };
}

import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every `index.html` under a build folder, as URL paths ("/", "/cases/x/"), sorted. */
export function builtPages(dir: string, prefix = '/'): string[] {
  const pages: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== '_astro') pages.push(...builtPages(join(dir, entry.name), `${prefix}${entry.name}/`));
    else if (entry.name === 'index.html') pages.push(prefix);
  }
  return pages.sort();
}

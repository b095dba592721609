/**
 * `npm run new-case <slug> [--source <id>]`: writes the skeleton of a new case (source record, case,
 * lesson, instructor notes), commented, with TODOs where the author writes. Refuses a slug that is
 * not kebab-case or is already a case, and never overwrites a file. Then: fill the TODOs and run
 * `npm run check:content`, which names every TODO left.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { caseSkeleton, slugProblem, SLUG_PATTERN, type SchemaLinks } from '../src/content-loading/case-skeleton';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const contentDir = resolve(root, process.env.CALX_CONTENT_DIR ?? 'content');
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const slug = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--source');
const fail = (message: string): never => {
  console.error(`new-case: ${message}`);
  process.exit(2);
};

if (!slug) fail('name the case: npm run new-case <slug>, e.g. npm run new-case calcified-hands-dialysis');
const casesDir = join(contentDir, 'cases');
const existing = new Set(existsSync(casesDir) ? readdirSync(casesDir) : []);
const problem = slugProblem(slug!, existing);
if (problem) fail(problem);

const sourceId = flag('--source') ?? `${slug}-source`;
if (!SLUG_PATTERN.test(sourceId)) fail(`"${sourceId}" is not a source id: use lower-case words joined by hyphens`);
const writeSource = !existsSync(join(contentDir, 'sources', `${sourceId}.yaml`));

// The JSON Schemas the editor reads (content/schemas, written by npm run schemas before every build).
const link = (name: string) => (existsSync(join(contentDir, 'schemas', `${name}.schema.json`)) ? `schemas/${name}.schema.json` : undefined);
const schemas: SchemaLinks = { case: link('case'), source: link('source'), instructor: link('instructor') };

const files = caseSkeleton(slug!, { sourceId, writeSource, schemas });
const clash = files.filter((f) => existsSync(join(contentDir, f.path)));
if (clash.length) fail(`these files exist already and are left as they are: ${clash.map((f) => f.path).join(', ')}`);
for (const f of files) {
  const path = join(contentDir, f.path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, f.text, { flag: 'wx' });
}

const rel = (p: string) => relative(root, join(contentDir, p)).split('\\').join('/');
console.log(`new-case: wrote the skeleton of "${slug}":`);
for (const f of files) console.log(`  ${rel(f.path)}`);
if (!writeSource) console.log(`  (the source record ${rel(`sources/${sourceId}.yaml`)} exists already: the case cites it)`);

// Modules: a module that takes every case by rule needs no edit; say which do, and how to add the case to others.
const modulesDir = join(contentDir, 'modules');
const modules = existsSync(modulesDir) ? readdirSync(modulesDir).filter((f) => /\.ya?ml$/.test(f)) : [];
const byRule = modules.filter((f) => {
  const data = YAML.parse(readFileSync(join(modulesDir, f), 'utf8')) as { items?: { kind?: string }[] } | null;
  return data?.items?.some((i) => i.kind === 'all-cases');
});
if (byRule.length) console.log(`It joins ${byRule.map((f) => f.replace(/\.ya?ml$/, '')).join(', ')} by the module's \`all-cases\` rule.`);
console.log(`To add it to another module, list \`- { kind: case, slug: ${slug} }\` in that module's items.`);
console.log(`\nNext: put the paper's text in ${rel(`sources/${sourceId}.txt`)} (where its licence allows) or in SOURCES_DIR,`);
console.log('replace every TODO (the authoring guide, /authoring/, explains each field), then run: npm run check:content');

/**
 * npm run licences
 * The licence and dependency report that stands in for `npm audit` (whose advisory service is out of
 * reach here): every installed package from package-lock.json with its declared licence, counted by
 * licence for what the site needs (dependencies) and what only builds and tests it (dev), and every
 * package whose licence needs a person's reading listed by name. Exits 1 when a dependency declares
 * no licence or a licence that obliges the course to change its own (GPL or AGPL with no
 * permissive alternative offered). `npm run sbom` writes the same inventory as a CycloneDX SBOM.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { classifyLicence, type LockPackage, licenceReport } from '../src/utils/licences';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockPackage> };
const report = licenceReport(lock.packages);

const line = (label: string, counts: Map<string, number>) =>
  `${label}: ${[...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([l, n]) => `${l} ${n}`)
    .join(', ')}`;
process.stdout.write(`Packages: ${report.total} (${report.runtime} dependencies, ${report.dev} dev-only)\n`);
process.stdout.write(`${line('Dependencies by licence', report.byLicence.runtime)}\n`);
process.stdout.write(`${line('Dev-only by licence', report.byLicence.dev)}\n`);
if (report.review.length) {
  process.stdout.write('\nTo read (weak copyleft, dual, custom or unusual licences):\n');
  for (const p of report.review)
    process.stdout.write(
      `  ${p.name}@${p.version} ${p.licence}${p.dev ? ' (dev)' : ''}${p.optional ? ' (optional)' : ''}: ${classifyLicence(p.licence).why}\n`,
    );
}
if (report.blocking.length) {
  process.stderr.write('\nBlocking (a dependency the course cannot ship under its licence):\n');
  for (const p of report.blocking) process.stderr.write(`  ${p.name}@${p.version} ${p.licence}: ${classifyLicence(p.licence).why}\n`);
  process.exitCode = 1;
}

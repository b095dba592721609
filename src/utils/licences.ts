/**
 * The licence report's logic (scripts/licences.ts): what each declared licence means for a course
 * published under MIT with its content under an open licence. Pure, so the tests can check it.
 */

/** One entry of package-lock.json's `packages`. */
export interface LockPackage {
  version?: string;
  license?: unknown;
  dev?: boolean;
  optional?: boolean;
}

export type LicenceClass = 'permissive' | 'review' | 'blocking';

const PERMISSIVE = new Set([
  'MIT',
  'ISC',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'Apache-2.0',
  '0BSD',
  'CC0-1.0',
  'Unlicense',
  'BlueOak-1.0.0',
  'Python-2.0',
  'WTFPL',
  'CC-BY-4.0',
  'Zlib',
]);
const STRONG_COPYLEFT = /^(A?GPL)-/;

/** How one SPDX expression reads: permissive, to be read by a person, or blocking. */
export function classifyLicence(expression: string): { kind: LicenceClass; why: string } {
  if (!expression || expression === 'undefined') return { kind: 'blocking', why: 'no licence declared' };
  if (/^SEE LICEN[CS]E IN /i.test(expression)) return { kind: 'review', why: 'a custom licence in the package; read it' };
  const bare = expression.replace(/[()]/g, '').trim();
  const alternatives = bare.split(/\s+OR\s+/);
  const allOf = (alt: string) => alt.split(/\s+AND\s+/).map((s) => s.trim());
  if (alternatives.some((alt) => allOf(alt).every((l) => PERMISSIVE.has(l)))) return { kind: 'permissive', why: 'permissive' };
  if (alternatives.some((alt) => allOf(alt).every((l) => !STRONG_COPYLEFT.test(l))))
    return {
      kind: 'review',
      why:
        alternatives.length > 1 ? 'dual licensed; use the non-GPL option' : 'weak copyleft (changes to that package itself must be shared); fine to depend on',
    };
  return { kind: 'blocking', why: 'strong copyleft with no other option' };
}

export interface PackageLicence {
  name: string;
  version: string;
  licence: string;
  dev: boolean;
  optional: boolean;
}

export function licenceReport(packages: Readonly<Record<string, LockPackage>>) {
  const all: PackageLicence[] = Object.entries(packages)
    .filter(([path]) => path !== '')
    .map(([path, p]) => ({
      name: path.replace(/^.*node_modules\//, ''),
      version: p.version ?? '?',
      licence: typeof p.license === 'string' ? p.license : p.license === undefined ? 'undefined' : JSON.stringify(p.license),
      dev: p.dev === true,
      optional: p.optional === true,
    }));
  const count = (list: PackageLicence[]) => {
    const m = new Map<string, number>();
    for (const p of list) m.set(p.licence, (m.get(p.licence) ?? 0) + 1);
    return m;
  };
  const runtime = all.filter((p) => !p.dev);
  const dev = all.filter((p) => p.dev);
  return {
    total: all.length,
    runtime: runtime.length,
    dev: dev.length,
    byLicence: { runtime: count(runtime), dev: count(dev) },
    review: all.filter((p) => classifyLicence(p.licence).kind === 'review' || (p.dev && classifyLicence(p.licence).kind === 'blocking')),
    // Dev-only tools are not shipped: only dependencies can block.
    blocking: runtime.filter((p) => classifyLicence(p.licence).kind === 'blocking'),
  };
}

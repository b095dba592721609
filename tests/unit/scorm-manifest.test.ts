import { describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import { manifestFor, manifestScorm12, manifestScorm2004, SCHEMA_FILES, type ManifestInput, type ScormEdition } from '../../src/scorm/packaging/manifest';
import { checkPackage, EDITIONS, manifestReferences, modulesIn } from '../../src/scorm/packaging/package';
import { driverSchema, schemaFiles, validateManifest } from '../../src/scorm/packaging/validate-manifest';
import { contentDir, projectRoot } from '../helpers/content';

const modules = modulesIn(contentDir, projectRoot);
const files = [
  'index.html',
  'module/index.html',
  'cases/liver-transplant-calcification/index.html',
  '_astro/client.Cd-EeyjT.js',
  '_astro/course.css',
  'favicon.svg',
  'scorm-runtime.js',
  'scorm-bridge.js',
];
const input = (over: Partial<ManifestInput> = {}): ManifestInput => ({
  slug: 'liver-cases',
  title: 'Calcium in the liver',
  passMark: 70,
  launch: 'index.html',
  files,
  version: '0.1.0+abc',
  ...over,
});

/** A package as the checks read it: the given files, the manifest and the control files. */
function pkg(edition: ScormEdition, manifest: string, contents: Record<string, string> = {}): Map<string, Uint8Array> {
  const m = new Map<string, Uint8Array>(files.map((f) => [f, strToU8(contents[f] ?? '<!doctype html><p>ok</p>')]));
  for (const [f, text] of Object.entries(contents)) m.set(f, strToU8(text));
  m.set('imsmanifest.xml', strToU8(manifest));
  for (const [name, bytes] of schemaFiles(edition)) m.set(name, bytes);
  return m;
}
const roots = ['_astro', 'cases', 'about', 'favicon.svg', 'quizzes'];

describe('SCORM manifests', () => {
  it('there are modules to package', () => {
    expect(modules.map((m) => m.slug)).toEqual(expect.arrayContaining(['calciphylaxis-and-its-mimics', 'liver-cases']));
  });

  for (const module of modules) {
    for (const edition of EDITIONS) {
      it(`${module.slug}, SCORM ${edition}: the manifest is valid against the ADL/IMS XSDs`, async () => {
        const manifest = manifestFor(edition, {
          slug: module.slug,
          title: module.title,
          passMark: module.passMark,
          launch: 'index.html',
          files,
          version: '0.1.0+abc',
        });
        expect(await validateManifest(edition, manifest)).toEqual({ valid: true, errors: [] });
        expect(manifestReferences(manifest).files.sort()).toEqual([...files].sort());
      });
    }
  }

  it('the driver schema imports each namespace the manifest uses', () => {
    expect(driverSchema('2004')).toContain('<xs:import namespace="http://www.imsglobal.org/xsd/imsss" schemaLocation="imsss_v1p0.xsd"/>');
    expect(driverSchema('1.2')).toContain('<xs:import namespace="http://www.adlnet.org/xsd/adlcp_rootv1p2" schemaLocation="adlcp_rootv1p2.xsd"/>');
  });

  it('SCORM 1.2: organisation with the title, one SCO launching the entry page, the pass mark as mastery score', () => {
    const m = manifestScorm12(input({ passMark: 72.5 }));
    expect(m).toContain('xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"');
    expect(m).toContain('<schemaversion>1.2</schemaversion>');
    expect(m).toMatch(/<organization identifier="[^"]+">\s*<title>Calcium in the liver<\/title>/);
    expect(m).toContain('<adlcp:masteryscore>72.5</adlcp:masteryscore>');
    expect(m).toMatch(/<resource [^>]*type="webcontent" adlcp:scormtype="sco" href="index.html">/);
  });

  it('SCORM 2004 4th edition: the pass mark as the primary objective’s minimum normalised measure, satisfied by measure', () => {
    const m = manifestScorm2004(input({ passMark: 70 }));
    expect(m).toContain('<schemaversion>2004 4th Edition</schemaversion>');
    expect(m).toContain('satisfiedByMeasure="true"');
    expect(m).toContain('<imsss:minNormalizedMeasure>0.7</imsss:minNormalizedMeasure>');
    expect(m).toContain('adlcp:scormType="sco" href="index.html"');
  });

  it('escapes titles, and the escaped manifest stays valid', async () => {
    const m = manifestScorm2004(input({ title: 'Ca & P < 70 "mg/dL"' }));
    expect(m).toContain('<title>Ca &amp; P &lt; 70 &quot;mg/dL&quot;</title>');
    expect((await validateManifest('2004', m)).valid).toBe(true);
  });

  it('refuses what it cannot express: no title, a pass mark out of range, a file outside the package, a launch page not in it', () => {
    expect(() => manifestScorm12(input({ title: ' ' }))).toThrow(/needs a title/);
    expect(() => manifestScorm12(input({ passMark: 101 }))).toThrow(/0 to 100/);
    expect(() => manifestScorm2004(input({ files: [...files, '/abs.html'] }))).toThrow(/not a relative path/);
    expect(() => manifestScorm2004(input({ files: [...files, '../up.html'] }))).toThrow(/not a relative path/);
    expect(() => manifestScorm2004(input({ launch: 'start.html' }))).toThrow(/not among the package files/);
  });

  it('the XSDs catch a manifest that breaks them', async () => {
    const misplaced = manifestScorm12(input()).replace(/(<title>[^<]*<\/title>)(\s*<adlcp:masteryscore>70<\/adlcp:masteryscore>)/, '$2$1');
    expect((await validateManifest('1.2', misplaced)).valid).toBe(false);
    const badScormType = manifestScorm12(input()).replace('adlcp:scormtype="sco"', 'adlcp:scormtype="page"');
    expect((await validateManifest('1.2', badScormType)).errors.join()).toMatch(/scormtype/);
    const badMeasure = manifestScorm2004(input()).replace('<imsss:minNormalizedMeasure>0.7<', '<imsss:minNormalizedMeasure>high<');
    expect((await validateManifest('2004', badMeasure)).errors.join()).toMatch(/minNormalizedMeasure/);
    const noOrgs = manifestScorm2004(input()).replace(/<organizations[\s\S]*<\/organizations>/, '');
    expect((await validateManifest('2004', noOrgs)).valid).toBe(false);
  });

  it('ships every XSD the manifest’s schemaLocation names', () => {
    for (const edition of EDITIONS) {
      const refs = manifestReferences(manifestFor(edition, input()));
      for (const f of refs.schemas) expect(SCHEMA_FILES[edition]).toContain(f);
      expect([...schemaFiles(edition).keys()].sort()).toEqual([...SCHEMA_FILES[edition]].sort());
    }
  });
});

describe('package checks beyond the schemas', () => {
  for (const edition of EDITIONS) {
    it(`SCORM ${edition}: a sound package has no problems`, async () => {
      expect((await checkPackage(pkg(edition, manifestFor(edition, input())), edition, roots)).problems).toEqual([]);
    });
  }

  it('finds a file the manifest names but the zip lacks, and a file the manifest does not list', async () => {
    const files12 = pkg('1.2', manifestScorm12(input()));
    files12.delete('favicon.svg');
    files12.set('extra.html', strToU8('<p>x</p>'));
    const { problems } = await checkPackage(files12, '1.2', roots);
    expect(problems).toContain('the manifest names favicon.svg, which is not in the package');
    expect(problems).toContain('extra.html is in the package but not listed as a resource file');
  });

  it('finds an empty title and a mastery score out of range that the 1.2 schema lets through', async () => {
    const m = manifestScorm12(input())
      .replace('<adlcp:masteryscore>70<', '<adlcp:masteryscore>170<')
      .replace('<title>Calcium in the liver</title>', '<title> </title>');
    const { problems } = await checkPackage(pkg('1.2', m), '1.2', roots);
    expect(problems).toContain('the mastery score must be a number from 0 to 100, found "170"');
    expect(problems).toContain('the organisation and its item need a non-empty <title>');
  });

  it('finds a missing control file and a manifest not at the root', async () => {
    const p = pkg('2004', manifestScorm2004(input()));
    p.delete('imsss_v1p0.xsd');
    expect((await checkPackage(p, '2004', roots)).problems).toContain('the manifest names imsss_v1p0.xsd, which is not in the package');
    const none = pkg('2004', manifestScorm2004(input()));
    none.delete('imsmanifest.xml');
    expect((await checkPackage(none, '2004', roots)).problems).toEqual(['imsmanifest.xml is not at the root of the package']);
  });

  it('finds absolute URLs in HTML, CSS and JavaScript', async () => {
    const p = pkg('2004', manifestScorm2004(input()), {
      'cases/liver-transplant-calcification/index.html':
        '<link rel="stylesheet" href="/_astro/course.css"><astro-island component-url="../../_astro/a.js" renderer-url="/_astro/client.js"></astro-island>' +
        '<a href="https://doi.org/10.1/x">paper</a>',
      '_astro/course.css': 'body{background:url(/favicon.svg)}',
      '_astro/client.Cd-EeyjT.js': 'import("/_astro/chunk.js")',
    });
    const { problems } = await checkPackage(p, '2004', roots);
    expect(problems.sort()).toEqual(
      [
        'cases/liver-transplant-calcification/index.html: "/_astro/course.css" is not a relative URL',
        'cases/liver-transplant-calcification/index.html: "/_astro/client.js" is not a relative URL',
        '_astro/course.css: "/favicon.svg" is not a relative URL',
        '_astro/client.Cd-EeyjT.js: "/_astro/chunk.js" is not a relative URL',
      ].sort(),
    );
  });
});

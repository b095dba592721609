import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so that the same data always hashes the same whatever the key order in the file. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const hash16 = (data: unknown) => createHash('sha256').update(canonicalJson(data)).digest('hex').slice(0, 16);

/**
 * The version of any data: the first 16 hex digits of the SHA-256 of its canonical JSON. Computed at
 * build time in Node (the browser receives it with the case).
 */
export function caseVersion(data: unknown): string {
  return hash16(data);
}

/**
 * Fields that hold wording, presentation or bookkeeping, never what an event means or how it
 * scores, wherever they occur in a case: prose (presentations, titles, labels, result texts, the
 * answer key's feedback and reasons, team-path notes, teaching text), evidence (source, quote,
 * section), charts and tables, and the case's list metadata. Everything else (stages and their days
 * and presentations' finding ids, actions and what they reveal and when, findings' values, units
 * and flags, the diagnosis options, the answer key's weights, credits, key findings, penalties and
 * contradictions, the team path's events) makes up the scoring version.
 *
 * Keep the list to fields that cannot change a replay or a score: the tests edit a copy of a case
 * and check both ways. A new prose field added to the schema belongs here; a new scoring field must
 * not be named like one of these.
 */
export const PROSE_FIELDS: ReadonlySet<string> = new Set([
  'title',
  'summary',
  'presentation',
  'oneLiner',
  'label',
  'short',
  'report',
  'notReported',
  'text',
  'feedback',
  'reason',
  'why',
  'explanation',
  'note',
  'caption',
  'evidence',
  'teachingPoints',
  'charts',
  'tables',
  'estimatedMinutes',
  'order',
  'formerSlugs',
  'editorialNote',
  'disagreement',
]);

/** The case data without its prose fields (at any depth). */
function withoutProse(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutProse);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !PROSE_FIELDS.has(k))
        .map(([k, v]) => [k, withoutProse(v)]),
    );
  return value;
}

/** Only the prose fields, with the path that leads to each, so that moving a text is a new revision too. */
function onlyProse(value: unknown, path = ''): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => onlyProse(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object')
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      PROSE_FIELDS.has(k) ? [[`${path}.${k}`, v] as [string, unknown]] : onlyProse(v, `${path}.${k}`),
    );
  return [];
}

/**
 * The scoring version of a case: a hash of everything but its prose. Attempts name it; a wording
 * fix leaves it unchanged, so saved and exported attempts stay valid.
 */
export function scoringVersion(data: unknown): string {
  return hash16(withoutProse(data));
}

/** The text revision of a case: a hash of its prose alone. Shown to authors and faculty; attempts never depend on it. */
export function textRevision(data: unknown): string {
  return hash16(Object.fromEntries(onlyProse(data)));
}

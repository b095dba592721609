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

/**
 * The version of a case: the first 16 hex digits of the SHA-256 of its canonical data. Computed at
 * build time in Node (the browser receives it with the case), so attempts can say which version they
 * were made on.
 */
export function caseVersion(data: unknown): string {
  return createHash('sha256').update(canonicalJson(data)).digest('hex').slice(0, 16);
}

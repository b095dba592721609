/*
 * "Did you mean" for an unknown diagnosis id, for authors and the command line (replay, the attempt
 * CLI). Apart from differential.ts so that the case page, whose ids come from its own list, does not
 * ship it.
 */

/** Edit distance, for "did you mean" on an unknown diagnosis id. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The closest list ids to an unknown one (by id, or an id containing it), for a helpful message. */
export function closestIds(unknown: string, ids: Iterable<string>, max = 2): string[] {
  const u = unknown.toLowerCase();
  return [...ids]
    .map((id) => ({ id, d: id.includes(u) || u.includes(id) ? 0 : distance(u, id) }))
    .filter((x) => x.d <= Math.max(3, Math.floor(x.id.length / 3)))
    .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
    .slice(0, max)
    .map((x) => x.id);
}

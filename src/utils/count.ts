/** "1 attempt", "2 attempts", "1,200 files": a count with its noun in correct English (give the plural when it is not just an added s). */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? singular : plural}`;
}

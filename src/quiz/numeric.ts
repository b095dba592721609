/**
 * Reading a number a learner typed, and showing a UCUM unit the way it is printed. Kept apart from
 * scoring because the view needs them too.
 */

const SUPERSCRIPT: Record<string, string> = Object.fromEntries([...'0123456789-'].map((c, i) => [c, '⁰¹²³⁴⁵⁶⁷⁸⁹⁻'[i]!]));

/** "mg2/dL2" as "mg²/dL²", "umol/L" as "µmol/L": UCUM spells powers and micro in ASCII. */
export function displayUnit(unit: string): string {
  return unit
    .replace(/(^|[/.(])u(?=[a-zA-Z])/g, '$1µ')
    .replace(/([a-zA-Z\]])(-?\d+)/g, (_m, letter: string, power: string) => letter + [...power].map((c) => SUPERSCRIPT[c] ?? c).join(''));
}

export type NumberReading = { value: number } | { problem: string };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Reads a typed answer: an optional sign, digits with a decimal point or a decimal comma, and
 * optionally the item's unit after it (as UCUM or as printed). Anything else is a problem to
 * show, not a wrong answer: a typo should not cost credit.
 */
export function readNumber(text: string, unit: string): NumberReading {
  let s = text.trim();
  if (s === '') return { problem: 'Enter a number.' };
  for (const u of [unit, displayUnit(unit)]) {
    const m = new RegExp(`\\s*${escapeRegExp(u)}$`, 'i').exec(s);
    if (m) {
      s = s.slice(0, m.index);
      break;
    }
  }
  s = s.replace(/\s+/g, '').replace(/^−/, '-');
  if (/^[-+]?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return { problem: `Enter a number, for example 7.5${unit ? ` (in ${displayUnit(unit)})` : ''}.` };
  const value = Number(s);
  return Number.isFinite(value) ? { value } : { problem: 'Enter a number of ordinary size.' };
}

/** A number for feedback: no trailing float noise ("95.4", not "95.39999999"). */
export function formatNumber(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

/**
 * Untrusted text made safe to print on a terminal: control characters (ANSI escapes, carriage
 * returns, newlines), bidirectional overrides and isolates, and other invisible format characters
 * are shown as `\u{…}` escapes, and long text is cut with a note of how much was left out. Used by
 * the CLI for anything it echoes from a file.
 */

/** C0 and C1 controls, DEL, and format characters (bidi overrides/isolates, zero-width, BOM), plus line and paragraph separators. */
const UNSAFE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

export function terminalSafe(text: string, max = 80): string {
  const cut = text.length > max ? text.slice(0, max) : text;
  const escaped = cut.replace(UNSAFE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
  return text.length > max ? `${escaped}… (${(text.length - max).toLocaleString('en')} more characters)` : escaped;
}

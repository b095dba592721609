import { describe, expect, it } from 'vitest';
import { csvField, looksLikeFormula } from '../../src/faculty/class-results-format';

// Each variant a spreadsheet reads as a formula once it trims whitespace and folds widths.
const TRIGGERS: [string, string][] = [
  ['plain equals', '=HYPERLINK("http://x","y")'],
  ['plus', '+1+1'],
  ['minus', '-2+3'],
  ['at', '@SUM(A1)'],
  ['leading space', ' =1+1'],
  ['leading spaces and tab', ' \t=1+1'],
  ['leading newline', '\n=1+1'],
  ['leading CRLF', '\r\n=cmd|"/c calc"!A1'],
  ['leading tab', '\t=1'],
  ['no-break space', '\u00a0=1'],
  ['zero-width space', '\u200b=1'],
  ['byte-order mark', '\ufeff=1'],
  ['ideographic space', '\u3000=1'],
  ['full-width equals', '＝1+1'],
  ['full-width plus', '＋1'],
  ['full-width minus', '－1'],
  ['full-width at', '＠SUM(A1)'],
  ['small equals', '\ufe66 1'],
  ['small plus', '\ufe62 1'],
  ['space then full-width equals', '  ＝1'],
];

describe('CSV cells that a spreadsheet would run as formulas', () => {
  for (const [name, text] of TRIGGERS) {
    it(`neutralises a cell starting with ${name}`, () => {
      expect(looksLikeFormula(text)).toBe(true);
      const cell = csvField(text);
      // The apostrophe is the first character of the cell's content (after the opening quote, when quoted).
      expect(cell.replace(/^"/, '').startsWith("'")).toBe(true);
    });
  }

  it('leaves ordinary text and numbers alone', () => {
    for (const text of ['alice', 'Alice = Bob', 'a-b', 'case 1', '２０２６', 'e=mc2']) {
      expect(looksLikeFormula(text)).toBe(false);
      expect(csvField(text).replace(/^"/, '').startsWith("'")).toBe(false);
    }
    expect(csvField(-3)).toBe('-3');
  });

  it('still quotes a neutralised cell that holds a line break', () => {
    expect(csvField('\n=1')).toBe(`"'\n=1"`);
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { parseCase, parseDiagnosisList, parseSource } from '../../src/content-loading/load-content';
import { ContentError, formatProblem, formatProblems } from '../../src/schemas/content-errors';
import { locateProblems } from '../../src/content-loading/read-yaml';
import { contentDir, course } from '../helpers/content';
import { join } from 'node:path';

const FILE = 'content/cases/liver-transplant-calcification/case.yaml';
const original = readFileSync(join(contentDir, 'cases/liver-transplant-calcification/case.yaml'), 'utf8');
const sources = new Set(['gardner-2024']);

/** The real case with one change applied, as YAML text. */
function mutated(change: (data: any) => void): string {
  const data = YAML.parse(original);
  change(data);
  return YAML.stringify(data);
}
const messages = (text: string) =>
  parseCase(FILE, 'liver-transplant-calcification', text, sources, course.analytes, course.diagnoses).problems.map(
    (p) => `${p.file}: ${p.field}: ${p.message}`,
  );

describe('case file errors name the file and the field', () => {
  it('accepts the real case without problems', () => {
    expect(parseCase(FILE, 'liver-transplant-calcification', original, sources, course.analytes, course.diagnoses).problems).toEqual([]);
  });

  it('reports a missing required field as required', () => {
    expect(messages(mutated((d) => delete d.title))).toEqual([`${FILE}: title: is required (text)`]);
  });

  it('reports a wrong type with what was found', () => {
    expect(messages(mutated((d) => (d.stages[0].day = 'sixteen')))).toEqual([`${FILE}: stages[0].day: expected a number, found the text "sixteen"`]);
  });

  it('reports a misspelt field as unknown and suggests checking the spelling', () => {
    expect(messages(mutated((d) => (d.stages[1].titel = 'x')))).toEqual([
      `${FILE}: stages[1]: unknown field \`titel\` (check the spelling against the schema)`,
    ]);
  });

  it('reports a value outside an enumeration with the allowed values', () => {
    expect(messages(mutated((d) => (d.actions[0].kind = 'lab-test')))).toEqual([
      `${FILE}: actions[0].kind: must be one of "history", "exam", "lab", "imaging", "pathology", "consult", "treatment", found the text "lab-test"`,
    ]);
  });

  it('reports an action revealing a finding that does not exist', () => {
    const [problem] = messages(mutated((d) => (d.actions[0].reveals[0] = 'no-such-finding')));
    expect(problem).toMatch(new RegExp(`^${FILE}: actions\\[0\\]\\.reveals\\[0\\]: unknown finding "no-such-finding" \\(known: hx-transplant, `));
  });

  it('reports a stage reference that does not exist', () => {
    expect(messages(mutated((d) => (d.actions[0].from = 'pod99')))[0]).toMatch(
      /actions\[0\]\.from: unknown stage "pod99" \(did you mean "pod16" or "pod21"\? known: pod16, pod21, pod40\)$/,
    );
  });

  it('reports a diagnosis in the answer key that is not on the course list', () => {
    const [problem] = messages(mutated((d) => (d.scoring.credits[0].diagnosis = 'gout')));
    expect(problem).toMatch(
      new RegExp(`^${FILE}: scoring\\.credits\\[0\\]\\.diagnosis: unknown diagnosis \\(content/diagnoses\\.yaml\\) "gout" \\(known: dystrophic, metastatic, `),
    );
  });

  it('reports an answer of several processes without the feedback for the whole answer', () => {
    expect(messages(mutated((d) => delete d.scoring.combined))).toEqual([
      `${FILE}: scoring.combined: give \`combined\` feedback exactly when the answer has more than one diagnosis`,
    ]);
  });

  it('reports answer shares that do not add up to 1', () => {
    expect(messages(mutated((d) => (d.scoring.answer[0].share = 0.7)))).toEqual([`${FILE}: scoring.answer: the shares of the answer must add up to 1`]);
  });

  it('reports a critical error on an action that is not a treatment', () => {
    let at = -1;
    expect(
      messages(
        mutated((d) => {
          at =
            d.scoring.stewardship.push({
              action: 'pth',
              penalty: 0.1,
              severity: 'harmful',
              critical: true,
              reason: 'r',
              evidence: { source: 'gardner-2024' },
            }) - 1;
        }),
      ),
    ).toEqual([`${FILE}: scoring.stewardship[${at}].critical: only a treatment can be a critical error; "pth" is not one`]);
  });

  it('reports an old option mapped to a diagnosis that is not on the list', () => {
    const [problem] = messages(mutated((d) => (d.legacyDiagnoses['dystrophic-metastatic'] = ['dystrophic', 'metastatik'])));
    expect(problem).toMatch(/^.*: legacyDiagnoses\.dystrophic-metastatic\[1\]: unknown diagnosis \(content\/diagnoses\.yaml\) "metastatik"/);
  });

  it('reports a source id that has no record', () => {
    expect(messages(mutated((d) => (d.findings[0].evidence = { source: 'smith-1999', quote: 'a quote' })))).toEqual([
      `${FILE}: findings[0].evidence.source: unknown source "smith-1999" (known: gardner-2024)`,
    ]);
  });

  it('reports weights that do not add up to 100', () => {
    expect(messages(mutated((d) => (d.scoring.weights.diagnosis = 41)))).toEqual([`${FILE}: scoring.weights: the weights must add up to 100`]);
  });

  it('reports an action that reveals nothing without saying what the paper does not report', () => {
    expect(messages(mutated((d) => delete d.actions.find((a: any) => a.id === 'magnesium').notReported))).toEqual([
      expect.stringMatching(/actions\[\d+\]\.notReported: an action that reveals nothing must say what the paper does not report/),
    ]);
  });

  it('reports a team path the case cannot play, naming the step', () => {
    expect(messages(mutated((d) => d.teamPath.splice(6, 1)))).toEqual([
      `${FILE}: teamPath[7]: the case does not accept this step: commit a working differential before moving on`,
    ]);
  });

  it('reports a finding nobody can reach', () => {
    expect(messages(mutated((d) => d.findings.push({ id: 'orphan', label: 'Orphan', report: 'x', evidence: { source: 'gardner-2024' } })))).toEqual([
      `${FILE}: findings[33]: finding "orphan" is never presented by a stage nor revealed by an action`,
    ]);
  });

  it("reports a lab whose unit is not one of its analyte's units", () => {
    expect(messages(mutated((d) => (d.findings.find((f: any) => f.id === 'pth').lab.unit = 'ng/L')))).toEqual([
      expect.stringMatching(/findings\[\d+\]\.lab\.unit: "ng\/L" is neither of pth's units \("pg\/mL" or "pmol\/L"\)$/),
    ]);
  });

  it('reports an unknown analyte', () => {
    expect(messages(mutated((d) => (d.findings.find((f: any) => f.id === 'pth').lab.analyte = 'parathormone')))).toEqual([
      expect.stringMatching(/findings\[\d+\]\.lab\.analyte: unknown analyte "parathormone" \(known: calcium, /),
    ]);
  });

  it('reports broken YAML with its line', () => {
    const [problem] = parseCase(FILE, 'liver-transplant-calcification', 'title: [unclosed\nsummary: x\n', sources).problems;
    expect(problem).toMatchObject({ file: FILE, field: '', line: expect.any(Number), column: expect.any(Number) });
    expect(problem!.message).toMatch(/^is not valid YAML: /);
  });
});

describe('source records', () => {
  it('reports a malformed DOI in words', () => {
    const text = readFileSync(join(contentDir, 'sources/gardner-2024.yaml'), 'utf8') + '\ndoi: "not-a-doi"\n';
    expect(parseSource('content/sources/gardner-2024.yaml', text).problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      'doi: a DOI looks like 10.1234/abc',
    ]);
  });
});

describe('unsigned sources', () => {
  it('asks an unsigned or undated source for the short name used in citations', () => {
    const text = 'authors: []\ntitle: A teaching file\njournal: Teaching file\nlicence: Unknown\nseed: x.txt\n';
    expect(parseSource('content/sources/anon.yaml', text).problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      'citeAs: an unsigned or undated source needs `citeAs`, the short name used in citations',
    ]);
  });
});

describe('ContentError', () => {
  it('lists every problem on its own line under a count', () => {
    const error = new ContentError([
      { file: 'a.yaml', field: 'x', message: 'is required (text)' },
      { file: 'b.yaml', field: '', message: 'is not valid YAML' },
    ]);
    expect(error.message).toBe(formatProblems(error.problems));
    expect(error.message).toBe('Invalid course content (2 problems):\n  - a.yaml: field `x`: is required (text)\n  - b.yaml: is not valid YAML');
  });
});

describe('diagnosis list errors name the file and the field', () => {
  const LIST = 'content/diagnoses.yaml';
  const listText = readFileSync(join(contentDir, 'diagnoses.yaml'), 'utf8');
  const listProblems = (change: (data: any) => void) => {
    const data = YAML.parse(listText);
    change(data);
    return parseDiagnosisList(LIST, YAML.stringify(data), new Set(course.sources.map((s) => s.id))).problems.map((p) => `${p.file}: ${p.field}: ${p.message}`);
  };

  it('accepts the real list', () => {
    expect(listProblems(() => {})).toEqual([]);
  });

  it('reports an entry without evidence, a duplicate id, a missing something-else and an unknown source', () => {
    expect(listProblems((d) => delete d[0].evidence)).toEqual([`${LIST}: [0].evidence: every diagnosis except "something-else" needs its evidence`]);
    expect(listProblems((d) => (d[1].id = d[0].id))).toEqual([`${LIST}: [1].id: the id "dystrophic" is used twice`]);
    expect(listProblems((d) => d.pop())).toEqual([`${LIST}: : the list needs the reserved entry "something-else"`]);
    expect(listProblems((d) => (d[0].evidence.source = 'nobody'))[0]).toMatch(/^content\/diagnoses\.yaml: \[0\]\.evidence\.source: unknown source "nobody"/);
  });
});

describe('a quote of 12 words or more in a case', () => {
  it('is refused by the loader (so by the build and check:content) at the line and column of the quote', () => {
    const doc = YAML.parseDocument(original);
    const long = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen';
    doc.setIn(['patient', 'evidence'], `${long} @ Case Description`);
    const text = doc.toString({ lineWidth: 0 });
    const { problems } = parseCase(FILE, 'liver-transplant-calcification', text, sources, course.analytes, course.diagnoses);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes(long)) + 1;
    const column = lines[line - 1]!.indexOf(long) + 1 - (lines[line - 1]![lines[line - 1]!.indexOf(long) - 1] === '"' ? 1 : 0);
    expect(locateProblems(FILE, text, problems).map(formatProblem)).toEqual([
      `${FILE}:${line}:${column}: field \`patient.evidence\`: the quote has 15 words: keep it under 12 (a citation, not a copy), ` +
        `e.g. the words that carry the fact`,
    ]);
  });
});

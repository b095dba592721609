import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { parseCase } from '../../src/content-loading/load-content';
import { parseInstructorNotes } from '../../src/content-loading/load-instructor';
import { notReportedSentence, TYPICAL_RANGE_NOTE, typicalRange } from '../../src/content-loading/expand-case';
import { expandEvidence } from '../../src/schemas/provenance';
import type { CaseDefinition } from '../../src/schemas/case';
import { contentDir, course } from '../helpers/content';

/**
 * The compact case format: each shorthand compiles to exactly its long form, the long form is still
 * accepted, and a mistake in a shorthand is reported where the author wrote it.
 */

const sources = new Set(course.sources.map((s) => s.id));
// A case with a lab that takes its range from the analyte list, and one the tests can edit freely.
const def = course.cases.find((c) => c.findings.some((f) => f.lab?.reference?.note === TYPICAL_RANGE_NOTE))!;
const FILE = `content/cases/${def.slug}/case.yaml`;
const original = readFileSync(join(contentDir, 'cases', def.slug, 'case.yaml'), 'utf8');
const compile = (data: unknown) => parseCase(FILE, def.slug, stringify(data), sources, course.analytes, course.diagnoses);
const problems = (data: unknown) => compile(data).problems.map((p) => `${p.field}: ${p.message}`);
const authored = () => parse(original) as Record<string, any>;

/** The long form of a compiled case: what a case file looked like before the shorthands. */
function longForm(c: CaseDefinition): Record<string, unknown> {
  const { slug: _s, version: _v, textRevision: _t, labUnits: _l, diagnoses: _d, ...data } = c;
  return JSON.parse(JSON.stringify(data));
}

describe('the compact case format', () => {
  it('still accepts the long form of every case and compiles it to the same case', () => {
    for (const c of course.cases) {
      const parsed = parseCase(`content/cases/${c.slug}/case.yaml`, c.slug, stringify(longForm(c)), sources, course.analytes, course.diagnoses);
      expect(parsed.problems).toEqual([]);
      expect(JSON.parse(JSON.stringify(parsed.entry))).toEqual(JSON.parse(JSON.stringify(c)));
    }
  });

  it("reads one-line evidence as a quote and a section from the case's own source", () => {
    expect(expandEvidence('serum calcium 10.5 mg/dl @ Laboratory data', 'hale-2003')).toEqual({
      source: 'hale-2003',
      quote: 'serum calcium 10.5 mg/dl',
      section: 'Laboratory data',
    });
    expect(expandEvidence('serum calcium 10.5 mg/dl', 'hale-2003')).toEqual({ source: 'hale-2003', quote: 'serum calcium 10.5 mg/dl' });
    expect(expandEvidence({ quote: 'a quote', section: 'Comment' }, 'hale-2003')).toEqual({ source: 'hale-2003', quote: 'a quote', section: 'Comment' });
    expect(expandEvidence({ source: 'gardner-2024', quote: 'a quote' }, 'hale-2003')).toEqual({ source: 'gardner-2024', quote: 'a quote' });
  });

  it('compiles a finding written inline under its action after the listed findings, with its id in reveals', () => {
    const data = authored();
    const action = data.actions.find((a: any) => Array.isArray(a.reveals) && a.reveals.length === 1);
    const id = action.reveals[0];
    const at = data.findings.findIndex((f: any) => f.id === id);
    action.reveals = [data.findings[at]];
    data.findings.splice(at, 1);
    const entry = compile(data).entry!;
    expect(entry.findings.at(-1)).toEqual(def.findings.find((f) => f.id === id));
    expect(entry.findings.map((f) => f.id).sort()).toEqual(def.findings.map((f) => f.id).sort());
    expect(entry.actions.find((a) => a.id === action.id)!.reveals).toEqual([id]);
  });

  it('writes the standard sentence for notReported: true', () => {
    const data = authored();
    const action = data.actions.find((a: any) => typeof a.notReported === 'string');
    action.notReported = true;
    expect(compile(data).entry!.actions.find((a) => a.id === action.id)!.notReported).toBe(notReportedSentence(action.label));
    expect(notReportedSentence('Bone scintigraphy')).toBe('The published case does not report bone scintigraphy.');
  });

  it("gives a lab with no reference its analyte's typical range for the patient, in the conventional unit only", () => {
    expect(typicalRange(course.analytes.creatinine, 'female')).toEqual({ low: 0.5, high: 1.1 });
    expect(typicalRange(course.analytes.creatinine, 'male')).toEqual({ low: 0.7, high: 1.3 });
    const data = authored();
    const lab = data.findings.find((f: any) => f.lab?.analyte && !f.lab.reference);
    const analyte = course.analytes[lab.lab.analyte]!;
    expect(compile(data).entry!.findings.find((f) => f.id === lab.id)!.lab!.reference).toEqual({
      ...typicalRange(analyte, data.patient.sex),
      note: TYPICAL_RANGE_NOTE,
    });
    lab.lab.unit = analyte.si;
    lab.lab.value = 1;
    delete lab.lab.range;
    expect(compile(data).entry!.findings.find((f) => f.id === lab.id)!.lab!.reference).toBeUndefined();
  });

  it("reads team path steps in the player's terms as the events they stand for", () => {
    const data = authored();
    expect(compile(data).entry!.teamPath.map((s) => s.event)).toEqual(def.teamPath.map((s) => s.event));
    expect(data.teamPath.some((s: any) => s.order !== undefined)).toBe(true);
  });

  it('reports a mistake in a shorthand at the field the author wrote', () => {
    let data = authored();
    data.findings[0].evidence = { quote: 'a quote', sectoin: 'Case' };
    expect(problems(data)).toEqual(['findings[0].evidence: unknown field `sectoin` (check the spelling against the schema)']);

    data = authored();
    data.findings[0].evidence = 12;
    expect(problems(data)).toEqual(['findings[0].evidence: expected text or a mapping of fields here']);

    data = authored();
    data.teamPath[0] = { order: data.actions[0].id, commit: { calciphylaxis: 100 }, note: 'two things at once' };
    expect(problems(data)).toEqual(['teamPath[0]: a step does one thing: it has order and commit']);

    data = authored();
    data.teamPath[0] = { order: 'no-such-action', note: 'an action the case does not have' };
    expect(problems(data)[0]).toMatch(/^teamPath\[0\]\.order: unknown action "no-such-action"/);

    data = authored();
    const action = data.actions.find((a: any) => Array.isArray(a.reveals) && a.reveals.length === 1);
    const at = data.findings.findIndex((f: any) => f.id === action.reveals[0]);
    action.reveals = [{ ...data.findings[at], evidence: { source: 'no-such-source', quote: 'a quote' } }];
    data.findings.splice(at, 1);
    const index = data.actions.indexOf(action);
    expect(problems(data)[0]).toMatch(new RegExp(`^actions\\[${index}\\]\\.reveals\\[0\\]\\.evidence\\.source: unknown source "no-such-source"`));
  });
});

describe('the best path in the instructor notes', () => {
  const notesFile = `content/instructor/${def.slug}.yaml`;
  const notesText = readFileSync(join(contentDir, 'instructor', `${def.slug}.yaml`), 'utf8');
  const parseNotes = (text: string) =>
    parseInstructorNotes(
      notesFile,
      def.slug,
      text,
      def,
      sources,
      course.cases.map((c) => c.slug),
    );

  it("is written in the player's terms and plays to the end", () => {
    const steps = parse(notesText).bestPath as unknown[];
    expect(steps).toContain('finish');
    expect(steps.some((s) => typeof s === 'object' && s !== null && 'order' in s)).toBe(true);
    const parsed = parseNotes(notesText);
    expect(parsed.problems).toEqual([]);
    expect(parsed.entry!.bestPath.at(-1)!.event).toEqual({ type: 'FINISH' });
  });

  it('reports a misspelt bare step and a step the case does not accept where they are written', () => {
    const data = parse(notesText);
    data.bestPath[data.bestPath.length - 1] = 'finsh';
    expect(parseNotes(stringify(data)).problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      `bestPath[${data.bestPath.length - 1}]: must be one of "advance", "finish", found the text "finsh"`,
    ]);
    const twice = parse(notesText);
    const first = twice.bestPath.findIndex((s: any) => typeof s === 'object' && s.order);
    twice.bestPath.splice(first + 1, 0, { order: twice.bestPath[first].order });
    expect(parseNotes(stringify(twice)).problems.map((p) => p.field)).toEqual([`bestPath[${first + 1}]`]);
  });
});

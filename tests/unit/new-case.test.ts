import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../helpers/content';
import { loadCourseContent } from '../../src/content-loading/load-content';
import { bestPathEvents, readInstructorNotes } from '../../src/content-loading/load-instructor';
import { validityFigures } from '../../src/scoring/validity-figures';

/**
 * A faculty author's afternoon, as a test: `npm run new-case` in a copy of the course content, every
 * TODO filled from the data below (a clearly fictional fixture, tests/fixtures/new-case/, never shown to
 * learners), and then the author's checks. No TypeScript or test file is touched to add the case.
 */

const SLUG = 'calcified-fingertips';
const SOURCE = 'fictional-fingertips';
const tsx = join(projectRoot, 'node_modules/tsx/dist/cli.mjs');
const run = (script: string, args: string[], contentDir: string) =>
  spawnSync(process.execPath, [tsx, script, ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, CALX_CONTENT_DIR: contentDir, FORCE_COLOR: '0' },
  });

function contentCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'calx-new-case-'));
  cpSync(join(projectRoot, 'content'), join(dir, 'content'), { recursive: true });
  return join(dir, 'content');
}

/** Writes over the TODO lines as an author would: each pair replaces the first TODO line still containing its needle, keeping the indentation. */
function fill(text: string, pairs: readonly (readonly [needle: string, line: string])[]): string {
  const lines = text.split('\n');
  for (const [needle, replacement] of pairs) {
    const i = lines.findIndex((l) => l.includes('TODO') && l.includes(needle));
    if (i < 0) throw new Error(`no TODO line left with "${needle}"`);
    if (replacement === '') lines.splice(i, 1);
    else {
      // Keep the indentation, and a list entry's dash unless the replacement writes its own.
      const [indent, dash] = /^(\s*)(- )?/.exec(lines[i]!)!.slice(1);
      lines[i] = `${indent}${replacement.startsWith('- ') ? '' : (dash ?? '')}${replacement}`;
    }
  }
  return lines.join('\n');
}

const Q = (quote: string, section = 'Case report') => `"${quote} @ ${section}"`;

const SOURCE_FILL = [
  ['Surname', '- Fixture A'],
  ['exact title', 'title: "A fictional case of hard fingertips, written only to test the authoring tools"'],
  ['journal', ''], // not known: pages say "journal not recorded"
  ['year of publication', 'year: 2020'],
  ['licence', ''], // not known: pages say "Licence: not recorded"
] as const;

const CASE_FILL = [
  ['neutral title', 'title: Hard spots on the fingertips of a man on dialysis'],
  ['two or three sentences', 'A man on dialysis has found hard pale spots on his fingertips. Work out what they are and what to change.'],
  ['how long', 'estimatedMinutes: 10'],
  ["case's clock", 'label: Clinic visit'],
  ['age the paper gives', 'age: 61'],
  ['female or male', 'sex: male'],
  ['one line on the patient', 'oneLiner: A 61-year-old man on dialysis with hard fingertip spots.'],
  ['verbatim quote', `evidence: ${Q('A 61-year-old man on dialysis noticed hard white spots')}`],
  ['day on the case', 'day: 1'],
  ['what happens at this point', 'title: First clinic visit'],
  ['presentation in your own words', 'A man of 61 on dialysis shows you the tips of his fingers, where he has felt hard spots.'],
  ['day: 2', 'day: 2'],
  ['The biopsy report', 'title: The biopsy report'],
  ['what has changed', 'If a biopsy was taken, its report is back. Decide what to change.'],
  ['complaint in your own words', 'report: He has found hard pale spots on his fingertips.'],
  ['verbatim quote', `evidence: ${Q('noticed hard white spots on his fingertips')}`],
  ['what the pathology showed', 'report: Calcium lies in the dermis; the vessels are spared.'],
  ['verbatim quote', `evidence: ${Q('calcium deposits in the dermis without vessel involvement')}`],
  ['what the history showed', 'report: His hands do not hurt and he has had no fever.'],
  ['verbatim quote', `evidence: ${Q('He had no pain in his hands and no fever')}`],
  ['what the examination showed', 'report: Firm, chalky nodules sit under skin that is not broken.'],
  ['verbatim quote', `evidence: ${Q('firm chalky nodules under intact skin')}`],
  ['value and unit', 'lab: { value: 9.1, unit: mg/dL, analyte: calcium }'],
  ['verbatim quote', `evidence: ${Q('His serum calcium was 9.1 mg/dL')}`],
  ['imaging the team did', 'label: Radiographs of the hands'],
  ['what the imaging showed', 'report: Dense deposits lie in the soft tissue of the fingers.'],
  ['verbatim quote', `evidence: ${Q('dense deposits in the soft tissue')}`],
  ['does not report', 'label: Serum parathyroid hormone'],
  ['adds nothing here', 'label: Bone scan'],
  ['warn against', 'label: Oral calcium supplements'],
  ['follows from it', 'text: The sources stop calcium supplements, which may add to the deposits.'],
  ['verbatim quote', `evidence: ${Q('stopped because they may worsen the deposits', 'Discussion')}`],
  ['treatment the team gave', 'label: Change the phosphate binder'],
  ['what followed', 'report: The nodules became softer once the binder was changed.'],
  ['verbatim quote', `evidence: ${Q('The nodules softened after the phosphate binder was changed')}`],
  ['documents as the diagnosis', '- diagnosis: dystrophic'],
  ['why this is the diagnosis', 'feedback: Calcium in injured dermis with normal calcium and spared vessels is dystrophic.'],
  ['verbatim quote', `evidence: ${Q('judged to be dystrophic calcification of the fingertips', 'Discussion')}`],
  ['settles the question', 'why: It shows where the calcium lies, and that the vessels are spared.'],
  ['why it discriminates', 'why: Chalky nodules under whole skin point away from a vessel process.'],
  ['why it discriminates', 'why: It shows the deposits before any biopsy.'],
  ['adds nothing here', 'reason: A bone scan adds nothing once the hands are imaged.'],
  ['verbatim quote', `evidence: ${Q('Bone scans added nothing in this setting', 'Discussion')}`],
  ['harm the sources name', 'reason: Extra calcium may make the deposits worse.'],
  ['verbatim quote', `evidence: ${Q('they may worsen the deposits', 'Discussion')}`],
  ['expert would write', 'expertSummary: A dialysis-dependent man with painless chalky nodules of the fingertips.'],
  ['verbatim quote', `evidence: ${Q('A 61-year-old man on dialysis')}`],
  ['semantic qualifier', 'label: dialysis-dependent'],
  ['words a learner may use', 'synonyms: [dialysis, on dialysis, haemodialysis]'],
  ['another qualifier', 'label: painless'],
  ['words a learner may use', 'synonyms: [painless, no pain, not painful]'],
  ['did first', 'note: The team asked about pain and fever.'],
  ["team's working diagnosis", '- commit: { dystrophic: 80, calciphylaxis: 20 }'],
  ["team's one-sentence summary", 'summary: A man on dialysis with painless hard fingertip nodules.'],
  ['what the team thought', 'note: The team thought of tissue injury first.'],
  ['what happened next', 'note: The biopsy report came back.'],
  ['how the case ended', 'note: The binder was changed and the nodules softened.'],
  ['point to take away', 'text: Repeated small injuries, such as finger pricks, can seed calcium in the skin.'],
  ['verbatim quote', `evidence: ${Q('Tissue injury from repeated finger pricks was the likely trigger', 'Discussion')}`],
] as const;

const LESSON_FILL = [
  ["lesson's title", 'title: Hard spots on the fingertips of a man on dialysis'],
  ['able to do afterwards', '- Tell calcium laid down in injured skin from calcium in the vessels.'],
  ['set the scene', 'A man on dialysis shows you hard spots on his fingertips. Decide what to ask, examine and test.'],
  ['the discussion', 'The biopsy and the normal calcium carry this case; the vessels are spared.'],
] as const;

const NOTES_FILL = [
  ['question for a class discussion', 'question: Which finding would move you most from a vessel process to calcium in injured skin?'],
  ['verbatim quote', `evidence: { source: ${SOURCE}, quote: "without vessel involvement", section: Case report }`],
  ['second question', 'question: Why might supplements be stopped even with a normal calcium?'],
  ['verbatim quote', `evidence: { source: ${SOURCE}, quote: "they may worsen the deposits", section: Discussion }`],
  ['third question', 'question: What small, repeated injury could seed calcium in fingertips?'],
  ['verbatim quote', `evidence: { source: ${SOURCE}, quote: "repeated finger pricks", section: Discussion }`],
  ["answer's id", '- commit: { dystrophic: 90, calciphylaxis: 10 }'],
  ["expert's one-sentence summary", 'summary: "A dialysis-dependent man with painless chalky nodules of the fingertips."'],
] as const;

/** The skeleton written, then filled from the fixture; the best path revises to the answer once the biopsy is back. */
function authoredCase(): string {
  const content = contentCopy();
  const made = run('scripts/new-case.ts', [SLUG, '--source', SOURCE], content);
  expect(made.status, made.stderr).toBe(0);
  const edit = (rel: string, pairs: readonly (readonly [string, string])[], after: (t: string) => string = (t) => t) => {
    const path = join(content, rel);
    const text = after(fill(readFileSync(path, 'utf8'), pairs));
    expect(text, `${rel} still has a TODO`).not.toMatch(/TODO/);
    writeFileSync(path, text);
  };
  edit(`sources/${SOURCE}.yaml`, SOURCE_FILL);
  edit(`cases/${SLUG}/case.yaml`, CASE_FILL);
  edit(`cases/${SLUG}/lesson.mdx`, LESSON_FILL);
  edit(`instructor/${SLUG}.yaml`, NOTES_FILL, (t) => t.replace('  # Revise here', '  - commit: { dystrophic: 100 }\n  # Revise here'));
  writeFileSync(join(content, `sources/${SOURCE}.txt`), readFileSync(join(projectRoot, 'tests/fixtures/new-case/fictional-paper.txt'), 'utf8'));
  return content;
}

describe('npm run new-case', () => {
  it('refuses a slug that is not kebab-case, and one that is already a case, writing nothing', () => {
    const content = contentCopy();
    const bad = run('scripts/new-case.ts', ['Hard_Fingers'], content);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('"Hard_Fingers" is not a case slug: use lower-case words joined by hyphens');
    expect(existsSync(join(content, 'cases/Hard_Fingers'))).toBe(false);
    const taken = run('scripts/new-case.ts', ['hip-ulcer-cirrhosis'], content);
    expect(taken.status).toBe(2);
    expect(taken.stderr).toContain('there is already a case "hip-ulcer-cirrhosis"');
    expect(existsSync(join(content, 'sources/hip-ulcer-cirrhosis-source.yaml'))).toBe(false);
  }, 60_000);

  it('writes a skeleton that check:content rejects, naming every TODO left with its file and line', () => {
    const content = contentCopy();
    expect(run('scripts/new-case.ts', [SLUG], content).status).toBe(0);
    const files = [`cases/${SLUG}/case.yaml`, `cases/${SLUG}/lesson.mdx`, `instructor/${SLUG}.yaml`, `sources/${SLUG}-source.yaml`];
    const todoLines = files.flatMap((f) =>
      readFileSync(join(content, f), 'utf8')
        .split('\n')
        .flatMap((l, i) => (l.includes('TODO') ? [`${f}:${i + 1}:`] : [])),
    );
    const checked = run('scripts/check-content.ts', ['--walks', '5'], content);
    expect(checked.status).toBe(1);
    const named = checked.stderr.split('\n').filter((l) => l.includes(': still to write: '));
    expect(todoLines.length).toBeGreaterThan(20);
    expect(named).toHaveLength(todoLines.length);
    for (const at of todoLines) expect(checked.stderr).toContain(at);
  }, 120_000);

  it('gives a case that, with its TODOs filled, passes check:content, loads, scores its best path 95 or more and passes the unit-level content tests', () => {
    const content = authoredCase();
    const checked = run('scripts/check-content.ts', ['--walks', '200'], content);
    expect(checked.status, `${checked.stdout}\n${checked.stderr}`).toBe(0);
    expect(checked.stdout).toContain(`  ${SLUG}\n    ok   best path`);

    const course = loadCourseContent(content, projectRoot);
    const def = course.cases.find((c) => c.slug === SLUG)!;
    expect(def.title).toBe('Hard spots on the fingertips of a man on dialysis');
    const { notes } = readInstructorNotes(content, course.cases, new Set(course.sources.map((s) => s.id)), projectRoot);
    const best = validityFigures(def, bestPathEvents(notes.find((n) => n.case === SLUG)!), { walks: 50 }).find((f) => f.id === 'best')!;
    expect(best.value).toBeGreaterThanOrEqual(95);

    // The unit tests that read the content, on the content with the new case in it.
    const tests = ['provenance', 'validity', 'units', 'lab-units-display', 'decision-map', 'module-errors', 'case-revision', 'json-schemas'].map(
      (t) => `tests/unit/${t}.test.ts`,
    );
    const vitest = spawnSync(process.execPath, [join(projectRoot, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=verbose', ...tests], {
      cwd: projectRoot,
      encoding: 'utf8',
      env: { ...process.env, CALX_CONTENT_DIR: content, FORCE_COLOR: '0' },
    });
    expect(vitest.status, `${vitest.stdout.slice(-4000)}\n${vitest.stderr.slice(-2000)}`).toBe(0);
    expect(vitest.stdout).toContain(`validity of the score on ${SLUG}`);
  }, 600_000);
});

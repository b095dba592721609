import { describe, expect, it, onTestFinished } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { contentDir, course, projectRoot } from '../helpers/content';
import { seedsDir, seedsPresent, seedsSkipReason } from '../helpers/seeds';
import { checkCopiedRuns, checkPatientDetailsIn, checkQuotes, quoteFiles } from '../../src/content-loading/author-checks';
import { SourceTexts, sourcesDirOf } from '../../src/content-loading/source-texts';
import { copiedRunsIn, findCopiedRuns, formatCopiedRun, sourceGrams } from '../../src/content-loading/copycheck';
import { formatProblem } from '../../src/schemas/content-errors';
import { tmpdir } from 'node:os';
import { checkPatientDetails } from '../../src/content-loading/patient-details';
import { loadQuestionBank } from '../../src/content-loading/load-questions';
import { loadInstructorNotes } from '../../src/content-loading/load-instructor';

const texts = new SourceTexts(course.sources, contentDir, sourcesDirOf(projectRoot));
const instructorNotes = loadInstructorNotes(contentDir, course.cases, new Set(course.sources.map((s) => s.id)), projectRoot);

describe('provenance', () => {
  it('fails in CI when the seed documents are missing, rather than skipping silently', () => {
    if (process.env.CI && !process.env.CALX_ALLOW_MISSING_SOURCES) expect(seedsPresent, seedsSkipReason ?? '').toBe(true);
  });

  // The same check `npm run check:content` runs (src/content-loading/author-checks.ts), file by file.
  for (const file of quoteFiles(contentDir, projectRoot)) {
    it(`every quote in ${file.file} is under 12 words and verbatim in its source's text`, (ctx) => {
      const report = checkQuotes([file], course.sources, texts);
      expect(report.total, `${file.file} carries no quotes at all`).toBeGreaterThan(0);
      expect(report.problems.map(formatProblem)).toEqual([]);
      if (report.unchecked.length) return ctx.skip(report.unchecked.join('; '));
      expect(report.checked).toBe(report.total);
    });
  }

  it('every reported value and finding carries a quote', () => {
    const missing = course.cases.flatMap((c) => c.findings.filter((f) => !f.evidence.quote).map((f) => `${c.slug}: ${f.id}`));
    expect(missing).toEqual([]);
  });

  it('reports a quote of 12 words or more, and one not in its source, at its line and column', () => {
    const yaml = [
      'items:',
      '  - id: a',
      '    evidence: { source: gardner-2024, quote: "one two three four five six seven eight nine ten eleven twelve" }',
      '  - id: b',
      '    evidence: { source: gardner-2024, quote: "words the paper never printed anywhere" }',
    ].join('\n');
    const report = checkQuotes([{ file: 'content/questions/x.yaml', yaml, lineOffset: 0 }], course.sources, texts);
    const messages = report.problems.map(formatProblem);
    expect(messages[0]).toBe(
      'content/questions/x.yaml:3:46: item 1 (`a`), field `items[0].evidence.quote`: the quote has 12 words: keep it under 12 (a ' +
        'citation, not a copy), e.g. the words that carry the fact',
    );
    if (texts.lookup('gardner-2024').found)
      expect(messages).toContainEqual(
        expect.stringMatching(
          /^content\/questions\/x\.yaml:5:46: item 2 \(`b`\), field `items\[1\]\.evidence\.quote`: not found in the text of gardner-2024: /,
        ),
      );
  });

  it('says which quotes it could not check, naming the file and the source, when a text is missing', () => {
    const nowhere = new SourceTexts(course.sources, contentDir, '/nonexistent/seeds');
    const yaml = 'items:\n  - evidence: { source: hale-2003, quote: "short" }\n';
    const report = checkQuotes([{ file: 'content/questions/x.yaml', yaml, lineOffset: 0 }], course.sources, nowhere);
    expect(report.problems).toEqual([]);
    expect(report.unchecked).toEqual([
      expect.stringMatching(
        new RegExp(
          [
            String.raw`^content\/questions\/x\.yaml: 1 quote from hale-2003 not checked against its text: `,
            String.raw`its text is neither in content\/sources\/hale-2003\.txt nor at \/nonexistent\/seeds\/`,
          ].join(''),
        ),
      ),
    ]);
  });

  it('reads a source text from content/sources/<id>.txt before SOURCES_DIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calx-sources-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'sources'));
    writeFileSync(join(dir, 'sources', 'own-paper.txt'), 'The plaques were hard and pain-\nful on both legs.');
    const local = new SourceTexts([{ id: 'own-paper' }], dir, '/nonexistent/seeds');
    expect(local.normalisedText('own-paper')).toContain('painful on both legs');
    const yaml = 'items:\n  - evidence: { source: own-paper, quote: "were hard and painful" }\n';
    const report = checkQuotes(
      [{ file: 'content/questions/x.yaml', yaml, lineOffset: 0 }],
      [{ id: 'own-paper', authors: [], title: 'T', citeAs: 'Own' }],
      local,
    );
    expect(report).toMatchObject({ problems: [], unchecked: [], checked: 1, total: 1 });
  });
});

describe('our own words', () => {
  it('finds no run of 12 or more words copied from the seeds, except exact paper titles in source records', (ctx) => {
    if (!seedsPresent) return ctx.skip(seedsSkipReason!);
    const copied = checkCopiedRuns(projectRoot, contentDir, course.sources, texts);
    expect(copied.textsRead).toBeGreaterThan(0);
    expect(copied.problems.map(formatProblem)).toEqual([]);
  });

  it('the TypeScript port finds exactly the runs the original copycheck tool prints', (ctx) => {
    const tool = join(seedsDir, '../tools/copycheck');
    if (!seedsPresent || !existsSync(tool)) return ctx.skip(`the original tool is not at ${tool}`);
    const seeds = readdirSync(seedsDir)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => readFileSync(join(seedsDir, f), 'utf8'));
    // The course's own files, and a folder that plants a 20-word run from a seed, so the comparison is never empty.
    const planted = mkdtempSync(join(tmpdir(), 'calx-copycheck-'));
    onTestFinished(() => rmSync(planted, { recursive: true, force: true }));
    mkdirSync(join(planted, 'planted'));
    const run = seeds[0]!.split(/\s+/).filter(Boolean).slice(200, 220).join(' ');
    writeFileSync(join(planted, 'planted', 'copy.md'), `Our own opening line.\n${run}\nOur own closing line.\n`);
    for (const [cwd, paths] of [
      [projectRoot, ['content', 'src']],
      [planted, ['planted']],
    ] as const) {
      const python = spawnSync('python3', [tool, ...paths], { cwd, encoding: 'utf8' });
      if (python.error) return ctx.skip(`python3 is not available: ${python.error.message}`);
      const theirs = python.stdout
        .split('\n')
        .filter((l) => / copied \d+ words: /.test(l))
        .sort();
      const ours = findCopiedRuns(cwd, paths, seeds).map(formatCopiedRun).sort();
      expect(ours, `runs found under ${paths.join(', ')}`).toEqual(theirs);
      if (cwd === planted) expect(theirs.length, 'the planted run is found by both').toBeGreaterThan(0);
    }
  });

  it('merges overlapping runs and counts lines as the tool does, joining words hyphenated across a line break in the source', () => {
    const source = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi';
    const grams = sourceGrams([source.replace('gamma', 'gam-\nma')], 12);
    const runs = copiedRunsIn('f.md', `intro line\n${source.split(' ').slice(0, 8).join(' ')}\n${source.split(' ').slice(8).join(' ')} end`, grams, 12);
    expect(runs).toEqual([{ file: 'f.md', line: 2, words: 16, text: source }]);
  });
});

describe('patient details in prose', () => {
  // The rule npm run check:content applies (src/content-loading/patient-details.ts), on the course as loaded.
  const { topics } = loadQuestionBank(
    contentDir,
    { caseSlugs: new Set(course.cases.map((c) => c.slug)), sourceIds: new Set(course.sources.map((s) => s.id)), cases: course.cases },
    projectRoot,
  );
  const problems = checkPatientDetailsIn(contentDir, projectRoot, { cases: course.cases, topics, instructor: instructorNotes }).map(formatProblem);
  const bank = topics.map((t) => ({ file: t.file, items: t.items }));

  it('every quiz item tied to a case declares the findings it relies on, and states no number its findings or quotes do not hold', () => {
    expect(problems.filter((p) => p.startsWith('content/questions/') || /\/questions\//.test(p))).toEqual([]);
    expect(
      bank.some((t) => t.items.some((i) => i.cases.length > 0)),
      'the bank has items tied to cases, so the rule is exercised',
    ).toBe(true);
  });

  it('every number a discussion question states is a value of its declared findings or in its quote', () => {
    expect(problems.filter((p) => /\/instructor\//.test(p))).toEqual([]);
  });

  it('every number in the lesson exercise is a value of its case findings or in its quote, and a finding with numbers names its case', () => {
    expect(problems.filter((p) => /\/lessons\//.test(p))).toEqual([]);
  });

  it('catches an invented number: a value no finding of the item holds, at its field', () => {
    const def = course.cases[0]!;
    const lab = def.findings.find((f) => f.lab?.value !== undefined)!;
    const item = {
      id: 'x',
      type: 'single',
      cases: [def.slug],
      findings: [lab.id],
      stem: `The value was ${lab.lab!.value}, and 987654 on the next day.`,
      explanation: 'x',
      options: [],
    };
    const found = checkPatientDetails({
      cases: course.cases,
      topics: [{ file: 'content/questions/x.yaml', items: [item] }],
      notes: [],
      exercises: [],
      constants: [],
    });
    expect(found).toEqual([
      {
        file: 'content/questions/x.yaml',
        field: 'items[0].stem',
        message: expect.stringMatching(/^987654: not a value of the item's findings nor in its quotes/),
      },
    ]);
  });

  it('the invented details the clinical review found are gone from the bank, the lesson and the discussion questions', () => {
    // Each phrase states something about a patient that no seed reports.
    const invented = [
      /none (of them )?(were |was )?ulcerated/i,
      /no local injury/i,
      /plaques are symmetric/i,
      /she had no skin lesions/i,
      /no skin lesions are reported/i,
      /calcified within weeks/i,
      /while (her )?phosphorus and PTH (were|are) high/i,
      /turned to stone/i,
      /her plaques had not ulcerated/i,
    ];
    const files = [
      ...readdirSync(join(contentDir, 'questions')).map((f) => `questions/${f}`),
      ...readdirSync(join(contentDir, 'lessons')).map((f) => `lessons/${f}`),
      ...readdirSync(join(contentDir, 'instructor')).map((f) => `instructor/${f}`),
    ];
    const found = files.flatMap((file) => {
      const text = readFileSync(join(contentDir, file), 'utf8').replace(/\s+/g, ' ');
      return invented.filter((re) => re.test(text)).map((re) => `${file}: ${re.source}`);
    });
    expect(found).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkModuleReferences, loadModules, parseModule } from '../../src/content-loading/load-modules';
import { parseInstructorNotes } from '../../src/content-loading/load-instructor';
import { loadFacultyContent } from '../../src/content-loading/load-faculty';
import { ContentError } from '../../src/schemas/content-errors';
import { caseBySlug, contentDir, course, projectRoot } from '../helpers/content';

const FILE = 'content/modules/my-module.yaml';
const refs = {
  caseSlugs: new Set(['liver-transplant-calcification', 'calcified-liver-new-dialysis']),
  lessonSlugs: new Set(['telling-them-apart']),
  quizTopics: new Set(['processes', 'laboratory']),
};

/** A small valid module; tests change one line of it. */
const VALID = `title: Calcium in the liver
audience: Residents in transplant surgery
description: Two liver cases and a quiz.
objectives:
  - Tell dystrophic from metastatic calcification.
items:
  - { kind: case, slug: liver-transplant-calcification }
  - { kind: lesson, slug: telling-them-apart }
  - { kind: quiz, topic: laboratory }
estimatedMinutes: 55
passMark: 70
`;

const messages = (text: string) => {
  const parsed = parseModule(FILE, text);
  const problems = parsed.entry ? checkModuleReferences(FILE, parsed.entry, refs) : parsed.problems;
  return problems.map((p) => `${p.file}: ${p.field}: ${p.message}`);
};

describe('module file errors name the file and the field', () => {
  it('accepts a valid module', () => {
    expect(messages(VALID)).toEqual([]);
  });

  it('reports a missing required field as required', () => {
    expect(messages(VALID.replace(/^passMark: 70\n/m, ''))).toEqual([`${FILE}: passMark: is required (a number)`]);
  });

  it('reports a pass mark above 100', () => {
    expect(messages(VALID.replace('passMark: 70', 'passMark: 170'))).toEqual([`${FILE}: passMark: must be at most 100`]);
  });

  it('reports a wrong type with what was found', () => {
    expect(messages(VALID.replace('estimatedMinutes: 55', 'estimatedMinutes: about an hour'))).toEqual([
      `${FILE}: estimatedMinutes: expected a number, found the text "about an hour"`,
    ]);
  });

  it('reports a misspelt field as unknown', () => {
    expect(messages(`${VALID}pasMark: 60\n`)).toEqual([`${FILE}: : unknown field \`pasMark\` (check the spelling against the schema)`]);
  });

  it('reports an unknown step kind with the kinds allowed', () => {
    expect(messages(VALID.replace('{ kind: lesson, slug: telling-them-apart }', '{ kind: video, slug: telling-them-apart }'))).toEqual([
      `${FILE}: items[1].kind: unknown step kind "video" (use one of "case", "lesson", "quiz", "all-cases")`,
    ]);
  });

  it('reports a step without a kind', () => {
    expect(messages(VALID.replace('{ kind: lesson, slug: telling-them-apart }', '{ slug: telling-them-apart }'))).toEqual([
      `${FILE}: items[1].kind: is required: one of "case", "lesson", "quiz", "all-cases"`,
    ]);
  });

  it('reports a quiz step that names a slug instead of a topic', () => {
    expect(messages(VALID.replace('{ kind: quiz, topic: laboratory }', '{ kind: quiz, slug: laboratory }'))).toEqual([
      `${FILE}: items[2].topic: is required (text)`,
      `${FILE}: items[2]: unknown field \`slug\` (check the spelling against the schema)`,
    ]);
  });

  it('reports an unknown case with the file it looked for and the known cases', () => {
    expect(messages(VALID.replace('slug: liver-transplant-calcification', 'slug: liver-transplant'))).toEqual([
      `${FILE}: items[0].slug: unknown case "liver-transplant": there is no content/cases/liver-transplant/ (did you mean ` +
        `"liver-transplant-calcification"? known: calcified-liver-new-dialysis, liver-transplant-calcification)`,
    ]);
  });

  it('reports an unknown lesson', () => {
    expect(messages(VALID.replace('slug: telling-them-apart', 'slug: tell-them-apart'))).toEqual([
      `${FILE}: items[1].slug: unknown lesson "tell-them-apart": there is no content/lessons/tell-them-apart.mdx (did you mean ` +
        `"telling-them-apart"? known: telling-them-apart)`,
    ]);
  });

  it('reports an unknown quiz topic', () => {
    expect(messages(VALID.replace('topic: laboratory', 'topic: labs'))).toEqual([
      `${FILE}: items[2].topic: unknown quiz topic "labs": there is no content/questions/labs.yaml (known: laboratory, processes)`,
    ]);
  });

  it('reports a step listed twice', () => {
    expect(
      messages(
        VALID.replace(
          '  - { kind: quiz, topic: laboratory }\n',
          '  - { kind: quiz, topic: laboratory }\n  - { kind: case, slug: liver-transplant-calcification }\n',
        ),
      ),
    ).toEqual([`${FILE}: items[3].slug: the case "liver-transplant-calcification" is already step 1 of this module; list each step once`]);
  });

  it('reports a module with nothing scored', () => {
    const onlyLesson = VALID.replace('  - { kind: case, slug: liver-transplant-calcification }\n', '').replace('  - { kind: quiz, topic: laboratory }\n', '');
    expect(messages(onlyLesson)).toEqual([
      `${FILE}: items: needs at least one case or quiz: the pass mark is reached on the mean of their scores, and lessons are not scored`,
    ]);
  });

  it('reports broken YAML with its line', () => {
    const [problem] = parseModule(FILE, 'title: [unclosed\n').problems;
    expect(problem).toMatchObject({ file: FILE, field: '', line: expect.any(Number), column: expect.any(Number) });
    expect(problem!.message).toMatch(/^is not valid YAML: /);
  });
});

describe('loading modules from a folder', () => {
  function folder(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'calx-modules-'));
    mkdirSync(join(dir, 'modules'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'modules', name), text);
    return dir;
  }

  it('throws one ContentError listing every problem in every file, with paths relative to the project', () => {
    const dir = folder({
      'a.yaml': VALID.replace('topic: laboratory', 'topic: labs'),
      'b.yaml': VALID.replace('passMark: 70', 'passMark: high'),
      'Bad Name.yaml': VALID,
    });
    let error: unknown;
    try {
      loadModules(dir, refs, dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).message.split('\n')).toEqual([
      'Invalid course content (3 problems):',
      '  - modules/Bad Name.yaml: the file name "Bad Name" is the module\'s URL: use lower-case words joined by hyphens',
      '  - modules/a.yaml:9:26: item 3 (`labs`), field `items[2].topic`: unknown quiz topic "labs": there is no ' +
        'content/questions/labs.yaml (known: laboratory, processes)',
      '  - modules/b.yaml:11:11: field `passMark`: expected a number, found the text "high"',
    ]);
  });

  it('returns the modules by order with their slugs', () => {
    const dir = folder({ 'second.yaml': `${VALID}order: 2\n`, 'first.yaml': `${VALID.replace('Calcium in the liver', 'First')}order: 1\n` });
    expect(loadModules(dir, refs, dir).map((m) => [m.slug, m.title, m.file])).toEqual([
      ['first', 'First', 'modules/first.yaml'],
      ['second', 'Calcium in the liver', 'modules/second.yaml'],
    ]);
  });

  it('loads the course modules: the main one takes every case in course order by rule, with the synthesis lesson and a quiz', () => {
    const topics = [...refs.quizTopics, 'liver-transplant-calcification'].map((id) => ({ id }));
    const { modules } = loadFacultyContent(contentDir, { cases: course.cases, sources: course.sources, topics }, projectRoot);
    const main = modules.find((m) => m.slug === 'calciphylaxis-and-its-mimics')!;
    const byOrder = [...course.cases].sort((a, b) => a.order - b.order).map((c) => c.slug);
    expect(main.items.filter((i) => i.kind === 'case').map((i) => (i.kind === 'case' ? i.slug : ''))).toEqual(byOrder);
    expect(main.items).toContainEqual({ kind: 'lesson', slug: 'telling-them-apart' });
    expect(main.items.some((i) => i.kind === 'quiz')).toBe(true);
    const liver = modules.find((m) => m.slug === 'liver-cases')!;
    expect(liver.items.filter((i) => i.kind === 'case')).toEqual([
      { kind: 'case', slug: 'liver-transplant-calcification' },
      { kind: 'case', slug: 'calcified-liver-new-dialysis' },
    ]);
    expect(liver.items.some((i) => i.kind === 'quiz')).toBe(true);
  });
});

describe('instructor notes errors name the file and the field', () => {
  const slug = 'liver-transplant-calcification';
  const NFILE = `content/instructor/${slug}.yaml`;
  const def = caseBySlug(slug);
  const sources = new Set(course.sources.map((s) => s.id));
  const q = (text: string) => `  - question: ${text}\n    evidence: { source: gardner-2024, quote: "sodium thiosulfate therapy was initiated" }\n`;
  const notes = (questions: number, path: string) =>
    `discussionQuestions:\n${Array.from({ length: questions }, (_, i) => q(`Question ${i + 1}?`)).join('')}bestPath:\n${path}`;
  const FINISHING = [
    '  - event: { type: COMMIT, differential: [{ diagnosis: dystrophic, probability: 50 }, { diagnosis: metastatic, probability: ' +
      '50 }], summary: A woman after a liver transplant. }',
    '  - event: { type: ADVANCE }',
    '  - event: { type: ADVANCE }',
    '  - event: { type: FINISH }',
  ].join('\n');
  const problems = (text: string, s = slug) =>
    parseInstructorNotes(
      `content/instructor/${s}.yaml`,
      s,
      text,
      s === slug ? def : undefined,
      sources,
      course.cases.map((c) => c.slug),
    ).problems.map((p) => `${p.file}: ${p.field}: ${p.message}`);

  it('accepts notes whose best path plays to the end', () => {
    expect(problems(notes(3, FINISHING))).toEqual([]);
  });

  it('needs three to five discussion questions', () => {
    expect(problems(notes(2, FINISHING))).toEqual([`${NFILE}: discussionQuestions: needs at least 3 items`]);
    expect(problems(notes(6, FINISHING))).toEqual([`${NFILE}: discussionQuestions: needs at most 5 items`]);
  });

  it('reports a file named after no case', () => {
    expect(problems(notes(3, FINISHING), 'liver-case')).toEqual([
      `content/instructor/liver-case.yaml: : the file name "liver-case" must be the slug of a case (known: ${course.cases
        .map((c) => c.slug)
        .sort()
        .join(', ')})`,
    ]);
  });

  it('reports an unknown source', () => {
    expect(problems(notes(3, FINISHING).replace('source: gardner-2024', 'source: gardner'))).toEqual([
      `${NFILE}: discussionQuestions[0].evidence.source: unknown source "gardner" (did you mean "gardner-2024"? known: ${[...sources].join(', ')})`,
    ]);
  });

  it('reports a best-path step the case does not accept, with the engine reason', () => {
    expect(problems(notes(3, `  - event: { type: ORDER, action: pth }\n  - event: { type: ORDER, action: pth }\n${FINISHING}`))).toEqual([
      `${NFILE}: bestPath[1].event: the case does not accept this step here: "pth" was already done at POD 16`,
    ]);
  });

  it('reports a best path that does not finish', () => {
    expect(problems(notes(3, '  - event: { type: ORDER, action: pth }\n'))).toEqual([
      `${NFILE}: bestPath: must play to the end of the case: finish it with a FINISH step at the last stage`,
    ]);
  });
});

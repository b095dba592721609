import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkQuestionReferences, loadQuestionBank, parseObjectives, parseQuestionFile } from '../../src/content-loading/load-questions';
import { ContentError } from '../../src/schemas/content-errors';

const FILE = 'content/questions/processes.yaml';
const refs = { caseSlugs: new Set(['liver-transplant-calcification']), sourceIds: new Set(['gardner-2024']) };

/** A small valid topic file; tests change one line of it. */
const VALID = `title: Telling the processes apart
description: Dystrophic, metastatic, iatrogenic calcification and calciphylaxis.
items:
  - id: which-process
    type: single
    stem: Which process is defined by calcium in the walls of small vessels?
    cases: [liver-transplant-calcification]
    concepts: [processes, histopathology]
    objectives: [distinguish-processes]
    difficulty: easy
    explanation: Calciphylaxis is defined by calcification of small and medium vessels.
    evidence: { source: gardner-2024, quote: "calcification of the media of small- and medium-sized", section: Discussion }
    options:
      - { id: calciphylaxis, text: Calciphylaxis, correct: true, explanation: The definition. }
      - { id: dystrophic, text: Dystrophic calcification, correct: false, explanation: Damaged tissue with normal minerals. }
      - { id: metastatic, text: Metastatic calcification, correct: false, explanation: Normal tissue with abnormal minerals. }
  - id: ca-p-product
    type: numeric
    stem: Calcium 10 mg/dL, phosphorus 7 mg/dL. What is the product?
    concepts: [laboratory]
    objectives: [calculate-mineral-indices]
    difficulty: easy
    explanation: Multiply the two values.
    evidence: { source: gardner-2024 }
    answer: 70
    tolerance: 1
    unit: mg2/dL2
    misconceptions:
      - { value: 17, tolerance: 0.5, explanation: You added them. }
`;
const OBJECTIVES = new Set(['distinguish-processes', 'calculate-mineral-indices']);

const problems = (text: string) => parseQuestionFile(FILE, text).problems.map((p) => `${p.file}: ${p.field}: ${p.message}`);
const crossProblems = (files: { file: string; text: string }[]) =>
  checkQuestionReferences(
    files.map(({ file, text }) => ({ file, data: parseQuestionFile(file, text).entry! })),
    OBJECTIVES,
    refs,
  ).map((p) => `${p.file}: ${p.field}: ${p.message}`);

describe('question files: errors name the file and the field', () => {
  it('accepts a valid topic file without problems', () => {
    expect(problems(VALID)).toEqual([]);
    expect(crossProblems([{ file: FILE, text: VALID }])).toEqual([]);
  });

  it('reports a missing explanation as required', () => {
    expect(problems(VALID.replace('    explanation: Multiply the two values.\n', ''))).toEqual([`${FILE}: items[1].explanation: is required (text)`]);
  });

  it('reports an unknown item type with the types there are', () => {
    expect(problems(VALID.replace('type: numeric', 'type: number'))).toEqual([
      `${FILE}: items[1].type: unknown item type "number" (use one of "single", "multiple", "matching", "numeric", "ordering", "concordance", "key-feature")`,
    ]);
  });

  it('reports a missing item type as required, with the types there are', () => {
    expect(problems(VALID.replace('    type: numeric\n', ''))).toEqual([
      `${FILE}: items[1].type: is required: one of "single", "multiple", "matching", "numeric", "ordering", "concordance", "key-feature"`,
    ]);
  });

  it('reports a difficulty outside the scale with the allowed values', () => {
    expect(problems(VALID.replace('difficulty: easy', 'difficulty: trivial'))).toEqual([
      `${FILE}: items[0].difficulty: must be one of "easy", "medium", "hard", found the text "trivial"`,
    ]);
  });

  it('reports a concept that is not one of the course concepts', () => {
    expect(problems(VALID.replace('concepts: [laboratory]', 'concepts: [lab]'))).toEqual([
      `${FILE}: items[1].concepts[0]: must be one of "processes", "laboratory", "imaging", "histopathology", "treatment", "prognosis", found the text "lab"`,
    ]);
  });

  it('reports a misspelt option field as unknown', () => {
    expect(problems(VALID.replace('correct: false, explanation: Damaged', 'corect: false, explanation: Damaged'))).toEqual([
      `${FILE}: items[0].options[1].correct: is required (true or false)`,
      `${FILE}: items[0].options[1]: unknown field \`corect\` (check the spelling against the schema)`,
    ]);
  });

  it('reports a single best answer item with two right options', () => {
    expect(problems(VALID.replace('correct: false, explanation: Damaged', 'correct: true, explanation: Damaged'))).toEqual([
      `${FILE}: items[0].options: a single best answer item needs exactly one correct option`,
    ]);
  });

  it('reports a tolerance given as text', () => {
    expect(problems(VALID.replace('tolerance: 1\n', 'tolerance: one\n'))).toEqual([`${FILE}: items[1].tolerance: expected a number, found the text "one"`]);
  });

  it('reports broken YAML with its line', () => {
    const [problem] = parseQuestionFile(FILE, 'title: [unclosed\ndescription: x\n').problems;
    expect(problem).toMatchObject({ file: FILE, field: '', line: expect.any(Number), column: expect.any(Number) });
    expect(problem!.message).toMatch(/^is not valid YAML: /);
  });

  it('reports an objective id that is not in content/objectives.yaml', () => {
    expect(crossProblems([{ file: FILE, text: VALID.replace('objectives: [distinguish-processes]', 'objectives: [tell-apart]') }])).toEqual([
      `${FILE}: items[0].objectives[0]: unknown objective "tell-apart" (known: distinguish-processes, calculate-mineral-indices)`,
    ]);
  });

  it('reports a case slug that is not a case', () => {
    expect(crossProblems([{ file: FILE, text: VALID.replace('cases: [liver-transplant-calcification]', 'cases: [liver-case]') }])).toEqual([
      `${FILE}: items[0].cases[0]: unknown case "liver-case" (known: liver-transplant-calcification)`,
    ]);
  });

  it('reports a source id that has no record', () => {
    expect(crossProblems([{ file: FILE, text: VALID.replace('evidence: { source: gardner-2024 }', 'evidence: { source: smith-1999 }') }])).toEqual([
      `${FILE}: items[1].evidence.source: unknown source "smith-1999" (known: gardner-2024)`,
    ]);
  });

  it('reports an item id used twice across the bank, naming where it was first used', () => {
    const other = 'content/questions/labs.yaml';
    expect(
      crossProblems([
        { file: FILE, text: VALID },
        { file: other, text: VALID.replace('id: which-process', 'id: which-process-2') },
      ]),
    ).toEqual([`${other}: items[1].id: duplicate item id "ca-p-product" (first used in ${FILE} items[1]); ids must be unique across the whole bank`]);
  });

  it('reports two options with the same id within an item', () => {
    expect(crossProblems([{ file: FILE, text: VALID.replace('id: metastatic, text', 'id: dystrophic, text') }])).toEqual([
      `${FILE}: items[0].options[2].id: duplicate option id "dystrophic" within the item`,
    ]);
  });

  it('reports a misconception that overlaps the accepted answer', () => {
    expect(crossProblems([{ file: FILE, text: VALID.replace('value: 17, tolerance: 0.5', 'value: 70.5, tolerance: 0.5') }])).toEqual([
      `${FILE}: items[1].misconceptions[0].value: 70.5 overlaps the accepted answer (70 ± 1), so a right answer could be told it is a mistake`,
    ]);
  });
});

describe('objectives file', () => {
  it('reads ids and texts', () => {
    expect(parseObjectives('content/objectives.yaml', 'choose-imaging: >-\n  Choose imaging\n  well.\n').entry).toEqual([
      { id: 'choose-imaging', text: 'Choose imaging well.' },
    ]);
  });

  it('reports an id that is not lower-case words joined by hyphens', () => {
    expect(parseObjectives('content/objectives.yaml', 'Choose Imaging: text\n').problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      'Choose Imaging: is not a valid id: use lower-case words joined by hyphens, e.g. "choose-imaging"',
    ]);
  });
});

describe('loadQuestionBank', () => {
  function contentWith(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'calx-questions-'));
    mkdirSync(join(dir, 'content/questions'), { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'content', name), text);
    return dir;
  }

  it('loads topics with their items, marking a file whose items all belong to one case as that case quiz', () => {
    // Arrange
    const root = contentWith({
      'questions/processes.yaml': VALID,
      'questions/liver.yaml': VALID.replace(/id: (which-process|ca-p-product)/g, 'id: l-$1').replace(
        '    concepts: [laboratory]',
        '    cases: [liver-transplant-calcification]\n    concepts: [laboratory]',
      ),
      'objectives.yaml': 'distinguish-processes: a\ncalculate-mineral-indices: b\n',
    });
    // Act
    const bank = loadQuestionBank(join(root, 'content'), refs, root);
    // Assert
    expect(bank.topics.map((t) => [t.id, t.file, t.items.length, t.case])).toEqual([
      ['liver', 'content/questions/liver.yaml', 2, 'liver-transplant-calcification'],
      ['processes', 'content/questions/processes.yaml', 2, undefined],
    ]);
    expect(bank.objectives.map((o) => o.id)).toEqual(['distinguish-processes', 'calculate-mineral-indices']);
  });

  it('throws one ContentError listing every problem in every file', () => {
    // Arrange
    const root = contentWith({
      'questions/a.yaml': VALID.replace('difficulty: easy', 'difficulty: trivial'),
      'questions/Bad Name.yaml': VALID,
      'objectives.yaml': 'distinguish-processes: a\ncalculate-mineral-indices: b\n',
    });
    // Act
    let error: unknown;
    try {
      loadQuestionBank(join(root, 'content'), refs, root);
    } catch (e) {
      error = e;
    }
    // Assert
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).message).toBe(
      [
        'Invalid course content (2 problems):',
        '  - content/questions/Bad Name.yaml: the file name "Bad Name" is the quiz\'s URL: use lower-case words joined by hyphens',
        '  - content/questions/a.yaml:10:17: item 1 (`which-process`), field `items[0].difficulty`: must be one of "easy", ' +
          '"medium", "hard", found the text "trivial"',
      ].join('\n'),
    );
  });

  it('reports a missing objectives file once rather than every objective as unknown', () => {
    const root = contentWith({ 'questions/a.yaml': VALID });
    expect(() => loadQuestionBank(join(root, 'content'), refs, root)).toThrow(
      'Invalid course content (1 problem):\n  - content/objectives.yaml: is missing: the question items name learning objectives, ' +
        'which are listed there (id: text)',
    );
  });

  it('loads an empty bank when there are no question files', () => {
    const root = contentWith({});
    expect(loadQuestionBank(join(root, 'content'), refs, root)).toEqual({ topics: [], objectives: [] });
  });
});

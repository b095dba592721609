import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import YAML from 'yaml';
import { z } from 'astro/zod';
import { loadCourseContent, parseCase } from './load-content';
import { locateAll, locateProblems } from './read-yaml';
import { checkQuotes, checkTodos, checkValidity } from './author-checks';
import { SourceTexts, sourcesDirOf } from './source-texts';
import { bestPathEvents, readInstructorNotes } from './load-instructor';
import { formatProblem } from '../schemas/content-errors';
import { CaseInputSchema } from '../schemas/case';
import { SourceSchema } from '../schemas/source';
import { InstructorNotesInputSchema } from '../schemas/instructor';
import { ModuleSchema } from '../schemas/module';
import { fieldRows, type FieldRow, type JsonSchema } from './field-docs';

/**
 * What the authoring guide (`/authoring/`) shows that must never drift from the code: the common mistakes
 * with the exact messages the checks give for them (made by running the checks on a broken copy of the
 * model case at build time), and the field reference of each kind of file, from the schemas. Node only.
 */

/** One common mistake: what the author did, the message it gets, and what to do. */
export interface ErrorExample {
  mistake: string;
  message: string;
  fix: string;
}

/** The case the guide breaks to show the messages: the first case in course order. */
function modelCase(contentDir: string): { slug: string; file: string; text: string } | undefined {
  const course = loadCourseContent(contentDir, process.cwd());
  const first = [...course.cases].sort((a, b) => a.order - b.order)[0];
  if (!first) return undefined;
  const path = join(contentDir, 'cases', first.slug, 'case.yaml');
  return { slug: first.slug, file: `content/cases/${first.slug}/case.yaml`, text: readFileSync(path, 'utf8') };
}

/** The messages the checks give for the mistakes authors make most, generated from the course's own content. */
export function commonErrors(contentDir: string, projectRoot: string): ErrorExample[] {
  const course = loadCourseContent(contentDir, projectRoot);
  const model = modelCase(contentDir);
  if (!model) return [];
  const sourceIds = new Set(course.sources.map((s) => s.id));
  const examples: ErrorExample[] = [];
  const caseMessage = (edit: (doc: YAML.Document) => void): string => {
    const doc = YAML.parseDocument(model.text);
    edit(doc);
    const text = doc.toString();
    const { problems } = parseCase(model.file, model.slug, text, sourceIds, course.analytes, course.diagnoses);
    return locateProblems(model.file, text, problems).map(formatProblem)[0] ?? '(no problem found)';
  };
  const stage2 = YAML.parse(model.text).stages?.[1] ?? YAML.parse(model.text).stages?.[0];
  const stageIndex = YAML.parse(model.text).stages?.[1] ? 1 : 0;

  examples.push({
    mistake: 'A number written in words',
    message: caseMessage((d) => d.setIn(['stages', stageIndex, 'day'], 'twenty-one')),
    fix: 'Write the number as digits: `day: 21`.',
  });
  examples.push({
    mistake: 'A misspelt field name',
    message: caseMessage((d) => (d.getIn(['stages', stageIndex]) as YAML.YAMLMap).set('titel', 'The second visit')),
    fix: 'Spell the field as the reference below does; an editor with the schema line completes field names for you.',
  });
  examples.push({
    mistake: 'An id with a typo',
    message: caseMessage((d) => d.setIn(['actions', 0, 'from'], `${String(stage2?.id ?? 'stage')}x`)),
    fix: 'Use one of the ids the message lists; the nearest come first ("did you mean").',
  });
  examples.push({
    mistake: 'A diagnosis that is not on the course list',
    message: caseMessage((d) => d.setIn(['scoring', 'answer', 0, 'diagnosis'], 'dystrofic')),
    fix: 'Diagnoses are ids from content/diagnoses.yaml, the same list in every case.',
  });
  examples.push({
    mistake: 'A value outside the choices a field allows',
    message: caseMessage((d) => d.setIn(['actions', 0, 'kind'], 'lab-test')),
    fix: 'Write one of the values the message lists.',
  });

  const texts = new SourceTexts(course.sources, contentDir, sourcesDirOf(projectRoot));
  const source = course.cases.find((c) => c.slug === model.slug)!.source;
  const quoteYaml =
    `discussionQuestions:\n  - question: Which finding argued against the first diagnosis?\n    evidence: { ` +
    `source: ${source}, quote: "one two three four five six seven eight nine ten eleven twelve" }\n`;
  const long = checkQuotes([{ file: `content/instructor/${model.slug}.yaml`, yaml: quoteYaml, lineOffset: 0 }], course.sources, texts);
  examples.push({
    mistake: 'A quote of 12 words or more',
    message: long.problems.map(formatProblem)[0] ?? '',
    fix: 'Keep the words that carry the fact; a quote is a citation, not a copy.',
  });
  if (texts.lookup(source).found) {
    const wrong = checkQuotes(
      [{ file: `content/instructor/${model.slug}.yaml`, yaml: quoteYaml.replace(/quote: "[^"]*"/, 'quote: "words the paper never printed"'), lineOffset: 0 }],
      course.sources,
      texts,
    );
    examples.push({
      mistake: 'A quote that is not in the paper',
      message: wrong.problems.map(formatProblem)[0] ?? '',
      fix: "Copy the words exactly from the paper's text; case, spacing and a hyphen at a line break do not matter.",
    });
  }

  const work = mkdtempSync(join(tmpdir(), 'calx-guide-'));
  try {
    mkdirSync(join(work, 'content', 'cases', 'my-case'), { recursive: true });
    writeFileSync(join(work, 'content', 'cases', 'my-case', 'case.yaml'), 'title: "TODO: a neutral title that does not name the diagnosis"\n');
    examples.push({
      mistake: 'A TODO the skeleton left',
      message: checkTodos(join(work, 'content'), work).map(formatProblem)[0] ?? '',
      fix: 'Write over it; `npm run check:content` lists every TODO left.',
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  const { notes } = readInstructorNotes(contentDir, course.cases, sourceIds, projectRoot);
  const own = notes.find((n) => n.case === model.slug);
  const def = course.cases.find((c) => c.slug === model.slug)!;
  if (own) {
    const bare = new Map([[model.slug, bestPathEvents(own).filter((e) => e.type !== 'ORDER')]]);
    const weak = checkValidity([def], bare, {
      walks: 1,
      notesFile: (slug) =>
        relative(projectRoot, join(contentDir, 'instructor', `${slug}.yaml`))
          .split('\\')
          .join('/'),
    });
    const best = weak.problems.find((p) => p.field === 'bestPath');
    if (best)
      examples.push({
        mistake: 'A best path that scores under 95 (here: one that orders nothing)',
        message: formatProblem(locateAll([best], projectRoot)[0]!),
        fix: 'Follow the "what to change"; `npm run check:content` prints every validity figure with its margin.',
      });
  }
  return examples;
}

/** One kind of content file in the field reference. */
export interface FieldReference {
  /** "Case", "Source", "Instructor notes", "Module". */
  name: string;
  /** Where such files go. */
  path: string;
  rows: FieldRow[];
}

const readYaml = (path: string): unknown => (existsSync(path) ? YAML.parse(readFileSync(path, 'utf8')) : undefined);

/** The field reference: every field of each kind of file an author writes, each with an example from the course. */
export function fieldReference(contentDir: string): FieldReference[] {
  const model = modelCase(contentDir);
  const caseData = model ? YAML.parse(model.text) : undefined;
  const source = caseData?.source as string | undefined;
  // The JSON Schemas npm run schemas writes (with each field's doc comment as its description); from zod directly if absent.
  const json = (name: string, schema: z.ZodType): JsonSchema => {
    const file = join(contentDir, 'schemas', `${name}.schema.json`);
    return existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as JsonSchema)
      : (z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
  };
  return [
    { name: 'Case', path: 'content/cases/<slug>/case.yaml', rows: fieldRows(json('case', CaseInputSchema), caseData) },
    {
      name: 'Source',
      path: 'content/sources/<id>.yaml',
      rows: fieldRows(json('source', SourceSchema), source ? readYaml(join(contentDir, 'sources', `${source}.yaml`)) : undefined),
    },
    {
      name: 'Instructor notes',
      path: 'content/instructor/<slug>.yaml',
      rows: fieldRows(json('instructor', InstructorNotesInputSchema), model ? readYaml(join(contentDir, 'instructor', `${model.slug}.yaml`)) : undefined),
    },
    {
      name: 'Module',
      path: 'content/modules/<slug>.yaml',
      rows: fieldRows(json('module', ModuleSchema), readYaml(join(contentDir, 'modules', 'calciphylaxis-and-its-mimics.yaml'))),
    },
  ];
}

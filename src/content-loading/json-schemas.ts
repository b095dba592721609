/**
 * `npm run schemas`: writes a JSON Schema for each kind of content YAML file into `content/schemas/`,
 * generated from the zod schemas the loaders validate with (zod 4's `z.toJSONSchema`, input side, so
 * the shorthands an author may write are allowed). Each content YAML file names its schema on its
 * first line (`# yaml-language-server: $schema=../schemas/case.schema.json`), so an editor with the
 * YAML language server (VS Code's YAML extension, and others) completes fields, shows their
 * documentation on hover and underlines errors where they are.
 *
 * The documentation is the doc comment (`/** … *\/`) on each field of the zod schemas: this script
 * reads them from `src/schemas/*.ts` with the TypeScript compiler and puts each on the matching
 * property as its `description`, so the comments stay the one place a field is documented.
 *
 * Runs before every build (`prebuild`); `tests/unit/json-schemas.test.ts` fails when a committed
 * schema is out of date or a content file names no schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { z } from 'astro/zod';
import { CaseInputSchema } from '../schemas/case';
import { InstructorNotesInputSchema } from '../schemas/instructor';
import { SourceSchema } from '../schemas/source';
import { ModuleSchema } from '../schemas/module';
import { QuestionFileSchema, ObjectivesFileSchema } from '../schemas/question';
import { DisagreementSchema } from '../schemas/disagreement';
import { DiagnosisListSchema } from '../schemas/diagnosis';
import { AnalytesFileSchema } from '../schemas/analyte';

/** Where the schemas go, relative to the project. */
export const SCHEMA_DIR = 'content/schemas';

/** Each kind of content file: its schema, which files it covers, and what it is. */
export const SCHEMA_FILES = [
  { name: 'case', schema: CaseInputSchema, files: /^cases\/[^/]+\/case\.ya?ml$/, title: 'A case simulation (content/cases/<slug>/case.yaml)' },
  {
    name: 'instructor',
    schema: InstructorNotesInputSchema,
    files: /^instructor\/[^/]+\.ya?ml$/,
    title: 'Instructor notes for one case (content/instructor/<case-slug>.yaml)',
  },
  { name: 'source', schema: SourceSchema, files: /^sources\/[^/]+\.ya?ml$/, title: 'A source record (content/sources/<id>.yaml)' },
  { name: 'module', schema: ModuleSchema, files: /^modules\/[^/]+\.ya?ml$/, title: 'A module (content/modules/<slug>.yaml)' },
  { name: 'questions', schema: QuestionFileSchema, files: /^questions\/[^/]+\.ya?ml$/, title: 'A quiz topic file (content/questions/<id>.yaml)' },
  {
    name: 'disagreement',
    schema: DisagreementSchema,
    files: /^disagreements\/[^/]+\.ya?ml$/,
    title: 'A point on which the sources disagree (content/disagreements/<id>.yaml)',
  },
  { name: 'diagnoses', schema: DiagnosisListSchema, files: /^diagnoses\.ya?ml$/, title: 'The course-wide diagnosis list (content/diagnoses.yaml)' },
  { name: 'analytes', schema: AnalytesFileSchema, files: /^analytes\.ya?ml$/, title: 'Analytes and their units (content/analytes.yaml)' },
  { name: 'objectives', schema: ObjectivesFileSchema, files: /^objectives\.ya?ml$/, title: 'Learning objectives (content/objectives.yaml)' },
] as const;

/** The schema file a content file (path relative to the content folder) should name, or undefined. */
export function schemaFor(relativePath: string): string | undefined {
  return SCHEMA_FILES.find((s) => s.files.test(relativePath))?.name;
}

/** The first line of a content file that names its schema. */
export function schemaHeader(relativePath: string): string | undefined {
  const name = schemaFor(relativePath);
  if (!name) return undefined;
  const up = '../'.repeat(relativePath.split('/').length - 1);
  return `# yaml-language-server: $schema=${up}schemas/${name}.schema.json`;
}

// ---------------------------------------------------------------------------------------------
// Doc comments, read from the schema sources.

interface DocumentedObject {
  /** Field name to its doc comment (fields without one are present with an empty string). */
  fields: Map<string, string>;
  /** The fields written in this object itself, not brought in by a spread. */
  own: Set<string>;
}

const docText = (node: ts.Node): string =>
  ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((d) => (typeof d.comment === 'string' ? d.comment : (d.comment ?? []).map((c) => c.text).join('')))
    .join('\n')
    .replace(/\s*\n\s*/g, ' ')
    .trim();

/** Every object literal of fields in the schema sources (the arguments of `z.object`, spread sets of fields). */
function documentedObjects(schemaDir: string): DocumentedObject[] {
  const sources = readdirSync(schemaDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ts.createSourceFile(f, readFileSync(join(schemaDir, f), 'utf8'), ts.ScriptTarget.Latest, true));
  // Named objects of fields that other objects spread in: `const stepFields = {…}`, `...X.shape`.
  const named = new Map<string, ts.ObjectLiteralExpression>();
  const literals: ts.ObjectLiteralExpression[] = [];
  for (const sf of sources)
    ts.forEachChild(sf, function walk(node: ts.Node): void {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
        if (ts.isObjectLiteralExpression(node.initializer)) named.set(node.name.text, node.initializer);
        else {
          const first = findObjectArgument(node.initializer);
          if (first && !named.has(node.name.text)) named.set(node.name.text, first);
        }
      }
      if (ts.isObjectLiteralExpression(node)) literals.push(node);
      ts.forEachChild(node, walk);
    });

  const resolve = (literal: ts.ObjectLiteralExpression, seen = new Set<ts.Node>()): Map<string, string> => {
    const fields = new Map<string, string>();
    if (seen.has(literal)) return fields;
    seen.add(literal);
    for (const p of literal.properties) {
      if (ts.isSpreadAssignment(p)) {
        const target = ts.isIdentifier(p.expression)
          ? p.expression.text
          : ts.isPropertyAccessExpression(p.expression) && ts.isIdentifier(p.expression.expression)
            ? p.expression.expression.text
            : undefined;
        const spread = target ? named.get(target) : undefined;
        if (spread) for (const [k, v] of resolve(spread, seen)) fields.set(k, v);
      } else if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
        const doc = docText(p);
        if (doc || !fields.has(p.name.text)) fields.set(p.name.text, doc);
      }
    }
    return fields;
  };
  return literals
    .map((l) => ({
      fields: resolve(l),
      own: new Set(l.properties.filter((p) => !ts.isSpreadAssignment(p) && p.name && ts.isIdentifier(p.name)).map((p) => (p.name as ts.Identifier).text)),
    }))
    .filter((o) => [...o.fields.values()].some(Boolean));
}

/** The first object literal passed to a call in an expression (`z.object({…}).strict()`). */
function findObjectArgument(expr: ts.Node): ts.ObjectLiteralExpression | undefined {
  let found: ts.ObjectLiteralExpression | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n)) {
      const arg = n.arguments[0];
      if (arg && ts.isObjectLiteralExpression(arg) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'object') {
        found = arg;
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(expr);
  return found;
}

type JsonSchema = { [key: string]: unknown };

/** Puts the doc comment of each field on its property, matching each schema object to the source object with the same fields. */
function addDescriptions(schema: JsonSchema, objects: readonly DocumentedObject[]): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const n = node as JsonSchema;
    const props = n.properties as Record<string, JsonSchema> | undefined;
    if (props && typeof props === 'object') {
      const keys = Object.keys(props);
      let best: DocumentedObject | undefined;
      let bestScore = 0;
      for (const o of objects) {
        const shared = keys.filter((k) => o.fields.has(k)).length;
        if (shared === 0) continue;
        // Same fields score highest; among equals, the object that declares the most of them itself.
        const score = shared / (keys.length + o.fields.size - shared) + keys.filter((k) => o.own.has(k)).length / 1000;
        if (score > bestScore) [best, bestScore] = [o, score];
      }
      if (best)
        for (const k of keys) {
          const doc = best.fields.get(k);
          if (doc && props[k] && props[k]!.description === undefined) props[k] = { description: doc, ...props[k] };
        }
    }
    Object.values(n).forEach(visit);
  };
  visit(schema);
}

/** The JSON Schemas, by file name, as they should be on disk. */
export function jsonSchemas(projectRoot: string): Record<string, string> {
  const objects = documentedObjects(join(projectRoot, 'src/schemas'));
  const out: Record<string, string> = {};
  for (const { name, schema, title } of SCHEMA_FILES) {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
    addDescriptions(json, objects);
    const { $schema, ...rest } = json;
    out[`${name}.schema.json`] = `${JSON.stringify({ $schema, $id: `${name}.schema.json`, title, ...rest }, null, 2)}\n`;
  }
  return out;
}

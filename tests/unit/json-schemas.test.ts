import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import Ajv2020 from 'ajv/dist/2020';
import { contentDir, projectRoot } from '../helpers/content';
import { jsonSchemas, schemaFor, schemaHeader, SCHEMA_DIR } from '../../src/content-loading/json-schemas';

const generated = jsonSchemas(projectRoot);
const schemaPath = (name: string) => join(projectRoot, SCHEMA_DIR, `${name}.schema.json`);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'schemas' ? [] : yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}
const contentFiles = yamlFiles(contentDir).map((p) => relative(contentDir, p).split('\\').join('/'));

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const validators = new Map(Object.entries(generated).map(([file, text]) => [file.replace('.schema.json', ''), ajv.compile(JSON.parse(text))]));
const validate = (name: string, data: unknown) => {
  const v = validators.get(name)!;
  return v(data) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
};

/** Every property in a schema, with the path that leads to it. */
function properties(node: unknown, path = ''): [string, Record<string, unknown>][] {
  if (Array.isArray(node)) return node.flatMap((n) => properties(n, path));
  if (!node || typeof node !== 'object') return [];
  const n = node as Record<string, unknown>;
  const own =
    n.properties && typeof n.properties === 'object'
      ? Object.entries(n.properties as Record<string, Record<string, unknown>>).map(([k, v]) => [`${path}.${k}`, v] as [string, Record<string, unknown>])
      : [];
  return [...own, ...Object.entries(n).flatMap(([k, v]) => properties(v, k === 'properties' ? path : `${path}/${k}`))];
}

describe('JSON Schemas of the content files', () => {
  it('are committed as the zod schemas generate them (run npm run schemas after changing a schema)', () => {
    for (const [file, text] of Object.entries(generated)) {
      expect(existsSync(join(projectRoot, SCHEMA_DIR, file)), `${SCHEMA_DIR}/${file} is missing`).toBe(true);
      expect(readFileSync(join(projectRoot, SCHEMA_DIR, file), 'utf8'), `${SCHEMA_DIR}/${file} is out of date`).toBe(text);
    }
  });

  it('are named on the first line of every content YAML file, by a path that exists', () => {
    const wrong = contentFiles.flatMap((file) => {
      const header = schemaHeader(file);
      if (!header) return [`${file}: no schema covers this kind of file`];
      const first = readFileSync(join(contentDir, file), 'utf8').split('\n')[0];
      if (first !== header) return [`${file}: the first line should be "${header}"`];
      const target = join(contentDir, file, '..', header.split('$schema=')[1]!);
      return existsSync(target) ? [] : [`${file}: ${target} does not exist`];
    });
    expect(wrong).toEqual([]);
    expect(existsSync(schemaPath('case'))).toBe(true);
  });

  it('accept every real content file', () => {
    const rejected = contentFiles.flatMap((file) =>
      validate(schemaFor(file)!, parse(readFileSync(join(contentDir, file), 'utf8'))).map((e) => `${file}: ${e}`),
    );
    expect(rejected).toEqual([]);
  });

  it('accept the case shorthands and reject a misspelt field where it is', () => {
    const file = contentFiles.find((f) => schemaFor(f) === 'case')!;
    const data = parse(readFileSync(join(contentDir, file), 'utf8'));
    data.findings[0].evidence = 'a short verbatim quote @ Results';
    data.teamPath.unshift({ order: data.actions[0].id, note: "A step in the player's words." });
    expect(validate('case', data)).toEqual([]);
    data.findings[0].lable = 'misspelt';
    expect(validate('case', data)).toContain('/findings/0 must NOT have additional properties');
  });

  it('carry the doc comment of every documented case and instructor field as its description', () => {
    for (const name of ['case', 'instructor']) {
      const schema = JSON.parse(generated[`${name}.schema.json`]!);
      // The one field zod's event union leaves bare is the engine's discriminator, `type`.
      const bare = properties(schema)
        .filter(([path, p]) => p.description === undefined && !path.endsWith('.type'))
        .map(([path]) => path);
      expect(bare, name).toEqual([]);
    }
    const lab = JSON.parse(generated['case.schema.json']!).properties.findings.items.properties.lab;
    expect(lab.description).toBe('For labs: the value, unit, reference range and flag.');
  });
});

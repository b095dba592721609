/**
 * The field reference of the authoring guide, generated from the JSON Schema of each content file
 * (itself generated from the zod schemas, whose doc comments become descriptions), so the guide cannot
 * drift from what the loader accepts. Each row carries an example value read from a real content file.
 */

/** The part of a JSON Schema this module reads. */
export interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  default?: unknown;
  additionalProperties?: boolean | JsonSchema;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

/** One documented field. */
export interface FieldRow {
  /** The path an author writes, lists as `[]`: `stages[].day`. */
  path: string;
  /** What may be written, in words: "text", "a whole number from 1900 to 2100", "one of history, exam". */
  type: string;
  required: boolean;
  description: string;
  /** The value a real content file gives it, as YAML would show it (cut short), if one does. */
  example?: string;
  /** The default when left out. */
  defaultValue?: string;
}

function resolveRef(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let s = schema;
  for (let i = 0; s.$ref && i < 20; i++) {
    const name = s.$ref.replace(/^#\/\$defs\//, '');
    s = { ...root.$defs?.[name], ...(s.description ? { description: s.description } : {}) };
  }
  return s;
}

/** The alternatives of a union, or the schema alone. */
function alternatives(schema: JsonSchema, root: JsonSchema): JsonSchema[] {
  const s = resolveRef(schema, root);
  const list = s.anyOf ?? s.oneOf;
  if (!list) return [s];
  return list.flatMap((x) => alternatives(x, root)).map((x) => (s.description && !x.description ? { ...x, description: s.description } : x));
}

const bounded = (n: number | undefined) => n !== undefined && Math.abs(n) < Number.MAX_SAFE_INTEGER;
const range = (s: JsonSchema) =>
  bounded(s.minimum) && bounded(s.maximum)
    ? ` from ${s.minimum} to ${s.maximum}`
    : bounded(s.minimum)
      ? ` of at least ${s.minimum}`
      : bounded(s.maximum)
        ? ` of at most ${s.maximum}`
        : '';

/** A schema in words. */
export function typeWords(schema: JsonSchema, root: JsonSchema): string {
  const alts = alternatives(schema, root);
  if (alts.length > 1) return [...new Set(alts.map((a) => typeWords(a, root)))].join(', or ');
  const s = alts[0]!;
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return `one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      return 'text';
    case 'integer':
      return `a whole number${range(s)}`;
    case 'number':
      return `a number${range(s)}`;
    case 'boolean':
      return 'true or false';
    case 'array':
      if (s.prefixItems) return `a list of ${s.prefixItems.length} (${s.prefixItems.map((p) => typeWords(p, root)).join(', ')})`;
      return `a list of ${s.items ? typeWords(s.items, root).replace(/^a /, '') : 'values'}${s.minItems ? ` (at least ${s.minItems})` : ''}`;
    case 'object':
      return s.properties ? 'fields' : 'a mapping';
    default:
      return 'any value';
  }
}

/** The first value a content file gives each path (lists searched entry by entry). */
function examplesIn(value: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) value.forEach((v) => examplesIn(v, `${path}[]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) examplesIn(v, path ? `${path}.${k}` : k, out);
  if (path && !out.has(path)) out.set(path, value);
  return out;
}

function exampleText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') {
    if (Array.isArray(value) && value.every((v) => typeof v !== 'object'))
      return `[${value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}]`.slice(0, 80);
    return undefined; // A list or mapping of fields is shown field by field.
  }
  const text = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** Every field of a schema, depth first, with its type in words, whether it is required, its description and an example. */
export function fieldRows(schema: JsonSchema, example?: unknown): FieldRow[] {
  const rows: FieldRow[] = [];
  const examples = example === undefined ? new Map<string, unknown>() : examplesIn(example);
  const seen = new Set<string>();
  const visit = (s: JsonSchema, path: string, required: boolean, depth: number) => {
    if (depth > 12) return;
    for (const alt of alternatives(s, schema)) {
      const t = Array.isArray(alt.type) ? alt.type[0] : alt.type;
      if (t === 'object' && alt.properties) {
        const req = new Set(alt.required ?? []);
        for (const [key, child] of Object.entries(alt.properties)) {
          const childPath = path ? `${path}.${key}` : key;
          const resolved = resolveRef(child, schema);
          if (!seen.has(childPath)) {
            seen.add(childPath);
            const ex = exampleText(examples.get(childPath));
            rows.push({
              path: childPath,
              type: typeWords(child, schema),
              required: req.has(key) && resolved.default === undefined,
              description: (child.description ?? resolved.description ?? '').replace(/\s+/g, ' ').trim(),
              ...(ex !== undefined ? { example: ex } : {}),
              ...(resolved.default !== undefined ? { defaultValue: JSON.stringify(resolved.default) } : {}),
            });
          }
          visit(child, childPath, req.has(key), depth + 1);
        }
      } else if (t === 'array' && alt.items) visit(alt.items, `${path}[]`, required, depth + 1);
    }
  };
  visit(schema, '', true, 0);
  return rows;
}

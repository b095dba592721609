import { existsSync, readdirSync } from 'node:fs';
import YAML from 'yaml';
import type { ContentProblem } from '../schemas/content-errors';

/**
 * Reads a YAML content file. Syntax errors become problems naming the file, line and column, so a
 * broken file reads the same whichever loader meets it.
 */
export function parseYaml(file: string, text: string, problems: ContentProblem[]): unknown {
  const doc = YAML.parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const where = e.linePos ? ` (line ${e.linePos[0].line}, column ${e.linePos[0].col})` : '';
      problems.push({ file, field: '', message: `is not valid YAML${where}: ${e.message.split('\n')[0]}` });
    }
    return undefined;
  }
  return doc.toJS();
}

/** The YAML files of a folder (`.yaml` or `.yml`), sorted; none when the folder does not exist. */
export function yamlFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
}

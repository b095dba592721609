import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { locateAll, parseYaml } from './read-yaml';
import { DisagreementSchema, type Disagreement } from '../schemas/disagreement';
import { CONTENT_PARSE, ContentError, problemsFromIssues, unknownIdMessage, type ContentProblem, type IssueLike } from '../schemas/content-errors';

/**
 * Reads and validates `content/disagreements/<id>.yaml` with the same file-and-field errors as the
 * cases, then checks what the schema cannot: every holder is a known source, and every quote comes
 * from one of the position's holders (a quote from another paper would attribute a view wrongly).
 * Node only.
 */

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function parseDisagreement(
  file: string,
  id: string,
  text: string,
  sourceIds: ReadonlySet<string>,
): { entry?: Disagreement; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const raw = parseYaml(file, text, problems);
  if (problems.length) return { problems };
  const result = DisagreementSchema.safeParse(raw, CONTENT_PARSE);
  if (!result.success) return { problems: problemsFromIssues(file, result.error.issues as unknown as IssueLike[]) };
  const ids = new Set<string>();
  result.data.positions.forEach((p, i) => {
    const at = `positions[${i}]`;
    if (ids.has(p.id)) problems.push({ file, field: `${at}.id`, message: `duplicate position id "${p.id}" within the disagreement` });
    ids.add(p.id);
    p.holders.forEach((h, j) => {
      if (!sourceIds.has(h)) problems.push({ file, field: `${at}.holders[${j}]`, message: unknownIdMessage('source', h, sourceIds) });
    });
    p.evidence.forEach((e, j) => {
      if (!p.holders.includes(e.source))
        problems.push({
          file,
          field: `${at}.evidence[${j}].source`,
          message: `"${e.source}" is not among this position's holders (${p.holders.join(', ')}): quote a source that holds the position`,
        });
    });
  });
  return problems.length ? { problems } : { entry: { id, ...result.data }, problems };
}

/** Loads every disagreement under `contentDir`, in their `order`; throws one ContentError listing every problem. */
export function loadDisagreements(contentDir: string, sourceIds: ReadonlySet<string>, projectRoot = process.cwd()): Disagreement[] {
  const dir = join(contentDir, 'disagreements');
  if (!existsSync(dir)) return [];
  const rel = (p: string) => relative(projectRoot, p).split('\\').join('/');
  const problems: ContentProblem[] = [];
  const out: Disagreement[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const path = join(dir, name);
    const id = name.replace(/\.ya?ml$/, '');
    if (!SLUG.test(id)) {
      problems.push({ file: rel(path), field: '', message: `the file name "${id}" is the disagreement's anchor: use lower-case words joined by hyphens` });
      continue;
    }
    const result = parseDisagreement(rel(path), id, readFileSync(path, 'utf8'), sourceIds);
    problems.push(...result.problems);
    if (result.entry) out.push(result.entry);
  }
  if (problems.length) throw new ContentError(locateAll(problems, projectRoot));
  return out.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

import type { IssueLike } from '../schemas/content-errors';

/**
 * A field that takes a shorthand or a long form (evidence, a path step, an inline finding) is a
 * union, and zod reports a failed union as one "Invalid input" with every branch's issues inside.
 * An author needs the issues of the form they meant: the branch that got furthest (its issues lie
 * deepest in the value), or for a value of the wrong type altogether, a sentence naming the forms.
 */

interface UnionIssue extends IssueLike {
  errors?: readonly (readonly IssueLike[])[];
}

const KIND_WORDS: Record<string, string> = { string: 'text', object: 'a mapping of fields', array: 'a list', number: 'a number', boolean: 'true or false' };

const depth = (issues: readonly IssueLike[]) => Math.max(...issues.map((i) => i.path.length));

/** Root-level type mismatches only: the branch expected another kind of value. */
const wrongKind = (issues: readonly IssueLike[]) => issues.every((i) => i.path.length === 0 && i.code === 'invalid_type');

export function flattenUnionIssues(issues: readonly IssueLike[]): IssueLike[] {
  return issues.flatMap((issue): IssueLike[] => {
    const u = issue as UnionIssue;
    if (u.code !== 'invalid_union' || !u.errors?.length) return [issue];
    const branches = u.errors.filter((b) => b.length > 0);
    const meant = branches.filter((b) => !wrongKind(b));
    if (meant.length === 0) {
      const kinds = branches
        .flatMap((b) => b.map((i) => KIND_WORDS[String(i.expected)] ?? String(i.expected)))
        .filter((k, i, all) => k !== 'undefined' && all.indexOf(k) === i);
      return [{ ...issue, code: 'custom', message: `expected ${kinds.join(' or ') || 'another form'} here` }];
    }
    const best = meant.reduce((a, b) => (depth(b) > depth(a) ? b : a));
    return flattenUnionIssues(best.map((i) => ({ ...i, path: [...issue.path, ...i.path] })));
  });
}

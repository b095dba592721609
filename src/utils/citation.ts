import type { Source } from '../schemas/source';

/** "Gardner IH, Washington K, et al." for up to three authors, then "et al." */
export function shortAuthors(authors: readonly string[]): string {
  return authors.length <= 3 ? authors.join(', ') : `${authors.slice(0, 3).join(', ')}, et al.`;
}

/** A Vancouver-style citation line. */
export function formatCitation(s: Source): string {
  const parts = [`${shortAuthors(s.authors)}. ${s.title.replace(/\.$/, '')}.`, `${s.journal}. ${s.year}${s.citation ? `;${s.citation}` : ''}.`];
  return parts.join(' ');
}

/** The link to the paper: its DOI where there is one, else its URL. */
export function sourceLink(s: Source): string | undefined {
  return s.doi ? `https://doi.org/${s.doi}` : s.url;
}

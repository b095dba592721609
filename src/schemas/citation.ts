import type { Source } from './source';

/** "Gardner IH, Washington K, et al." for up to three authors, then "et al." */
export function shortAuthors(authors: readonly string[]): string {
  return authors.length <= 3 ? authors.join(', ') : `${authors.slice(0, 3).join(', ')}, et al.`;
}

/** A Vancouver-style citation line. */
export function formatCitation(s: Source): string {
  const authors = s.authors.length ? `${shortAuthors(s.authors).replace(/\.$/, '')}. ` : '';
  const year = s.year === undefined ? 'Undated' : String(s.year);
  // An unknown journal is said so in words, never left as empty punctuation.
  const journal = s.journal ?? 'Journal not recorded';
  return `${authors}${s.title.replace(/\.$/, '')}. ${journal}. ${year}${s.citation ? `;${s.citation}` : ''}.`;
}

/** The licence as pages print it after "Licence: ", or "not recorded" when the record does not give it. */
export function licenceOf(s: Pick<Source, 'licence'>): string {
  return s.licence ? s.licence.replace(/\.+$/, '') : 'not recorded';
}

/** The link to the paper: its DOI where there is one, else its URL. */
export function sourceLink(s: Source): string | undefined {
  return s.doi ? `https://doi.org/${s.doi}` : s.url;
}

/** The in-text citation: `citeAs`, or the first author's surname and the year ("Gardner 2024"). */
export function citeAs(s: Source): string {
  return s.citeAs ?? `${s.authors[0]!.split(' ')[0]} ${s.year ?? ''}`.trim();
}

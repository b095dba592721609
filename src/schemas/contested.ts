/**
 * Zod-free constants for contested points, shared by the schemas and the quiz island (importing the
 * schemas into the island would ship the validator to the browser).
 */

/** The five points of a script-concordance scale, from -2 to +2. */
export const CONCORDANCE_SCALE = [-2, -1, 0, 1, 2] as const;
export type ConcordanceRating = (typeof CONCORDANCE_SCALE)[number];

/** The lesson that renders every disagreement, and the anchor of each: their stable URL. */
export const DISAGREEMENTS_PAGE = 'lessons/telling-them-apart/';
export const disagreementAnchor = (id: string) => `disagreement-${id}`;
/** The URL of a disagreement below the site's base (e.g. `/` or `/calx/`). */
export const disagreementHref = (id: string, base = '/') => `${base.endsWith('/') ? base : `${base}/`}${DISAGREEMENTS_PAGE}#${disagreementAnchor(id)}`;

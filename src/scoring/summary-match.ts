/**
 * Plain-text matching of a learner's one-sentence summary against a case's qualifiers: deterministic,
 * offline, no language model. Both sides are normalised the same way, so that case, punctuation,
 * hyphens and British or American spelling do not matter ("Haemodialysis-dependent" matches
 * "hemodialysis dependent").
 */

/** British spellings folded to American, applied to whole words after lower-casing. */
const SPELLING: readonly [RegExp, string][] = [
  [/ae/g, 'e'], // haemodialysis, anaemia, uraemic, hypercalcaemia
  [/oe(?=[a-z])/g, 'e'], // oedema, oesophagus
  [/(?<=[a-z]{2})our\b/g, 'or'], // tumour, colour
  [/(?<=[a-z]{2})is(e|ed|es|ing|ation)\b/g, 'iz$1'], // parathyroidectomised, organisation
  [/(?<=[a-z])tre\b/g, 'ter'], // centre, litre
];

/** Lower-case, fold spellings, turn hyphens and punctuation into spaces, collapse spaces. */
export function normaliseText(text: string): string {
  let t = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  t = t.replace(/[^a-z0-9]+/g, ' ');
  for (const [re, to] of SPELLING) t = t.replace(re, to);
  return ` ${t.trim().replace(/\s+/g, ' ')} `;
}

/** Whether the normalised text holds the phrase as whole words (a trailing plural "s" allowed). */
const phrases = new Map<string, string>();

export function containsPhrase(normalisedText: string, phrase: string): boolean {
  let p = phrases.get(phrase);
  if (p === undefined) {
    p = normaliseText(phrase).trim();
    phrases.set(phrase, p);
  }
  if (p === '') return false;
  return normalisedText.includes(` ${p} `) || normalisedText.includes(` ${p}s `);
}

export interface QualifierLike {
  id: string;
  label: string;
  synonyms: readonly string[];
}

/** The qualifiers a summary names, and the words that matched each. */
export function matchQualifiers<Q extends QualifierLike>(
  summary: string,
  qualifiers: readonly Q[],
): { found: { qualifier: Q; matched: string }[]; missing: Q[] } {
  const text = normaliseText(summary);
  const found: { qualifier: Q; matched: string }[] = [];
  const missing: Q[] = [];
  for (const q of qualifiers) {
    const hit = [q.label, ...q.synonyms].find((s) => containsPhrase(text, s));
    if (hit) found.push({ qualifier: q, matched: hit });
    else missing.push(q);
  }
  return { found, missing };
}

import { z } from 'astro/zod';

/** A published paper that one or more cases are built from: the record shown in citations and on the about page. */
export const SourceSchema = z
  .object({
    /** Authors as printed, in order, e.g. ["Gardner IH", "Washington K"]; empty for an unsigned document (then `citeAs` is required). */
    authors: z.array(z.string().min(1)),
    /** The article's title. */
    title: z.string().min(1),
    /** Journal or publisher name; leave it out when it is not known (citations then say "journal not recorded"). */
    journal: z.string().min(1).optional(),
    /** Year of publication; omit for an undated document (then `citeAs` is required). */
    year: z.number().int().min(1900).max(2100).optional(),
    /** Volume, issue and pages as one printable string, e.g. "4(8):67-71". */
    citation: z.string().min(1).optional(),
    /** DOI without the resolver prefix, e.g. "10.1016/j.jdcr.2023.07.010". */
    doi: z
      .string()
      .regex(/^10\.\d{4,9}\/\S+$/, 'a DOI looks like 10.1234/abc')
      .optional(),
    /** A stable URL for the article when there is no DOI. */
    url: z.url().optional(),
    /**
     * The licence the article is published under, e.g. "CC BY 4.0", or "All rights reserved"; leave it out when it
     * is not known (pages then say "Licence: not recorded", and keep the paper's text out of `content/sources/`).
     */
    licence: z.string().min(1).optional(),
    /**
     * How the source is cited in running text, e.g. "Gardner 2024". Defaults to the first author's
     * surname and the year; set it when there is no named author.
     */
    citeAs: z.string().min(1).optional(),
    /**
     * The file name of the paper's plain text in the folder `SOURCES_DIR` names (default `../shared/seeds`), used to
     * find every quote in it. Not needed when the text is in `content/sources/<id>.txt` (where the licence allows
     * the project to carry it). With neither, `npm run check:content` says the quotes were not checked.
     */
    seed: z
      .string()
      .regex(/^[\w.-]+\.txt$/, 'the seed file name ends in .txt')
      .optional(),
  })
  .strict()
  .refine((s) => s.citeAs !== undefined || (s.authors.length > 0 && s.year !== undefined), {
    message: 'an unsigned or undated source needs `citeAs`, the short name used in citations',
    path: ['citeAs'],
  });

export type Source = z.infer<typeof SourceSchema>;
/** A source with the id taken from its file name. */
export type SourceEntry = Source & { id: string };

import { z } from 'astro/zod';
import { EditorialNoteSchema, EvidenceInputSchema, SourceRefSchema } from './provenance';
import { ACTION_KINDS } from './kinds';
import { PlayEventSchema } from './events';
import { checkStep, stepFields } from './play-step';
import type { DiagnosisEntry } from './diagnosis';

/**
 * The schema of a case simulation (`content/cases/<slug>/case.yaml`).
 *
 * A case is split the way Perseus splits an exercise: what the learner sees (presentation,
 * stages, actions, findings; the diagnosis options are the course-wide list in
 * `content/diagnoses.yaml`) apart from the answer key (`scoring`), which only
 * the scoring functions and the debrief read. Cross-references between the parts (an action
 * revealing a finding, a stage id, a diagnosis id, a source id) are checked after parsing by
 * `src/content-loading/case-references.ts`, because a zod schema cannot see across fields.
 */

const Id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens, e.g. "ct-abdomen"');

export { ACTION_KINDS, DIMENSIONS, type ActionKind, type Dimension } from './kinds';
export const ActionKindSchema = z.enum(ACTION_KINDS);

/** A reference range for a numeric result. */
export const ReferenceRangeSchema = z
  .object({
    /** Lower limit of normal, in the result's unit. Omit when there is none. */
    low: z.number().optional(),
    /** Upper limit of normal, in the result's unit. Omit when there is none. */
    high: z.number().optional(),
    /**
     * Where the range comes from. Case reports rarely print their laboratory's ranges, so a
     * typical adult range is used and labelled as such.
     */
    note: z.string().min(1),
  })
  .strict()
  .refine((r) => r.low !== undefined || r.high !== undefined, 'give at least one of low and high');

/** A laboratory result: one value or a range of values over the period the paper reports. */
export const LabResultSchema = z
  .object({
    /** The reported value. */
    value: z.number().optional(),
    /** The lowest and highest reported values, when the paper gives a range over days. */
    range: z.tuple([z.number(), z.number()]).optional(),
    /** What the paper says when it gives no number, e.g. "normal". */
    qualitative: z.string().min(1).optional(),
    /** The unit as printed in the paper, UCUM style, e.g. "mg/dL", "pg/mL". */
    unit: z.string().min(1).optional(),
    /**
     * The analyte in `content/analytes.yaml`, e.g. "calcium". With it the result can be shown in
     * conventional or SI units; `unit` must then be one of the analyte's two units.
     */
    analyte: z.string().min(1).optional(),
    /** The reference range in the same unit. */
    reference: ReferenceRangeSchema.optional(),
    /** The flag as the paper states it (elevated, low, normal). */
    flag: z.enum(['high', 'low', 'normal']).optional(),
  })
  .strict()
  .refine(
    (r) => r.value !== undefined || r.range !== undefined || r.qualitative !== undefined,
    'a lab result needs a value, a range or a qualitative statement',
  )
  .refine((r) => r.value === undefined || r.unit !== undefined, 'a numeric value needs a unit')
  .refine((r) => r.range === undefined || r.unit !== undefined, 'a range needs a unit');

/** A documented result or observation: what an action reveals, or what a stage presents. */
function findingSchema<Ev extends z.ZodType>(evidence: Ev) {
  return z
    .object({
      /** Unique id within the case, referenced by actions, stages and the scoring key. */
      id: Id,
      /** A short name, e.g. "Parathyroid hormone" or "CT abdomen and pelvis". */
      label: z.string().min(1),
      /** The stage from which this finding exists (a nodule that appears on day 40 is not there on day 16). Defaults to the first stage. */
      from: Id.optional(),
      /** For labs: the value, unit, reference range and flag. */
      lab: LabResultSchema.optional(),
      /** For history, examination, imaging, pathology and consults: the description, in our own words. */
      report: z.string().min(1).optional(),
      /** The day on the case clock when the paper places this finding, if it differs from the stage day (e.g. a history item from day 9). */
      day: z.string().min(1).optional(),
      /** Where the fact comes from. */
      evidence,
      /**
       * A fact from outside the seed that the reader needs beside this finding (a probable misprint, a
       * current target), shown as "Editorial note, not from the paper" and never used in scoring.
       */
      editorialNote: EditorialNoteSchema.optional(),
    })
    .strict()
    .refine((f) => f.lab !== undefined || f.report !== undefined, 'a finding needs either `lab` or `report`');
}

/** A finding that appears on entering a stage only if the learner earlier took a given action. */
export const ConditionalPresentationSchema = z
  .object({
    /** The action that, if taken at any earlier point, brings these findings. */
    after: Id,
    /** The findings presented. */
    presents: z.array(Id).min(1),
  })
  .strict();

/** One stage of the case on its own clock: what the learner is told on arrival and what is presented. */
export const StageSchema = z
  .object({
    /** Unique id within the case, e.g. "pod16". */
    id: Id,
    /** The day on the case clock, e.g. 16 for postoperative day 16. */
    day: z.number().int(),
    /** The heading shown for the stage. */
    title: z.string().min(1),
    /** What has happened since the last stage, in our own words (plain text; blank lines separate paragraphs). */
    presentation: z.string().min(1),
    /** Findings shown as soon as the stage opens. */
    presents: z.array(Id).default([]),
    /** Findings shown only if the learner did something earlier (the documented consequences of a choice). */
    presentsIf: z.array(ConditionalPresentationSchema).default([]),
  })
  .strict();

/** One semantic qualifier an expert's one-sentence summary of the patient carries. */
export const QualifierSchema = z
  .object({
    /** Unique id within the case, e.g. "dialysis-dependent". */
    id: Id,
    /** How the debrief names it, e.g. "dependent on dialysis". */
    label: z.string().min(1),
    /**
     * The words that count as this qualifier in a learner's summary (plain text; case, punctuation,
     * hyphens and British or American spelling do not matter). Include the label's own wording.
     */
    synonyms: z.array(z.string().min(1)).min(1),
  })
  .strict();

/** One step of the treating team's documented path, for the debrief and the tests. */
export const TeamStepSchema = z
  .object({
    /** The event the step corresponds to, in the same form a learner's attempt uses. */
    event: PlayEventSchema,
    /** What the team did and why, in our own words. */
    note: z.string().min(1),
    /** The evidence. */
    evidence: SourceRefSchema.optional(),
  })
  .strict();

/**
 * One step of the treating team's path as an author writes it: `order: <action>`, `commit: {…}`,
 * `advance: true` or `finish: true` (or the engine's `event`), with what the team did and why.
 */
export const TeamStepInputSchema = z
  .object({
    ...stepFields,
    /** What the team did and why, in our own words. */
    note: z.string().min(1),
    /** The evidence: `"quote @ Section"`, or `{ quote, section, source }`. */
    evidence: EvidenceInputSchema.optional(),
  })
  .strict()
  .superRefine(checkStep);

/**
 * The schemas that hold evidence, built for one form of it: the compiled `SourceRef` (what the
 * engine and pages see) or the author's shorthand (what a case file may hold). The doc comments
 * live here once for both.
 */
function caseSchemas<Ev extends z.ZodType, F extends z.ZodType, R extends z.ZodType, N extends z.ZodType, T extends z.ZodType>(p: {
  /** How a fact's source is written. */
  evidence: Ev;
  /** The list of findings declared at the top of the case. */
  findings: F;
  /** One entry of an action's `reveals`. */
  reveal: R;
  /** How `notReported` is written. */
  notReported: N;
  /** One step of the team path. */
  teamStep: T;
}) {
  const { evidence, findings, reveal, notReported, teamStep } = p;
  /** Something the learner can do: take history, examine, order a test, ask a consult, give a treatment. */
  const ActionSchema = z
    .object({
      /** Unique id within the case; the id learners' event logs use (`{"type":"ORDER","action":"<id>"}`). */
      id: Id,
      /** The kind, which decides the group it appears in on the order panel. */
      kind: ActionKindSchema,
      /** What the button says, e.g. "Parathyroid hormone (PTH)". */
      label: z.string().min(1),
      /** The first stage at which it can be chosen. Defaults to the first stage. */
      from: Id.optional(),
      /** The last stage at which it can be chosen. Defaults to the last stage. */
      until: Id.optional(),
      /** The findings it reveals: each one that exists at the current stage is shown. */
      reveals: z.array(reveal).default([]),
      /**
       * What to say when the paper does not report this test or its result, in place of inventing
       * one. Required when `reveals` is empty.
       */
      notReported: notReported.optional(),
      /** What the sources say happens after this action (e.g. biopsy of a plaque can make it ulcerate), shown as feedback. */
      consequence: z
        .object({
          /** The consequence, in our own words. */
          text: z.string().min(1),
          /** The evidence for it. */
          evidence,
        })
        .strict()
        .optional(),
      /**
       * A fact from outside the seed about this action (e.g. the usual dose of a drug printed
       * differently in the paper), shown as "Editorial note, not from the paper"; never scored.
       */
      editorialNote: EditorialNoteSchema.optional(),
    })
    .strict()
    .refine((a) => a.reveals.length > 0 || a.notReported !== undefined, {
      message: 'an action that reveals nothing must say what the paper does not report (`notReported`)',
      path: ['notReported'],
    });

  const SourceSupported = {
    /** Why, in our own words: shown in the debrief whenever this is the final working diagnosis. */
    feedback: z.string().min(1),
    /** The evidence behind the feedback. */
    evidence,
    /**
     * The point of disagreement between the sources (an id in `content/disagreements/`) the feedback
     * touches, if any; the debrief links to it in the synthesis lesson.
     */
    disagreement: Id.optional(),
  };

  /**
   * The problem representation: the one-sentence summary an expert would give at the first commitment,
   * and the qualifiers it carries. The learner's first summary scores the share of qualifiers it names.
   */
  const ProblemRepresentationSchema = z
    .object({
      /** The expert's summary, in our own words, shown in the debrief beside the learner's. */
      expertSummary: z.string().min(1),
      /** Where the facts in the summary come from. */
      evidence,
      /** The qualifiers, each with the words that count for it. */
      qualifiers: z.array(QualifierSchema).min(2),
    })
    .strict();

  /** The answer key: everything the scoring functions and the debrief need, kept apart from what the player shows. */
  const ScoringKeySchema = z
    .object({
      /** Points per dimension; they must add up to 100. */
      weights: z
        .object({
          /** The final working diagnosis, gated by the evidence in hand when it was committed. */
          diagnosis: z.number().min(0),
          /** Discriminating findings obtained before the final diagnosis. */
          keyFindings: z.number().min(0),
          /** Getting the needed information at low cost, without low-value or harmful actions. */
          stewardship: z.number().min(0),
          /** Dropping a wrong working diagnosis when the evidence turns against it. */
          revision: z.number().min(0),
          /** The differentials against the answer, by the multi-category Brier skill score. */
          calibration: z.number().min(0),
          /** The problem representation: the share of the expert's qualifiers in the first summary. */
          summary: z.number().min(0),
        })
        .strict()
        .refine(
          (w) => Math.abs(w.diagnosis + w.keyFindings + w.stewardship + w.revision + w.calibration + w.summary - 100) < 1e-9,
          'the weights must add up to 100',
        ),
      /**
       * The answer: the list entries the source documents as the final diagnosis, each with its share
       * (shares add up to 1). One entry with share 1 for a single diagnosis; for processes documented
       * together (dystrophic and metastatic at once), one entry each, sharing the answer. Calibration
       * scores every differential against these shares; the diagnosis dimension gives the shares of the
       * components on the final differential, when one of them leads it.
       */
      answer: z
        .array(
          z
            .object({
              /** An entry of the course list. */
              diagnosis: Id,
              /** Its share of the answer, above 0 and at most 1. */
              share: z.number().gt(0).max(1),
              ...SourceSupported,
            })
            .strict(),
        )
        .min(1)
        .refine((a) => Math.abs(a.reduce((s, x) => s + x.share, 0) - 1) < 1e-9, 'the shares of the answer must add up to 1'),
      /**
       * For an answer of several processes: the feedback (and its evidence) shown when the final
       * differential holds every one of them with one leading. Required exactly when `answer` has
       * more than one entry; each entry's own feedback is then shown when it leads without the others.
       */
      combined: z
        .object({ ...SourceSupported })
        .strict()
        .optional(),
      /**
       * Other list entries this case gives its own feedback for: positions a source supports (partial
       * credit, with the reason and the quote) and tempting wrong calls (credit 0). Every entry not
       * listed here or in `answer` gets feedback built from the list's definition and this case's
       * key findings.
       */
      credits: z
        .array(
          z
            .object({
              /** An entry of the course list. */
              diagnosis: Id,
              /** The credit when it leads the final differential, from 0 to below 1. */
              credit: z.number().min(0).lt(1),
              ...SourceSupported,
            })
            .strict(),
        )
        .default([]),
      /** The misdiagnosis the treating team documented, if any, and what made them change course. */
      documentedMisdiagnosis: z
        .object({
          /** The list entry the team first committed to. */
          diagnosis: Id,
          /** Feedback for a learner who made the same call: that the team did too, and why the evidence overturned it. */
          feedback: z.string().min(1),
          /** The evidence. */
          evidence,
        })
        .strict()
        .optional(),
      /** The discriminating findings the learner should have in hand before the final diagnosis. */
      keyFindings: z
        .array(
          z
            .object({
              /** The finding. */
              finding: Id,
              /** Its relative weight within the dimension. */
              weight: z.number().positive().default(1),
              /** Why it discriminates, shown in the debrief when it was missed or seen. */
              why: z.string().min(1),
              /**
               * The point of disagreement between the sources (an id in `content/disagreements/`) this text
               * touches, if any; the debrief and the instructor page link to it in the synthesis lesson.
               */
              disagreement: Id.optional(),
            })
            .strict(),
        )
        .min(1),
      /** Low-value or harmful actions and what they cost. */
      stewardship: z
        .array(
          z
            .object({
              /** The action. */
              action: Id,
              /** The share of the stewardship dimension it costs, from 0 to 1, each time it is taken. */
              penalty: z.number().min(0).max(1),
              /** Harmful (a risk to the patient) or low-value (no gain). */
              severity: z.enum(['harmful', 'low-value']),
              /**
               * A critical error: a harmful treatment that the sources name as harmful for this patient.
               * Taking it caps the whole score (see README, Scoring). Only for `harmful` treatments.
               */
              critical: z.boolean().default(false),
              /** The source's reason, in our own words. */
              reason: z.string().min(1),
              /** The evidence. */
              evidence,
            })
            .strict()
            .refine((s) => !s.critical || s.severity === 'harmful', { message: 'only a harmful action can be a critical error', path: ['critical'] }),
        )
        .default([]),
      /** Evidence that should make a learner drop a wrong working diagnosis. */
      contradictions: z
        .array(
          z
            .object({
              /** The wrong diagnosis (an entry of the course list). */
              diagnosis: Id,
              /** Findings that argue against it. */
              findings: z.array(Id).min(1),
              /** Why, in our own words. */
              explanation: z.string().min(1),
              /**
               * The point of disagreement between the sources (an id in `content/disagreements/`) this text
               * touches, if any; the debrief and the instructor page link to it in the synthesis lesson.
               */
              disagreement: Id.optional(),
            })
            .strict(),
        )
        .default([]),
      /** The problem representation the first summary is scored against. */
      problemRepresentation: ProblemRepresentationSchema,
    })
    .strict()
    .refine((k) => k.answer.length > 1 === (k.combined !== undefined), {
      message: 'give `combined` feedback exactly when the answer has more than one diagnosis',
      path: ['combined'],
    });

  /** A teaching point shown after the debrief. */
  const TeachingPointSchema = z
    .object({
      /** The point, in our own words. */
      text: z.string().min(1),
      /** Where the paper makes it. */
      evidence,
      /**
       * The point of disagreement between the sources (an id in `content/disagreements/`) this text
       * touches, if any; the debrief and the instructor page link to it in the synthesis lesson.
       */
      disagreement: Id.optional(),
    })
    .strict();

  /** A chart of documented values, rendered at build time as an accessible SVG (`<CaseChart id="…" />` in the lesson). */
  const ChartSchema = z
    .object({
      /** Unique id within the case, used by `<CaseChart id="…" />`. */
      id: Id,
      /** The chart's title. */
      title: z.string().min(1),
      /** The text alternative: what the chart shows, in a sentence or two. */
      summary: z.string().min(1),
      /** How the values are drawn. */
      mark: z.enum(['line', 'dot', 'bar']).default('line'),
      /** The horizontal axis. */
      x: z.object({ /** The axis label, e.g. "Hospital day". */ label: z.string().min(1) }).strict(),
      /** The vertical axis. */
      y: z
        .object({
          /** The axis label, e.g. "AST (U/L)". */
          label: z.string().min(1),
          /** Draw the axis on a log scale (for values spanning orders of magnitude). */
          log: z.boolean().default(false),
        })
        .strict(),
      /** One or more series of points. */
      series: z
        .array(
          z
            .object({
              /** The series name shown in the legend. */
              label: z.string().min(1),
              /** Points as [x, y] pairs, in the order they are drawn. For bars, x may be a category name. */
              points: z.array(z.tuple([z.union([z.number(), z.string()]), z.number()])).min(1),
            })
            .strict(),
        )
        .min(1),
      /** Where the values come from. */
      evidence,
    })
    .strict();

  /** A table of documented data (`<CaseTable id="…" />` in the lesson), e.g. a paper's table of earlier cases. */
  const DataTableSchema = z
    .object({
      /** Unique id within the case. */
      id: Id,
      /** The table caption. */
      caption: z.string().min(1),
      /** Column headings. */
      columns: z.array(z.string().min(1)).min(1),
      /** Rows of cells, each as long as `columns`; the first cell is the row heading. */
      rows: z.array(z.array(z.union([z.string(), z.number()]))).min(1),
      /** Where the data come from. */
      evidence,
    })
    .strict()
    .refine((t) => t.rows.every((r) => r.length === t.columns.length), 'every row needs one cell per column');

  /** A whole case simulation. */
  const CaseSchema = z
    .object({
      /** The case title as listed on the home page. */
      title: z.string().min(1),
      /** One or two sentences for the case list. */
      summary: z.string().min(1),
      /** The source record the case is built from (`content/sources/<id>.yaml`). */
      source: Id,
      /** Estimated time to play, in minutes. */
      estimatedMinutes: z.number().int().positive(),
      /** The case's own clock, e.g. { label: "Postoperative day", short: "POD" }. */
      clock: z
        .object({
          /** The long name of a day on this clock. */
          label: z.string().min(1),
          /** The abbreviation shown beside day numbers. */
          short: z.string().min(1),
        })
        .strict(),
      /** What the learner is told before the first stage: the patient and the course so far. */
      patient: z
        .object({
          /** Age in years. */
          age: z.number().int().positive(),
          /** Sex as reported. */
          sex: z.enum(['female', 'male']),
          /** The one-line summary of who the patient is. */
          oneLiner: z.string().min(1),
          /** The evidence for the one-liner. */
          evidence,
        })
        .strict(),
      /** The stages in clock order; at least one. */
      stages: z.array(StageSchema).min(1),
      /** Every documented result the case can show. */
      findings,
      /** Every action the learner can take. */
      actions: z.array(ActionSchema).min(1),
      /**
       * The case's diagnosis options of attempt format 1 (before the course-wide list), each mapped to
       * the list entry or entries it meant, so that old attempts replay: `{ old-id: new-id }` or
       * `{ old-id: [new-id, new-id] }` for an option that named two processes at once.
       */
      legacyDiagnoses: z.record(Id, z.union([Id, z.array(Id).min(1)])).default({}),
      /** The answer key. */
      scoring: ScoringKeySchema,
      /** What the treating team did, in order, as events. */
      teamPath: z.array(teamStep).min(1),
      /** The teaching points for the debrief. */
      teachingPoints: z.array(TeachingPointSchema).min(1),
      /** Charts of documented values for the lesson. */
      charts: z.array(ChartSchema).default([]),
      /** Tables of documented data for the lesson. */
      tables: z.array(DataTableSchema).default([]),
      /** Position in the course's case list (1 first). */
      order: z.number().int().positive().default(100),
      /**
       * Slugs this case was published under before (its folder's earlier names). Attempts saved or
       * exported under a former slug still belong to this case. A slug must not name the diagnosis.
       */
      formerSlugs: z.array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)).default([]),
    })
    .strict();

  return { ActionSchema, ProblemRepresentationSchema, ScoringKeySchema, TeachingPointSchema, ChartSchema, DataTableSchema, CaseSchema };
}

const FindingSchemaCompiled = findingSchema(SourceRefSchema);
const compiled = caseSchemas({
  evidence: SourceRefSchema,
  findings: z.array(FindingSchemaCompiled).min(1),
  reveal: Id,
  notReported: z.string().min(1),
  teamStep: TeamStepSchema,
});

export const FindingSchema = FindingSchemaCompiled;
export const ActionSchema = compiled.ActionSchema;
export const ProblemRepresentationSchema = compiled.ProblemRepresentationSchema;
export const ScoringKeySchema = compiled.ScoringKeySchema;
export const TeachingPointSchema = compiled.TeachingPointSchema;
export const ChartSchema = compiled.ChartSchema;
export const DataTableSchema = compiled.DataTableSchema;
/** A whole case simulation, compiled: every shorthand expanded, every default applied. What the engine, scoring and pages see. */
export const CaseSchema = compiled.CaseSchema;

/** A finding as an author writes it: evidence may use the shorthand; a lab's reference range may be left to the analyte's typical range. */
export const FindingInputSchema = findingSchema(EvidenceInputSchema);

/**
 * A whole case simulation as an author writes it (`content/cases/<slug>/case.yaml`). Everything the
 * compiled form accepts, plus these shorthands, each optional:
 *
 * - `evidence: "verbatim quote @ Section"`, and `source` defaults to the case's source;
 * - findings written inline in an action's `reveals` (compiled after the listed ones, in action order);
 * - a lab naming an analyte with a typical range (`content/analytes.yaml`) and no `reference` gets that range,
 *   with the standard note that the paper prints none;
 * - `notReported: true` says the published case does not report the action;
 * - team path steps in the player's terms: `order: <action>`, `commit: {…}`, `advance: true`, `finish: true`.
 */
export const CaseInputSchema = caseSchemas({
  evidence: EvidenceInputSchema,
  findings: z.array(FindingInputSchema).default([]),
  reveal: z.union([Id, FindingInputSchema]),
  notReported: z.union([z.string().min(1), z.literal(true)]),
  teamStep: TeamStepInputSchema,
}).CaseSchema;

export type CaseInput = z.input<typeof CaseInputSchema>;
export type CaseInputData = z.output<typeof CaseInputSchema>;

export type CaseData = z.infer<typeof CaseSchema>;
export type Finding = z.infer<typeof FindingSchema>;
export type Action = z.infer<typeof ActionSchema>;
export type Stage = z.infer<typeof StageSchema>;
export type Qualifier = z.infer<typeof QualifierSchema>;
export type ProblemRepresentation = z.infer<typeof ProblemRepresentationSchema>;
export type ScoringKey = z.infer<typeof ScoringKeySchema>;
export type TeamStep = z.infer<typeof TeamStepSchema>;
export type LabResult = z.infer<typeof LabResultSchema>;
export type Chart = z.infer<typeof ChartSchema>;
export type DataTable = z.infer<typeof DataTableSchema>;

/** A lab result in one unit system, ready to display. */
export interface DisplayLab {
  /** The unit as laboratories write it (e.g. "µkat/L", "× 10⁹/L"), not its UCUM code. */
  unit: string;
  /** A result the paper gives only as a bound (e.g. "< 5"), restated in this unit system; the paper's wording follows. */
  qualitative?: string;
  value?: number;
  range?: [number, number];
  reference?: { low?: number; high?: number };
}

/** Both unit systems of one lab finding, computed at build time. */
export interface LabUnits {
  conventional: DisplayLab;
  si: DisplayLab;
}

/** A validated case with the identity the engine and attempts need. */
export interface CaseDefinition extends CaseData {
  /** The folder name under `content/cases/`, used in URLs and attempt files. */
  slug: string;
  /** The course-wide diagnosis list (`content/diagnoses.yaml`), the same in every case: the player's options. */
  diagnoses: DiagnosisEntry[];
  /**
   * The scoring version: a hash of the case data without its prose (src/utils/case-version.ts). A
   * wording fix leaves it unchanged; an attempt made on another scoring version is re-scored by
   * replay where its events still apply, and flagged where they do not.
   */
  version: string;
  /** The text revision: a hash of the case's prose alone, changed by any wording fix; attempts never depend on it. */
  textRevision?: string;
  /** Finding id to its result in conventional and SI units, for labs that name an analyte. */
  labUnits: Record<string, LabUnits>;
}

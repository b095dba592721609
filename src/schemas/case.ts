import { z } from 'astro/zod';
import { SourceRefSchema } from './provenance';
import { ACTION_KINDS } from './kinds';

/**
 * The schema of a case simulation (`content/cases/<slug>/case.yaml`).
 *
 * A case is split the way Perseus splits an exercise: what the learner sees (presentation,
 * stages, actions, findings, diagnosis options) apart from the answer key (`scoring`), which only
 * the scoring functions and the debrief read. Cross-references between the parts (an action
 * revealing a finding, a stage id, a diagnosis id, a source id) are checked after parsing by
 * `src/utils/case-references.ts`, because a zod schema cannot see across fields.
 */

const Id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens, e.g. "ct-abdomen"');

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
export const FindingSchema = z
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
    evidence: SourceRefSchema,
  })
  .strict()
  .refine((f) => f.lab !== undefined || f.report !== undefined, 'a finding needs either `lab` or `report`');

/** Something the learner can do: take history, examine, order a test, ask a consult, give a treatment. */
export const ActionSchema = z
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
    reveals: z.array(Id).default([]),
    /**
     * What to say when the paper does not report this test or its result, in place of inventing
     * one. Required when `reveals` is empty.
     */
    notReported: z.string().min(1).optional(),
    /** What the sources say happens after this action (e.g. biopsy of a plaque can make it ulcerate), shown as feedback. */
    consequence: z
      .object({
        /** The consequence, in our own words. */
        text: z.string().min(1),
        /** The evidence for it. */
        evidence: SourceRefSchema,
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((a) => a.reveals.length > 0 || a.notReported !== undefined, {
    message: 'an action that reveals nothing must say what the paper does not report (`notReported`)',
    path: ['notReported'],
  });

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

/** A diagnosis the learner can commit to. Its credit and feedback live in the answer key. */
export const DiagnosisOptionSchema = z
  .object({
    /** Unique id within the case, e.g. "dystrophic-metastatic". */
    id: Id,
    /** The label on the diagnosis form. */
    label: z.string().min(1),
  })
  .strict();


/** The answer key: everything the scoring functions and the debrief need, kept apart from what the player shows. */
export const ScoringKeySchema = z
  .object({
    /** Points per dimension; they must add up to 100. */
    weights: z
      .object({
        /** Credit for the final diagnosis, from the credit table. */
        diagnosis: z.number().min(0),
        /** Discriminating findings obtained before the final diagnosis. */
        keyFindings: z.number().min(0),
        /** Avoiding low-value or harmful orders and treatments. */
        stewardship: z.number().min(0),
        /** Dropping a wrong working diagnosis when the evidence turns against it. */
        revision: z.number().min(0),
        /** Stated confidence against correctness (Brier score). */
        calibration: z.number().min(0),
      })
      .strict()
      .refine((w) => Math.abs(w.diagnosis + w.keyFindings + w.stewardship + w.revision + w.calibration - 100) < 1e-9, 'the weights must add up to 100'),
    /** The credit table: one row per diagnosis option. */
    credits: z
      .array(
        z
          .object({
            /** The diagnosis option this row scores. */
            diagnosis: Id,
            /** The credit from 0 (wrong) to 1 (the documented final diagnosis). */
            credit: z.number().min(0).max(1),
            /** Why, in our own words: shown in the debrief whenever this is the final diagnosis. */
            feedback: z.string().min(1),
            /** The evidence behind the feedback. */
            evidence: SourceRefSchema,
          })
          .strict(),
      )
      .min(2),
    /** The misdiagnosis the treating team documented, if any, and what made them change course. */
    documentedMisdiagnosis: z
      .object({
        /** The diagnosis option the team first committed to. */
        diagnosis: Id,
        /** Feedback for a learner who made the same call: that the team did too, and why the evidence overturned it. */
        feedback: z.string().min(1),
        /** The evidence. */
        evidence: SourceRefSchema,
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
            /** The share of the stewardship dimension it costs, from 0 to 1. */
            penalty: z.number().min(0).max(1),
            /** Harmful (a risk to the patient) or low-value (no gain). */
            severity: z.enum(['harmful', 'low-value']),
            /** The source's reason, in our own words. */
            reason: z.string().min(1),
            /** The evidence. */
            evidence: SourceRefSchema,
          })
          .strict(),
      )
      .default([]),
    /** Evidence that should make a learner drop a wrong working diagnosis. */
    contradictions: z
      .array(
        z
          .object({
            /** The wrong diagnosis. */
            diagnosis: Id,
            /** Findings that argue against it. */
            findings: z.array(Id).min(1),
            /** Why, in our own words. */
            explanation: z.string().min(1),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

/** One step of the treating team's documented path, for the debrief and the tests. */
export const TeamStepSchema = z
  .object({
    /** The event the step corresponds to, in the same form a learner's attempt uses. */
    event: z.discriminatedUnion('type', [
      z.object({ type: z.literal('ORDER'), action: Id }).strict(),
      z.object({ type: z.literal('COMMIT'), diagnosis: Id, confidence: z.number().min(0).max(1) }).strict(),
      z.object({ type: z.literal('ADVANCE') }).strict(),
      z.object({ type: z.literal('FINISH') }).strict(),
    ]),
    /** What the team did and why, in our own words. */
    note: z.string().min(1),
    /** The evidence. */
    evidence: SourceRefSchema.optional(),
  })
  .strict();

/** A teaching point shown after the debrief. */
export const TeachingPointSchema = z
  .object({
    /** The point, in our own words. */
    text: z.string().min(1),
    /** Where the paper makes it. */
    evidence: SourceRefSchema,
  })
  .strict();

/** A chart of documented values, rendered at build time as an accessible SVG (`<CaseChart id="…" />` in the lesson). */
export const ChartSchema = z
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
    evidence: SourceRefSchema,
  })
  .strict();

/** A table of documented data (`<CaseTable id="…" />` in the lesson), e.g. a paper's table of earlier cases. */
export const DataTableSchema = z
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
    evidence: SourceRefSchema,
  })
  .strict()
  .refine((t) => t.rows.every((r) => r.length === t.columns.length), 'every row needs one cell per column');

/** A whole case simulation. */
export const CaseSchema = z
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
        evidence: SourceRefSchema,
      })
      .strict(),
    /** The stages in clock order; at least one. */
    stages: z.array(StageSchema).min(1),
    /** Every documented result the case can show. */
    findings: z.array(FindingSchema).min(1),
    /** Every action the learner can take. */
    actions: z.array(ActionSchema).min(1),
    /** The diagnosis options, in the order the form lists them. */
    diagnoses: z.array(DiagnosisOptionSchema).min(2),
    /** The answer key. */
    scoring: ScoringKeySchema,
    /** What the treating team did, in order, as events. */
    teamPath: z.array(TeamStepSchema).min(1),
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

export type CaseData = z.infer<typeof CaseSchema>;
export type Finding = z.infer<typeof FindingSchema>;
export type Action = z.infer<typeof ActionSchema>;
export type Stage = z.infer<typeof StageSchema>;
export type DiagnosisOption = z.infer<typeof DiagnosisOptionSchema>;
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

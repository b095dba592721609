/**
 * Constants shared by the schemas and the player. Kept free of zod so that the browser bundle,
 * which needs these lists, does not pull in the schema library.
 */

/** The kinds of action a learner can take, in the order the order panel shows them. */
export const ACTION_KINDS = ['history', 'exam', 'lab', 'imaging', 'pathology', 'consult', 'treatment'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** The dimensions a case is scored on. */
export const DIMENSIONS = ['diagnosis', 'keyFindings', 'stewardship', 'revision', 'calibration', 'summary'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

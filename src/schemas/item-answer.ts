import { isRecord } from '../utils/is-record';

/**
 * What a learner answered to one item, by item type. Plain JSON: answers are stored, exported and
 * re-scored, like the events of a case attempt.
 */
export type ItemAnswer =
  | { type: 'single'; choice: string | null }
  | { type: 'multiple'; choices: string[] }
  /** Prompt id to the chosen choice id (null while unmatched). */
  | { type: 'matching'; matches: Record<string, string | null> }
  /** The number entered, in the item's unit; null when nothing usable was entered. */
  | { type: 'numeric'; value: number | null }
  /** Step ids in the order the learner put them. */
  | { type: 'ordering'; order: string[] }
  /** The rating on the script-concordance scale (-2 to +2); null while none is chosen. */
  | { type: 'concordance'; rating: number | null }
  /** Key-feature id to the option ids chosen for it. */
  | { type: 'key-feature'; choices: Record<string, string[]> };

export type ItemType = ItemAnswer['type'];
export const ITEM_TYPES: readonly ItemType[] = ['single', 'multiple', 'matching', 'numeric', 'ordering', 'concordance', 'key-feature'];

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Why a value is not a well-formed answer, or null. Shape only: whether it fits an item is the scorer's business. */
export function answerShapeProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'an answer must be an object with a "type"';
  switch (value.type) {
    case 'single':
      return value.choice === null || typeof value.choice === 'string' ? null : 'a single answer needs a "choice" (an option id or null)';
    case 'multiple':
      return isStringList(value.choices) ? null : 'a multiple answer needs "choices" (a list of option ids)';
    case 'matching':
      return isRecord(value.matches) && Object.values(value.matches).every((m) => m === null || typeof m === 'string')
        ? null
        : 'a matching answer needs "matches" (prompt id to choice id or null)';
    case 'numeric':
      return value.value === null || (typeof value.value === 'number' && Number.isFinite(value.value))
        ? null
        : 'a numeric answer needs a "value" (a number or null)';
    case 'ordering':
      return isStringList(value.order) ? null : 'an ordering answer needs an "order" (a list of step ids)';
    case 'concordance':
      return value.rating === null || (typeof value.rating === 'number' && Number.isInteger(value.rating) && value.rating >= -2 && value.rating <= 2)
        ? null
        : 'a concordance answer needs a "rating" (a whole number from -2 to 2, or null)';
    case 'key-feature':
      return isRecord(value.choices) && Object.values(value.choices).every(isStringList)
        ? null
        : 'a key-feature answer needs "choices" (feature id to a list of option ids)';
    default:
      return `unknown answer type ${JSON.stringify(value.type)} (expected ${ITEM_TYPES.join(', ')})`;
  }
}

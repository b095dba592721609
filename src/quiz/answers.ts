export { answerShapeProblem, ITEM_TYPES, type ItemAnswer, type ItemType } from '../schemas/item-answer';
import type { ItemAnswer } from '../schemas/item-answer';

/** Whether the learner has given something to score (an untouched ordering counts: its order is an answer). */
export function isAnswered(answer: ItemAnswer | undefined): boolean {
  if (!answer) return false;
  switch (answer.type) {
    case 'single':
      return answer.choice !== null;
    case 'multiple':
      return answer.choices.length > 0;
    case 'matching':
      return Object.values(answer.matches).some((m) => m !== null);
    case 'numeric':
      return answer.value !== null;
    case 'ordering':
      return answer.order.length > 0;
    case 'concordance':
      return answer.rating !== null;
    case 'key-feature':
      return Object.values(answer.choices).some((c) => c.length > 0);
  }
}

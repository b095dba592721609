/**
 * The events a case machine takes. An attempt is an ordered list of these; everything else (state,
 * score, debrief) is derived by replaying them.
 */
export type OrderEvent = { type: 'ORDER'; action: string };
export type CommitEvent = { type: 'COMMIT'; diagnosis: string; confidence: number };
export type AdvanceEvent = { type: 'ADVANCE' };
export type FinishEvent = { type: 'FINISH' };
export type PlayEvent = OrderEvent | CommitEvent | AdvanceEvent | FinishEvent;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Why a value is not a well-formed event, or null when it is one. Checks shape only; whether the
 * case accepts it at that point is the machine's business.
 */
export function eventShapeProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'an event must be an object with a "type"';
  const keys = Object.keys(value);
  const only = (...allowed: string[]) => {
    const extra = keys.filter((k) => !allowed.includes(k));
    return extra.length ? `unexpected field ${extra.map((k) => `"${k}"`).join(', ')} on a ${String(value.type)} event` : null;
  };
  switch (value.type) {
    case 'ORDER':
      if (typeof value.action !== 'string' || value.action === '') return 'an ORDER event needs an "action" id';
      return only('type', 'action');
    case 'COMMIT':
      if (typeof value.diagnosis !== 'string' || value.diagnosis === '') return 'a COMMIT event needs a "diagnosis" id';
      if (typeof value.confidence !== 'number' || !Number.isFinite(value.confidence) || value.confidence < 0 || value.confidence > 1)
        return 'a COMMIT event needs a "confidence" between 0 and 1';
      return only('type', 'diagnosis', 'confidence');
    case 'ADVANCE':
    case 'FINISH':
      return only('type');
    default:
      return `unknown event type ${typeof value.type === 'string' ? JSON.stringify(value.type.slice(0, 40)) : typeof value.type} (expected ORDER, COMMIT, ADVANCE or FINISH)`;
  }
}

export function isPlayEvent(value: unknown): value is PlayEvent {
  return eventShapeProblem(value) === null;
}

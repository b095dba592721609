import type { CaseDefinition } from '../schemas/case';
import type { ContentProblem } from '../schemas/content-errors';
import { AttemptError, replay } from './attempt';
import { DEBRIEF } from './machine';

/**
 * Checks a case that has passed its schema and cross-references can be played: no stage uses the
 * debrief's name, every finding can be reached, and the treating team's path replays to a debrief.
 */
export function checkCasePlayable(file: string, def: CaseDefinition): ContentProblem[] {
  const problems: ContentProblem[] = [];
  def.stages.forEach((s, i) => {
    if (s.id === DEBRIEF) problems.push({ file, field: `stages[${i}].id`, message: `"${DEBRIEF}" is reserved for the end of the case` });
  });
  const reachable = new Set<string>();
  for (const s of def.stages) {
    s.presents.forEach((f) => reachable.add(f));
    s.presentsIf.forEach((c) => c.presents.forEach((f) => reachable.add(f)));
  }
  for (const a of def.actions) a.reveals.forEach((f) => reachable.add(f));
  def.findings.forEach((f, i) => {
    if (!reachable.has(f.id))
      problems.push({ file, field: `findings[${i}]`, message: `finding "${f.id}" is never presented by a stage nor revealed by an action` });
  });
  if (problems.length) return problems;
  try {
    const result = replay(
      def,
      def.teamPath.map((s) => s.event),
    );
    if (!result.finished) problems.push({ file, field: 'teamPath', message: 'the team path must end with FINISH at the last stage' });
  } catch (e) {
    if (!(e instanceof AttemptError)) throw e;
    problems.push({ file, field: `teamPath[${e.index}].event`, message: `the case does not accept this step: ${e.reason}` });
  }
  return problems;
}

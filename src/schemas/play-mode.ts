import type { PlayMode } from './module';

/** The `<meta name>` a SCORM package writes into its case pages to fix the module's mode. */
export const PLAY_MODE_META = 'calx-case-mode';

const isMode = (v: string | null | undefined): v is PlayMode => v === 'practice' || v === 'test';

/**
 * The mode a case is played in: the page address (`?mode=test`, as a module page links its cases) wins, then the
 * mode a SCORM package fixed in the page's metadata, then practice. Pure, so that the rule can be tested.
 */
export function playModeFrom(search: string, metaContent: string | null | undefined): PlayMode {
  const fromAddress = new URLSearchParams(search).get('mode');
  if (isMode(fromAddress)) return fromAddress;
  if (isMode(metaContent)) return metaContent;
  return 'practice';
}

/** What the learner is told about each mode, beside the case. */
export const PLAY_MODE_TEXT: Record<PlayMode, { name: string; detail: string }> = {
  practice: { name: 'Practice mode', detail: 'what the sources say about your choices is shown as you go, and the full debrief at the end.' },
  test: { name: 'Test mode', detail: 'no feedback while you play; everything is explained in the debrief at the end.' },
};

import { useEffect, useState } from 'react';

/**
 * The value one frame late: a change shows in the frame after the one that paints the rest of the update.
 *
 * For views that repeat what the player has just shown elsewhere (the full results list and the timeline repeat the
 * result shown under its order button): the click's own frame then lays out and paints only the part the learner is
 * looking at, which at 4x CPU throttling is about a third less work, and the repeats follow in the next frame.
 */
export function useAfterPaint<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(shown, value)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // requestAnimationFrame runs just before the next paint; a task queued from it runs after that paint.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setShown(value), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [value, shown]);
  return shown;
}

/**
 * The sorting exercise's feedback: marks an answer, announces it, and keeps the tally. A bundled
 * script (no inline script, so the lesson runs under a strict Content-Security-Policy); the
 * exercise itself works without JavaScript.
 */
document.querySelectorAll<HTMLInputElement>('.sorting-item input').forEach((input) => {
  input.addEventListener('change', () => {
    const item = input.closest('.sorting-item');
    if (!item) return;
    const right = input.dataset.correct === 'true';
    const feedback = item.querySelector<HTMLElement>('.sorting-feedback');
    const live = document.getElementById('sorting-live');
    if (live)
      live.textContent =
        (right ? 'Right. ' : `${item.querySelector('.sorting-wrong')?.textContent ?? ''} `) + (item.querySelector('.sorting-why')?.textContent ?? '');
    const done = document.querySelectorAll('.sorting-item input:checked');
    const correct = document.querySelectorAll('.sorting-item input:checked[data-correct="true"]');
    const tally = document.querySelector('.sorting-tally');
    if (tally) tally.textContent = `${correct.length} of ${done.length} answered right so far.`;
    if (feedback) feedback.dataset.shown = 'true';
  });
});

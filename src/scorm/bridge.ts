/**
 * Loaded first by every content page of a SCORM package (before any island). It tells the package's
 * runtime, in the entry page around this frame, when the page writes Calx data to local storage, so
 * the LMS hears of every step at once without the case player or the quizzes knowing about SCORM.
 * It patches Storage.prototype (not the localStorage object, whose properties are stored items) and
 * only notifies; every write goes through unchanged. Outside a package frame it does nothing.
 */
(() => {
  let runtime: { changed(): void } | undefined;
  try {
    if (window.parent === window) return;
    runtime = (window.parent as unknown as { __calxScorm?: { changed(): void } }).__calxScorm;
  } catch {
    return; // a parent of another origin: not our entry page
  }
  if (!runtime || typeof Storage === 'undefined') return;
  const notify = (store: Storage, key: string) => {
    try {
      if (store === window.localStorage && String(key).startsWith('calx:')) (window.parent as unknown as { __calxScorm?: { changed(): void } }).__calxScorm?.changed();
    } catch {
      /* the runtime is gone (the entry page is unloading): its poll and the next launch catch up */
    }
  };
  const proto = Storage.prototype;
  const setItem = proto.setItem;
  const removeItem = proto.removeItem;
  proto.setItem = function (this: Storage, key: string, value: string) {
    setItem.call(this, key, value);
    notify(this, key);
  };
  proto.removeItem = function (this: Storage, key: string) {
    removeItem.call(this, key);
    notify(this, key);
  };
})();
export {};

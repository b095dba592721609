/**
 * The home page's status lines, read from this browser's storage. Astro inlines this script (it
 * imports nothing) and the build hashes it into the page's Content-Security-Policy, so the home page
 * fetches no script file. A case with nothing current but data set aside says so, rather than "Not started".
 */

// The key prefixes of src/progress/keys.ts, repeated so that this script imports nothing (an import would make it a file to fetch).
const ATTEMPT_STORAGE_PREFIX = 'calx:v1:attempt:';
const SET_ASIDE_PREFIX = 'calx:v1:set-aside:';
function storageKeys(storage: Storage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) keys.push(storage.key(i) ?? '');
  return keys;
}

function statusOf(storage: Storage, keys: readonly string[], el: HTMLElement): string {
  const slugs = [el.dataset.case ?? '', ...(el.dataset.former ? el.dataset.former.split(' ') : [])].filter(Boolean);
  const raw = slugs.map((s) => storage.getItem(ATTEMPT_STORAGE_PREFIX + s)).find((r) => r !== null) ?? null;
  const setAside = keys.some((k) => slugs.some((s) => k.startsWith(`${SET_ASIDE_PREFIX}${s}:`)));
  if (!raw) return setAside ? 'Set aside (see your progress page)' : 'Not started';
  try {
    const rec = JSON.parse(raw) as { events?: { type?: string }[]; caseVersion?: string; result?: { total?: unknown } };
    const events = Array.isArray(rec.events) ? rec.events : [];
    const done = events.length > 0 && events[events.length - 1]!.type === 'FINISH';
    const score = done && rec.result && typeof rec.result.total === 'number' ? `, score ${rec.result.total} of 100` : '';
    if (rec.caseVersion !== el.dataset.version) return 'Saved on an older scoring version of the case (open it to replay and re-score it)';
    if (done) return `Finished${score}`;
    if (events.length) return 'In progress';
    return setAside ? 'Set aside (see your progress page)' : 'Not started';
  } catch {
    return 'Saved progress unreadable (open the case to set it aside)';
  }
}

let storage: Storage | null = null;
try {
  storage = window.localStorage;
} catch {
  storage = null;
}
if (storage) {
  const keys = storageKeys(storage);
  for (const el of document.querySelectorAll<HTMLElement>('.case-status')) el.textContent = statusOf(storage, keys, el);
}

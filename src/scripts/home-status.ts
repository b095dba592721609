import { ATTEMPT_STORAGE_PREFIX, SET_ASIDE_PREFIX } from '../progress/keys';

/**
 * The home page's status lines, read from this browser's storage: a bundled script (no inline
 * script, so the page runs under a strict Content-Security-Policy) that loads nothing else. A case
 * with nothing current but data set aside says so, rather than "Not started".
 */
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
    if (rec.caseVersion !== el.dataset.version) return 'Saved on an older version of the case (open it to replay it on this one)';
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

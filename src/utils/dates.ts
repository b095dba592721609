/**
 * Every date and time the course shows, in one locale: British English, the course's language,
 * formatted by Intl (e.g. "2 Dec 2026", "2 Dec 2026 at 13:31"), whatever the browser's own locale.
 * The time zone stays the reader's own (a due time means their clock), unless one is given (tests).
 */
const LOCALE = 'en-GB';

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function format(options: Intl.DateTimeFormatOptions, timeZone?: string): Intl.DateTimeFormat {
  const key = JSON.stringify([options, timeZone ?? null]);
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE, { ...options, ...(timeZone ? { timeZone } : {}) });
    dateFormats.set(key, f);
  }
  return f;
}

const toDate = (d: string | Date) => (typeof d === 'string' ? new Date(d) : d);

/** "2 Dec 2026"; an unreadable date is returned as given. */
export function formatDate(d: string | Date, timeZone?: string): string {
  const date = toDate(d);
  return Number.isNaN(date.getTime()) ? String(d) : format({ day: 'numeric', month: 'short', year: 'numeric' }, timeZone).format(date);
}

/** "13:31" (24-hour clock, as British English writes it). */
export function formatTime(d: string | Date, timeZone?: string): string {
  const date = toDate(d);
  return Number.isNaN(date.getTime()) ? String(d) : format({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, timeZone).format(date);
}

/** "2 Dec 2026 at 13:31". */
export function formatDateTime(d: string | Date, timeZone?: string): string {
  return `${formatDate(d, timeZone)} at ${formatTime(d, timeZone)}`;
}

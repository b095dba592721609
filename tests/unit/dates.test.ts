import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatTime } from '../../src/utils/dates';
import { comebackDays, reviewItem } from '../../src/quiz/schedule';

describe('dates in one locale (en-GB)', () => {
  it('writes day month year and a 24-hour time, whatever the machine locale', () => {
    const d = new Date('2026-12-02T13:31:00.000Z');
    expect(formatDate(d, 'UTC')).toBe('2 Dec 2026');
    expect(formatTime(d, 'UTC')).toBe('13:31');
    expect(formatDateTime('2026-12-02T01:05:00.000Z', 'UTC')).toBe('2 Dec 2026 at 01:05');
    expect(formatDate('not a date')).toBe('not a date');
  });
});

describe('what the review deck says about its schedule', () => {
  it('is computed from the scheduler: a missed item the next day, then ever longer gaps', () => {
    const days = comebackDays(5);
    expect(days[0]).toBe(1);
    for (let i = 1; i < days.length; i++) expect(days[i]!).toBeGreaterThan(days[i - 1]!);
    const start = new Date('2026-01-01T09:00:00.000Z');
    expect(Date.parse(reviewItem(undefined, 0, start)!.due) - start.getTime()).toBe(days[0]! * 86_400_000);
  });
});

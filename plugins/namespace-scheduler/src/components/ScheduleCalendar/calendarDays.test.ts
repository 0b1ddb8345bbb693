import { calendarDays, weekRange } from './calendarDays';

const at = (iso: string) => Date.parse(iso);

describe('calendarDays', () => {
  it('splits periods over local days, across a DST change', () => {
    // Europe/Madrid leaves summer time at 03:00 on 2026-10-25: that day lasts 25 hours.
    const from = at('2026-10-24T10:00:00Z');
    const periods = [
      { start: at('2026-10-24T20:00:00Z'), end: at('2026-10-25T11:00:00Z') },
    ];
    const [saturday, sunday] = calendarDays(periods, 'Europe/Madrid', from, 2);
    expect(saturday.start).toBe(at('2026-10-23T22:00:00Z'));
    expect(sunday.end - sunday.start).toBe(25 * 3_600_000);
    expect(saturday.segments).toEqual([
      expect.objectContaining({ top: 22 / 24, height: 2 / 24 }),
    ]);
    // Until 12:00 local, 13 hours into the day.
    expect(sunday.segments).toEqual([
      expect.objectContaining({ top: 0, height: 13 / 25 }),
    ]);
  });
});

describe('weekRange', () => {
  it('starts this week on today, and the others at midnight a whole number of weeks away, across DST', () => {
    // Wednesday 21 October 2026, 15:00 in Madrid (summer time, UTC+2).
    const now = at('2026-10-21T13:00:00Z');
    expect(weekRange(now, 'Europe/Madrid', 0)).toEqual({
      start: at('2026-10-20T22:00:00Z'),
      // Summer time ends on Sunday the 25th: the next midnight is UTC+1.
      end: at('2026-10-27T23:00:00Z'),
    });
    expect(weekRange(now, 'Europe/Madrid', 1).start).toBe(
      at('2026-10-27T23:00:00Z'),
    );
    // Back over the change: Wednesday 14 October, midnight summer time.
    expect(weekRange(at('2026-10-28T13:00:00Z'), 'Europe/Madrid', -2)).toEqual({
      start: at('2026-10-13T22:00:00Z'),
      end: at('2026-10-20T22:00:00Z'),
    });
  });
});

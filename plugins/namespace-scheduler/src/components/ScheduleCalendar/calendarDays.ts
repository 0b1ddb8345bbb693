import {
  toInstant,
  toWall,
} from '@namespace-scheduler/backstage-plugin-common';

const DAY_MS = 86_400_000;

/** From `start` until `end` (epoch ms), with why, where the forecast says. */
export type Period = { start: number; end: number; reason?: string };

/** A part of a day, as fractions of that day. */
export type DaySegment = Period & { top: number; height: number };

export type CalendarDay = {
  start: number;
  end: number;
  segments: DaySegment[];
};

/** The wall-clock midnight (as a UTC-based wall time) of the day holding `at` in `zone`. */
function wallMidnight(zone: string, at: number): number {
  return Math.floor(toWall(zone, at) / DAY_MS) * DAY_MS;
}

/**
 * Week `week` (0: this one) of 7 local days: this week starts on the day
 * holding `now`, each other `week` whole weeks of days away. Days are
 * counted on the wall clock of `zone`, so a week across a DST change still
 * starts at midnight (and lasts 167 or 169 hours).
 */
export function weekRange(
  now: number,
  zone: string,
  week: number,
): { start: number; end: number } {
  const first = wallMidnight(zone, now) + week * 7 * DAY_MS;
  return {
    start: toInstant(zone, first),
    end: toInstant(zone, first + 7 * DAY_MS),
  };
}

/** `count` whole days in `zone` from the one containing `from`, each with its share of the periods. */
export function calendarDays(
  periods: Period[],
  zone: string,
  from: number,
  count: number,
): CalendarDay[] {
  const firstWall = wallMidnight(zone, from);
  return Array.from({ length: count }, (_, index) => {
    const start = toInstant(zone, firstWall + index * DAY_MS);
    const end = toInstant(zone, firstWall + (index + 1) * DAY_MS);
    const length = end - start;
    const segments = periods
      .filter(p => p.end > start && p.start < end)
      .map(p => {
        const segment = {
          ...p,
          start: Math.max(p.start, start),
          end: Math.min(p.end, end),
        };
        return {
          ...segment,
          top: (segment.start - start) / length,
          height: (segment.end - segment.start) / length,
        };
      });
    return { start, end, segments };
  });
}

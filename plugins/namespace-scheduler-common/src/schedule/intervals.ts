import { DateTime } from 'luxon';
import { WEEKDAYS, WeeklyTiming, WindowTiming } from './types';
import { zoneInstantMemo } from './zoneInstantMemo';
import {
  DAY_MS,
  MINUTE_MS,
  minutesOfDay,
  startOfWallDay,
  toInstant,
  toWall,
  wallDate,
  wallWeekday,
} from './zonedTime';

/**
 * Awake from `start` until `end` (epoch ms, end exclusive).
 *
 * @public
 */
export type Interval = { start: number; end: number };

/**
 * An ISO 8601 date-time as epoch ms; without an offset it is local to `zone`. NaN when invalid.
 *
 * @public
 */
export function parseDateTime(value: string, zone: string): number {
  return DateTime.fromISO(value, { zone }).toMillis();
}

const isoInZone = zoneInstantMemo(
  (zone, instant) => DateTime.fromMillis(instant, { zone }).toISO() ?? '',
);

/**
 * The ISO 8601 form of an instant in `zone` (with its offset); memoized, toISO being locale-independent.
 *
 * @public
 */
export function formatDateTime(instant: number, zone: string): string {
  return isoInZone(zone, instant);
}

/** @public */
export function windowInterval(spec: WindowTiming): Interval {
  return {
    start: parseDateTime(spec.start, spec.zone),
    end: parseDateTime(spec.end, spec.zone),
  };
}

/**
 * The awake intervals of a weekly window that touch [from, to], merged where
 * they meet (an overnight window ending when the next begins stays awake).
 * Days in `except_dates` have no occurrence; an occurrence belongs to the day
 * it starts. A window wholly inside a skipped DST hour does not occur.
 *
 * @public
 */
export function weeklyIntervals(
  spec: WeeklyTiming,
  from: number,
  to: number,
): Interval[] {
  const days = new Set(spec.days.map(day => (WEEKDAYS.indexOf(day) + 1) % 7));
  const excepted = new Set(spec.except_dates ?? []);
  const fromMs = minutesOfDay(spec.from) * MINUTE_MS;
  const toMs = minutesOfDay(spec.to) * MINUTE_MS;
  const endDayOffset = toMs <= fromMs ? DAY_MS : 0;
  const occurrences: Interval[] = [];
  // A day beyond each side: occurrences running into or meeting the range.
  const lastDay = startOfWallDay(toWall(spec.zone, to)) + DAY_MS;
  let day = startOfWallDay(toWall(spec.zone, from)) - DAY_MS;
  for (; day <= lastDay; day += DAY_MS) {
    if (!days.has(wallWeekday(day)) || excepted.has(wallDate(day))) continue;
    const start = toInstant(spec.zone, day + fromMs);
    const end = toInstant(spec.zone, day + endDayOffset + toMs);
    if (end > start) occurrences.push({ start, end });
  }
  return mergeTouching(occurrences).filter(
    interval => interval.end >= from && interval.start <= to,
  );
}

/** Sorted intervals with those that overlap or meet joined into one. */
export function mergeTouching(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) {
      last.end = Math.max(last.end, interval.end);
    } else {
      merged.push({ ...interval });
    }
  }
  return merged;
}

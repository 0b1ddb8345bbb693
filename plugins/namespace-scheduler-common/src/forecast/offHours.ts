import { Interval, weeklyIntervals } from '../schedule/intervals';
import { WeeklyTiming } from '../schedule/types';
import { BusinessHoursSpec } from '../types/governance';

/**
 * Business hours as a weekly window in their zone (DST-correct through the
 * schedule math). An `end` at or before `start` runs overnight; `24:00` is
 * midnight at the end of the day.
 *
 * @public
 */
export function businessHoursTiming(spec: BusinessHoursSpec): WeeklyTiming {
  return {
    kind: 'weekly',
    zone: spec.time_zone,
    days: spec.days,
    from: spec.start,
    to: spec.end,
  };
}

/**
 * The gaps between `business` intervals (sorted) within [from, to): the off-hours.
 *
 * @public
 */
export function gapsBetween(
  business: Interval[],
  from: number,
  to: number,
): Interval[] {
  const gaps: Interval[] = [];
  let cursor = from;
  for (const interval of business) {
    if (interval.start > cursor)
      gaps.push({ start: cursor, end: Math.min(interval.start, to) });
    cursor = Math.max(cursor, interval.end);
  }
  if (cursor < to) gaps.push({ start: cursor, end: to });
  return gaps.filter(gap => gap.end > gap.start);
}

/**
 * The off-hours within [from, to), in order: everything outside business hours.
 *
 * @public
 */
export function offHoursBetween(
  spec: BusinessHoursSpec,
  from: number,
  to: number,
): Interval[] {
  const business = weeklyIntervals(businessHoursTiming(spec), from, to);
  return gapsBetween(business, from, to);
}

import {
  BusinessHoursSpec,
  weeklyIntervals,
} from '@namespace-scheduler/backstage-plugin-common';
import { Period } from './calendarDays';

/**
 * The off-hours in [from, to): everything outside business hours. Business
 * hours are a weekly window in their zone; `24:00` ends at midnight.
 */
export function offHoursPeriods(
  spec: BusinessHoursSpec,
  from: number,
  to: number,
): Period[] {
  const business = weeklyIntervals(
    {
      kind: 'weekly',
      zone: spec.time_zone,
      days: spec.days,
      from: spec.start,
      to: spec.end === '24:00' ? '00:00' : spec.end,
    },
    from,
    to,
  );
  const periods: Period[] = [];
  let cursor = from;
  for (const interval of business) {
    if (interval.start > cursor) {
      periods.push({ start: cursor, end: Math.min(interval.start, to) });
    }
    cursor = Math.max(cursor, interval.end);
  }
  if (cursor < to) periods.push({ start: cursor, end: to });
  return periods.filter(period => period.end > period.start);
}

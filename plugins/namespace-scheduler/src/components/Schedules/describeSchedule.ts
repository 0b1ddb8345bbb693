import {
  parseDateTime,
  ScheduleInput,
  Weekday,
  WEEKDAYS,
} from '@namespace-scheduler/backstage-plugin-common';
import { formatInstant } from '../common';
import { describeCron } from './describeCron';

const SHORT_DAYS: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

function describeDays(days: Weekday[]): string {
  if (days.length === 7) return 'every day';
  const key = WEEKDAYS.filter(d => days.includes(d)).join(',');
  if (key === 'mon,tue,wed,thu,fri') return 'Mon–Fri';
  if (key === 'sat,sun') return 'weekends';
  return WEEKDAYS.filter(d => days.includes(d))
    .map(d => SHORT_DAYS[d])
    .join(', ');
}

function exceptions(dates: string[] | undefined): string {
  return dates?.length ? ` · except ${dates.length} date(s)` : '';
}

/** A schedule's time (local to its zone unless it has an offset), in the display zone. */
function formatLocal(value: string, zone: string): string {
  return formatInstant(parseDateTime(value, zone));
}

/** When a schedule acts, in a line: "Awake Mon–Fri 08:00–19:00 · except 2 date(s)". */
export function describeSchedule(schedule: ScheduleInput): string {
  switch (schedule.kind) {
    case 'cron': {
      const operation =
        schedule.operation === 'scale'
          ? `Scale to ${schedule.replicas}`
          : `${schedule.operation
              .charAt(0)
              .toUpperCase()}${schedule.operation.slice(1)}`;
      const when = describeCron(schedule.cron) ?? schedule.cron;
      return `${operation}: ${when.charAt(0).toLowerCase()}${when.slice(
        1,
      )}${exceptions(schedule.except_dates)}`;
    }
    case 'weekly': {
      const overnight = schedule.to <= schedule.from ? ' (overnight)' : '';
      return `Awake ${describeDays(schedule.days)} ${schedule.from}–${
        schedule.to
      }${overnight}${exceptions(schedule.except_dates)}`;
    }
    case 'window':
      return `Awake ${formatLocal(
        schedule.start,
        schedule.zone,
      )} → ${formatLocal(schedule.end, schedule.zone)}`;
    default: {
      const state = schedule.operation === 'wake' ? 'awake' : 'asleep';
      return schedule.until
        ? `Held ${state} until ${formatLocal(schedule.until, schedule.zone)}`
        : `Held ${state} until deleted`;
    }
  }
}

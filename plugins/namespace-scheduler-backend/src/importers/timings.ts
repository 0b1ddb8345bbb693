import {
  CronTiming,
  normalizeTimeZone,
  ScheduleOperation,
  Weekday,
  WEEKDAYS,
  WeeklyTiming,
} from '@namespace-scheduler/backstage-plugin-common';

/** A time of day as both tools write it, `HH:mm`; `24:00` only where allowed. */
export type TimeOfDay = { hour: number; minute: number };

const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

export function parseTimeOfDay(
  text: string,
  options: { allow24: boolean },
): TimeOfDay | undefined {
  const match = TIME.exec(text.trim());
  if (!match) return undefined;
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  if (hour === 24 && (minute !== 0 || !options.allow24)) return undefined;
  return { hour, minute };
}

export function formatTimeOfDay(time: TimeOfDay): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(time.hour % 24)}:${pad(time.minute)}`;
}

export function isZone(zone: string): boolean {
  return normalizeTimeZone(zone) !== undefined;
}

/** Awake on `days` from `from` to `to`; `to` ≤ `from` runs overnight, as both tools mean it. */
export function weekly(
  zone: string,
  days: Weekday[],
  from: TimeOfDay,
  to: TimeOfDay,
): WeeklyTiming {
  return {
    kind: 'weekly',
    zone,
    days,
    from: formatTimeOfDay(from),
    to: formatTimeOfDay(to),
  };
}

/** One operation at `at` on `days`; `24:00` is midnight of the day after. */
export function cronAt(
  zone: string,
  days: Weekday[],
  at: TimeOfDay,
  operation: ScheduleOperation,
  replicas?: number,
): CronTiming {
  const onDays = at.hour === 24 ? shiftDays(days) : days;
  return {
    kind: 'cron',
    zone,
    cron: `${at.minute} ${at.hour % 24} * * ${cronWeekdays(onDays)}`,
    operation,
    ...(operation === 'scale' && { replicas }),
  };
}

/** The end of a window that runs past midnight falls on the next day. */
export function endDays(
  days: Weekday[],
  from: TimeOfDay,
  to: TimeOfDay,
): Weekday[] {
  return minutes(to) <= minutes(from) ? shiftDays(days) : days;
}

export function shiftDays(days: Weekday[]): Weekday[] {
  return WEEKDAYS.filter(day =>
    days.includes(WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7]),
  );
}

/** Cron's day-of-week field (Sunday 0), runs of days as ranges: `1-5`, `0,6`. */
function cronWeekdays(days: Weekday[]): string {
  if (days.length === 7) return '*';
  const numbers = days.map(day => (WEEKDAYS.indexOf(day) + 1) % 7);
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const n of sorted) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === n - 1) run.push(n);
    else runs.push([n]);
  }
  return runs
    .map(run =>
      run.length > 1 ? `${run[0]}-${run[run.length - 1]}` : `${run[0]}`,
    )
    .join(',');
}

function minutes(time: TimeOfDay): number {
  return time.hour * 60 + time.minute;
}

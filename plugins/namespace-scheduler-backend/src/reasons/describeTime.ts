import {
  Weekday,
  WEEKDAYS,
} from '@namespace-scheduler/backstage-plugin-common';

const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

/** `Mon–Fri`, `every day`, `Sat, Sun`: weekdays as a team writes them. */
export function describeDays(days: readonly Weekday[]): string {
  const ordered = WEEKDAYS.filter(day => days.includes(day));
  if (ordered.length === 7) return 'every day';
  const first = WEEKDAYS.indexOf(ordered[0]);
  const consecutive = ordered.every(
    (day, i) => WEEKDAYS.indexOf(day) === first + i,
  );
  if (consecutive && ordered.length > 2) {
    return `${DAY_NAMES[ordered[0]]}–${DAY_NAMES[ordered[ordered.length - 1]]}`;
  }
  return ordered.map(day => DAY_NAMES[day]).join(', ') || 'no days';
}

/** `alice` for `user:default/alice`; anything else as it is (`scheduler`). */
export function personOf(ref: string): string {
  const match = /^user:(?:[^/]+\/)?(.+)$/i.exec(ref);
  return match ? match[1] : ref;
}

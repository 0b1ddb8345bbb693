import { WEEKDAYS, Weekday } from '../schedule/types';

/**
 * Reads `Mon-Fri`, `Mon,Wed,Fri`, `Fri-Mon` (ranges wrap past Sunday), any
 * case; the days come back in week order. An unknown name is returned as
 * `unknown` for the message.
 */
export function parseWeekdays(
  text: string,
): { days: Weekday[] } | { unknown: string } {
  const picked = new Set<Weekday>();
  for (const item of text.split(',')) {
    const ends = item.split('-');
    const indexes = ends.map(end =>
      WEEKDAYS.indexOf(end.toLowerCase() as Weekday),
    );
    const unknown = ends.find((_, i) => indexes[i] < 0);
    if (unknown !== undefined || ends.length > 2) {
      // `Mon-` or `Mon,,Fri`: no name to show, so the whole part.
      return { unknown: unknown || item || text };
    }
    for (const day of dayRange(indexes[0], indexes[indexes.length - 1])) {
      picked.add(day);
    }
  }
  return { days: WEEKDAYS.filter(day => picked.has(day)) };
}

/** `Mon-Fri,Sun`: runs of two or more days as ranges, in week order. */
export function formatWeekdays(days: Weekday[]): string {
  const runs: Weekday[][] = [];
  for (const day of WEEKDAYS.filter(d => days.includes(d))) {
    const run = runs[runs.length - 1];
    const follows =
      run &&
      WEEKDAYS.indexOf(run[run.length - 1]) === WEEKDAYS.indexOf(day) - 1;
    if (follows) run.push(day);
    else runs.push([day]);
  }
  return runs
    .map(run =>
      run.length === 1
        ? label(run[0])
        : `${label(run[0])}-${label(run[run.length - 1])}`,
    )
    .join(',');
}

function dayRange(first: number, last: number): Weekday[] {
  const length = ((last - first + 7) % 7) + 1;
  return Array.from({ length }, (_, i) => WEEKDAYS[(first + i) % 7]);
}

function label(day: Weekday): string {
  return day[0].toUpperCase() + day.slice(1);
}

import { cronProblem } from '@namespace-scheduler/backstage-plugin-common';

const DAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const isNumber = (field: string) => /^\d+$/.test(field);
const isAny = (field: string) => field === '*' || field === '?';
const pad = (value: string) => value.padStart(2, '0');

/** "a, b and c" */
function joinWords(words: string[]): string {
  return words.length < 2
    ? words.join('')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** A day-of-week or month value (number or three-letter name) as its name. */
function nameOf(value: string, names: string[], first: number): string {
  const index = isNumber(value)
    ? Number(value) - first
    : names.findIndex(
        name => name.slice(0, 3).toUpperCase() === value.toUpperCase(),
      );
  return names[(index + names.length) % names.length] ?? value;
}

/** `1-5,SAT` as "Monday to Friday and Saturday"; steps are kept as written. */
function describeList(field: string, names: string[], first: number): string {
  return joinWords(
    field.split(',').map(item => {
      if (item.includes('/')) return item;
      const [from, to] = item.split('-');
      return to === undefined
        ? nameOf(from, names, first)
        : `${nameOf(from, names, first)} to ${nameOf(to, names, first)}`;
    }),
  );
}

function describeTime(minute: string, hour: string): string {
  if (isNumber(minute) && hour.split(',').every(isNumber)) {
    return `at ${joinWords(
      hour.split(',').map(h => `${pad(h)}:${pad(minute)}`),
    )}`;
  }
  if (isAny(hour)) {
    if (isAny(minute)) return 'every minute';
    const step = /^\*\/(\d+)$/.exec(minute);
    if (step) return `every ${step[1]} minutes`;
    if (isNumber(minute)) return `at minute ${minute} of every hour`;
  }
  return `at minute ${minute} of hour ${hour}`;
}

function describeDays(dayOfMonth: string, dayOfWeek: string): string {
  const weekdays = isAny(dayOfWeek)
    ? ''
    : `on ${describeList(dayOfWeek, DAYS, 0)}`;
  const monthDays = isAny(dayOfMonth)
    ? ''
    : `on day ${dayOfMonth} of the month`;
  return [monthDays, weekdays].filter(Boolean).join(' or ');
}

/**
 * A five-field cron expression in words ("At 08:00 on Monday to Friday");
 * undefined when the expression is not valid.
 */
export function describeCron(expression: string): string | undefined {
  if (cronProblem(expression)) return undefined;
  const [minute, hour, dayOfMonth, month, dayOfWeek] = expression
    .trim()
    .split(/\s+/);
  const time = describeTime(minute, hour);
  const days =
    describeDays(dayOfMonth, dayOfWeek) ||
    (time.startsWith('at ') ? 'every day' : '');
  const months = isAny(month) ? '' : `in ${describeList(month, MONTHS, 1)}`;
  const text = [[time, days].filter(Boolean).join(' '), months]
    .filter(Boolean)
    .join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * An instant as a short date and 24-hour time in the user's locale, in `zone`
 * when given (else the browser's), as schedules write times.
 */
export function formatInstant(value: string | number, zone?: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone,
  }).format(date);
}

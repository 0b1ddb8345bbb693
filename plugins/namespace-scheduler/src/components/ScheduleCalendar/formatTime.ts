/** `HH:mm` of an instant in `zone`. */
export function formatTime(instant: number, zone: string): string {
  return new Intl.DateTimeFormat(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone,
  }).format(new Date(instant));
}

/** "Mon 23" of an instant in `zone`. */
export function formatDay(instant: number, zone: string): string {
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    timeZone: zone,
  }).format(new Date(instant));
}

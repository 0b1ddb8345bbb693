import {
  parseDateTime,
  ScheduleEntry,
} from '@namespace-scheduler/backstage-plugin-common';

const HUMAN = new Map<string, Intl.DateTimeFormat>();

/** `Wed 2 Jan 2030, 19:00 Europe/Madrid`: an instant as a person reads it, in `zone`. */
export function humanTime(at: number, zone: string): string {
  let format = HUMAN.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: zone,
    });
    HUMAN.set(zone, format);
  }
  // Assembled from the parts: ICU versions punctuate the whole differently.
  const part = Object.fromEntries(
    format.formatToParts(at).map(({ type, value }) => [type, value]),
  );
  return `${part.weekday} ${part.day} ${part.month} ${part.year}, ${part.hour}:${part.minute} ${zone}`;
}

/**
 * A schedule as its team knows it, for messages: its kind, title and when
 * it keeps the namespace awake, e.g. `weekly window "Office hours" (awake
 * mon, tue 07:00–20:00 Europe/Madrid)`. Never its id, which nobody reads.
 */
export function describeWindow(schedule: ScheduleEntry): string {
  const title = `"${schedule.title}"`;
  switch (schedule.kind) {
    case 'weekly':
      return `weekly window ${title} (awake ${schedule.days.join(', ')} ${
        schedule.from
      }–${schedule.to} ${schedule.zone})`;
    case 'window':
      return `one-off window ${title} (awake from ${humanTime(
        parseDateTime(schedule.start, schedule.zone),
        schedule.zone,
      )} to ${humanTime(
        parseDateTime(schedule.end, schedule.zone),
        schedule.zone,
      )})`;
    case 'cron':
      return `cron task ${title} (${schedule.operation} at "${schedule.cron}")`;
    default:
      return `override ${title} (${schedule.operation})`;
  }
}

import { formatInstantLabel } from '@namespace-scheduler/backstage-plugin-common';
import { browserTimeZone } from './browserTimeZone';

/**
 * An instant as people read it, labelled with its zone ("Thu 3 Dec, 18:00
 * CET"): in the display zone (browserTimeZone), or in `zone` where a view
 * is about one schedule's own times (its form's next runs).
 */
export function formatInstant(value: string | number, zone?: string): string {
  const at = new Date(value).getTime();
  if (Number.isNaN(at)) return String(value);
  return formatInstantLabel(at, zone ?? browserTimeZone());
}

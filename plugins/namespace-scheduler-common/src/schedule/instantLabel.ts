import { parseDateTime } from './intervals';
import { OverrideTiming } from './types';

/**
 * English day, month and zone names, whatever the reader's locale: `en-GB`
 * names zones by their abbreviation where there is one (CET, BST, UTC) and
 * by offset elsewhere (GMT-5), so every label carries its zone.
 */
const LABEL_FORMATS = new Map<string, Intl.DateTimeFormat>();

function labelFormat(zone: string): Intl.DateTimeFormat {
  let format = LABEL_FORMATS.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: zone,
      timeZoneName: 'short',
    });
    LABEL_FORMATS.set(zone, format);
  }
  return format;
}

/**
 * An instant as people read it, labelled with its zone: "Thu 3 Dec, 18:00 CET".
 *
 * @public
 */
export function formatInstantLabel(instant: number, zone: string): string {
  // Assembled from the parts: ICU versions punctuate the whole differently.
  const part = Object.fromEntries(
    labelFormat(zone)
      .formatToParts(instant)
      .map(({ type, value }) => [type, value]),
  );
  return `${part.weekday} ${part.day} ${part.month}, ${part.hour}:${part.minute} ${part.timeZoneName}`;
}

/**
 * The name of an override, its end shown in `zone`: "Awake until Thu 3 Dec,
 * 18:00 CET"; "Held awake" when it has no end.
 *
 * @public
 */
export function overrideTitle(
  override: Pick<OverrideTiming, 'operation' | 'until' | 'zone'>,
  zone: string = override.zone,
): string {
  const state = override.operation === 'wake' ? 'awake' : 'asleep';
  if (override.until === undefined) return `Held ${state}`;
  const at = parseDateTime(override.until, override.zone);
  const until = Number.isNaN(at)
    ? override.until
    : formatInstantLabel(at, zone);
  return `${state === 'awake' ? 'Awake' : 'Asleep'} until ${until}`;
}

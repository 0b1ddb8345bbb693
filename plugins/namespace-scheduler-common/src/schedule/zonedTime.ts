import { IANAZone } from 'luxon';
import { zoneInstantMemo } from './zoneInstantMemo';

/**
 * Local ("wall-clock") times are handled as UTC-based timestamps: the wall
 * clock 2026-03-29 02:30 is `Date.UTC(2026, 2, 29, 2, 30)`. Arithmetic on them
 * is free of DST; only `toInstant`/`toWall` consult the zone's rules.
 */
export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/**
 * Valid zone names seen so far and their canonical names: requests name the
 * same few zones, and building a DateTimeFormat per request is costly.
 */
const canonicalZones = new Map<string, string>();
const MAX_REMEMBERED_ZONES = 1_000;

/**
 * The canonical name of an IANA time zone; undefined when unknown (offsets such as `+02:00` are not zones).
 *
 * @public
 */
export function normalizeTimeZone(zone: string): string | undefined {
  const known = canonicalZones.get(zone);
  if (known) return known;
  if (!/^[A-Za-z]/.test(zone) || !IANAZone.isValidZone(zone)) return undefined;
  const canonical = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
  }).resolvedOptions().timeZone;
  // Spellings differ in case only so far; cap what odd callers can fill.
  if (canonicalZones.size >= MAX_REMEMBERED_ZONES) canonicalZones.clear();
  canonicalZones.set(zone, canonical);
  return canonical;
}

function offsetMs(zone: IANAZone, instant: number): number {
  return zone.offset(instant) * MINUTE_MS;
}

/**
 * Offsets for `toInstant`, memoized: the instants it asks about are
 * wall-clock days ± a day, so they repeat across requests.
 */
const memoOffsetMs = zoneInstantMemo((zone, instant) =>
  offsetMs(IANAZone.create(zone), instant),
);

/**
 * The wall clock in `zone` at `instant`.
 *
 * @public
 */
export function toWall(zone: string, instant: number): number {
  return instant + offsetMs(IANAZone.create(zone), instant);
}

/**
 * The instant a wall-clock time happens in `zone`. A time repeated by a
 * fall-back resolves to its first occurrence; a time skipped by a
 * spring-forward resolves to the end of the gap (02:30 on a day the clocks
 * jump from 02:00 to 03:00 happens at 03:00), as cron does. The mapping thus
 * never goes backwards, so "the next wall time" is "the next instant".
 *
 * @public
 */
export function toInstant(zone: string, wall: number): number {
  const iana = IANAZone.create(zone);
  // The offsets before and after any transition near `wall` (zones change
  // offset months apart, never twice within two days).
  const offsets = [
    memoOffsetMs(zone, wall - DAY_MS),
    memoOffsetMs(zone, wall + DAY_MS),
  ];
  if (offsets[0] === offsets[1]) return wall - offsets[0];
  const valid = offsets
    .map(offset => wall - offset)
    .filter(instant => instant + memoOffsetMs(zone, instant) === wall);
  if (valid.length > 0) return Math.min(...valid);
  return gapEnd(iana, wall - Math.max(...offsets), wall - Math.min(...offsets));
}

/** The transition instant in (lo, hi]: the offset at `lo` is the old one, at `hi` the new one. */
function gapEnd(zone: IANAZone, lo: number, hi: number): number {
  const before = offsetMs(zone, lo);
  let low = lo;
  let high = hi;
  while (high - low > MINUTE_MS) {
    const mid = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
    if (offsetMs(zone, mid) === before) low = mid;
    else high = mid;
  }
  return high;
}

export function floorToMinute(ms: number): number {
  return ms - (((ms % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
}

export function startOfWallDay(wall: number): number {
  return wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
}

/** `YYYY-MM-DD` of a wall-clock time. */
export function wallDate(wall: number): string {
  return new Date(wall).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function wallWeekday(wall: number): number {
  return new Date(wall).getUTCDay();
}

/** Minutes since midnight of `HH:mm`. */
export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

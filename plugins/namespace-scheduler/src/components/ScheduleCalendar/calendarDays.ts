import {
  keepsAwake,
  NamespaceState,
  PreviewTransition,
  toInstant,
  toWall,
} from '@namespace-scheduler/backstage-plugin-common';

const DAY_MS = 86_400_000;

/** Awake from `start` until `end` (epoch ms). */
export type Period = { start: number; end: number };

/** A part of a day the namespace is planned awake, as fractions of that day. */
export type DaySegment = Period & { top: number; height: number };

export type CalendarDay = {
  start: number;
  end: number;
  segments: DaySegment[];
};

/**
 * The awake periods in [from, to) the planned transitions produce, starting
 * from the live state. Transitions an override holds back do not run.
 * Something running (partial) counts as awake; an unknown state as asleep.
 */
export function awakePeriods(
  transitions: PreviewTransition[],
  state: NamespaceState,
  from: number,
  to: number,
): Period[] {
  const periods: Period[] = [];
  let awakeSince = state === 'awake' || state === 'partial' ? from : undefined;
  const planned = transitions
    .filter(t => !t.suppressed_by)
    .map(t => ({ at: Math.max(from, Date.parse(t.at)), wake: keepsAwake(t) }))
    .filter(t => t.at < to)
    .sort((a, b) => a.at - b.at);
  for (const { at, wake } of planned) {
    if (wake && awakeSince === undefined) awakeSince = at;
    if (!wake && awakeSince !== undefined) {
      if (at > awakeSince) periods.push({ start: awakeSince, end: at });
      awakeSince = undefined;
    }
  }
  if (awakeSince !== undefined && to > awakeSince) {
    periods.push({ start: awakeSince, end: to });
  }
  return periods;
}

/** `count` whole days in `zone` from the one containing `from`, each with its share of the periods. */
export function calendarDays(
  periods: Period[],
  zone: string,
  from: number,
  count: number,
): CalendarDay[] {
  const firstWall = Math.floor(toWall(zone, from) / DAY_MS) * DAY_MS;
  return Array.from({ length: count }, (_, index) => {
    const start = toInstant(zone, firstWall + index * DAY_MS);
    const end = toInstant(zone, firstWall + (index + 1) * DAY_MS);
    const length = end - start;
    const segments = periods
      .filter(p => p.end > start && p.start < end)
      .map(p => {
        const segment = {
          start: Math.max(p.start, start),
          end: Math.min(p.end, end),
        };
        return {
          ...segment,
          top: (segment.start - start) / length,
          height: (segment.end - segment.start) / length,
        };
      });
    return { start, end, segments };
  });
}

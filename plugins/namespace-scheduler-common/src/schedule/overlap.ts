import { Interval, weeklyIntervals, windowInterval } from './intervals';
import { ScheduleEntry } from './namespaceRules';
import { ScheduleTiming } from './types';
import { DAY_MS } from './zonedTime';

/** A year covers every DST change of both zones a weekly pattern meets. */
const HORIZON_MS = 366 * DAY_MS;

/** @public */
export type WindowConflict = {
  schedule: ScheduleEntry;
  /** When both windows first hold the namespace (epoch ms). */
  at: number;
};

const isWindow = (spec: ScheduleTiming) =>
  spec.kind === 'window' || spec.kind === 'weekly';

/**
 * The first active window of `existing` that overlaps or meets `candidate`
 * from `now` on. Meeting windows count: a sleep and a wake of one namespace
 * at the same instant would race. Cron tasks and overrides are not windows.
 *
 * @public
 */
export function findWindowConflict(
  candidate: ScheduleTiming & { id?: string },
  existing: ScheduleEntry[],
  now: number,
): WindowConflict | undefined {
  if (!isWindow(candidate)) return undefined;
  const candidateRange = rangeOf(candidate, now);
  for (const schedule of existing) {
    if (schedule.id === candidate.id) continue;
    if (schedule.status !== 'active' || !isWindow(schedule)) continue;
    const range = bounded(intersect(candidateRange, rangeOf(schedule, now)));
    if (!range) continue;
    const at = firstOverlap(
      intervalsIn(candidate, range),
      intervalsIn(schedule, range),
    );
    if (at !== undefined) return { schedule, at };
  }
  return undefined;
}

function rangeOf(spec: ScheduleTiming, now: number): Interval {
  if (spec.kind === 'window') {
    const { start, end } = windowInterval(spec);
    return { start: Math.max(start, now), end };
  }
  return { start: now, end: Infinity };
}

/** Two weekly windows repeat: a year from the start tells whether they ever meet. */
function bounded(range: Interval | undefined): Interval | undefined {
  return (
    range && {
      start: range.start,
      end: Math.min(range.end, range.start + HORIZON_MS),
    }
  );
}

function intersect(a: Interval, b: Interval): Interval | undefined {
  const start = Math.max(a.start, b.start);
  const end = Math.min(a.end, b.end);
  return start <= end ? { start, end } : undefined;
}

function intervalsIn(spec: ScheduleTiming, range: Interval): Interval[] {
  if (spec.kind === 'weekly') {
    return weeklyIntervals(spec, range.start, range.end);
  }
  return spec.kind === 'window' ? [windowInterval(spec)] : [];
}

/** The first instant two sorted interval lists share, meeting ends included. */
function firstOverlap(a: Interval[], b: Interval[]): number | undefined {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i].start <= b[j].end && b[j].start <= a[i].end) {
      return Math.max(a[i].start, b[j].start);
    }
    if (a[i].end < b[j].end) i++;
    else j++;
  }
  return undefined;
}

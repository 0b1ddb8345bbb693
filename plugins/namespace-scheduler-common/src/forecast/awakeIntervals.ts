import { keepsAwake } from '../domain/operations';
import { Interval } from '../schedule/intervals';
import { overrideAt, ScheduleEntry } from '../schedule/namespaceRules';
import {
  previousTransition,
  transitionsBetween,
} from '../schedule/transitions';
import { ScheduleTransition } from '../schedule/types';

/** Sleep before scale before wake at one instant, so the waking one is the end state (as the preview orders them). */
const OPERATION_ORDER = { sleep: 0, scale: 1, wake: 2 } as const;

const byTime = (a: ScheduleTransition, b: ScheduleTransition) =>
  a.at - b.at || OPERATION_ORDER[a.operation] - OPERATION_ORDER[b.operation];

/**
 * When one namespace's schedules keep it awake within [from, to): an active
 * override holds it in its state; otherwise the latest transition of its
 * other schedules decides (wake or scale above 0: awake). A namespace no
 * schedule wakes counts as asleep.
 *
 * @public
 */
export function awakeIntervals(
  entries: ScheduleEntry[],
  from: number,
  to: number,
): Interval[] {
  const active = entries.filter(entry => entry.status === 'active');
  const base = active.filter(entry => entry.kind !== 'override');
  const events = base
    .flatMap(entry => transitionsBetween(entry, from, to))
    .sort(byTime);
  const points = [
    ...new Set([
      from,
      ...events.map(e => e.at),
      ...overrideEdges(active, from, to),
    ]),
  ].sort((a, b) => a - b);
  let awake = latestState(base, from);
  let next = 0;
  const intervals: Interval[] = [];
  points.forEach((point, i) => {
    while (next < events.length && events[next].at <= point)
      awake = keepsAwake(events[next++]);
    const holder = overrideAt(active, point);
    const end = points[i + 1] ?? to;
    if ((holder ? holder.operation === 'wake' : awake) && end > point) {
      intervals.push({ start: point, end });
    }
  });
  return union(intervals);
}

/**
 * Whether the schedules keep the namespace awake at `at`.
 *
 * @public
 */
export function scheduledAwakeAt(
  entries: ScheduleEntry[],
  at: number,
): boolean {
  return awakeIntervals(entries, at, at + 1).length > 0;
}

/**
 * Overlapping or touching intervals joined, in order.
 *
 * @public
 */
export function union(intervals: Interval[]): Interval[] {
  const merged: Interval[] = [];
  for (const interval of [...intervals].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end)
      last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/** Whether the latest transition at or before `at` leaves the namespace awake. */
function latestState(base: ScheduleEntry[], at: number): boolean {
  const latest = base
    .flatMap(entry => previousTransition(entry, at) ?? [])
    .sort(byTime)
    .pop();
  return latest ? keepsAwake(latest) : false;
}

/** Where overrides start and end holding, within (from, to). */
function overrideEdges(
  active: ScheduleEntry[],
  from: number,
  to: number,
): number[] {
  return active
    .filter(entry => entry.kind === 'override')
    .flatMap(entry => [
      Date.parse(entry.created_at),
      ...transitionsBetween(entry, -Infinity, Infinity).map(t => t.at),
    ])
    .filter(at => at > from && at < to);
}

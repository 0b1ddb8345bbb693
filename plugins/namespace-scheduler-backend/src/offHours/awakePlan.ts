import {
  Interval,
  keepsAwake,
  overrideAt,
  previousTransition,
  ScheduleEntry,
  ScheduleTransition,
  transitionsBetween,
} from '@namespace-scheduler/backstage-plugin-common';

/** Sleep before scale before wake at one instant, so the waking one is the end state (as the preview orders them). */
const OPERATION_ORDER = { sleep: 0, scale: 1, wake: 2 } as const;

/** One namespace's awake intervals (disjoint, in order) within one scope of the limit. */
export type NamespacePlan = {
  key: string;
  scope: string;
  intervals: Interval[];
};

/** The first instant more namespaces of one scope are awake than the limit allows. */
export type Breach = { at: number; scope: string; namespaces: string[] };

const byTime = (a: ScheduleTransition, b: ScheduleTransition) =>
  a.at - b.at || OPERATION_ORDER[a.operation] - OPERATION_ORDER[b.operation];

/**
 * When one namespace's schedules keep it awake within [from, to): an active
 * override holds it in its state; otherwise the latest transition of its
 * other schedules decides (wake or scale above 0: awake). A namespace no
 * schedule wakes counts as asleep.
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

/** Whether the schedules keep the namespace awake at `at`. */
export function scheduledAwakeAt(
  entries: ScheduleEntry[],
  at: number,
): boolean {
  return awakeIntervals(entries, at, at + 1).length > 0;
}

/** The parts of `intervals` inside `within` (both sorted and disjoint). */
export function intersect(
  intervals: Interval[],
  within: Interval[],
): Interval[] {
  return intervals.flatMap(a =>
    within
      .map(b => ({
        start: Math.max(a.start, b.start),
        end: Math.min(a.end, b.end),
      }))
      .filter(overlap => overlap.end > overlap.start),
  );
}

/** Overlapping or touching intervals joined, in order. */
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

/**
 * Sweeps the plans for the first instant more than `limit` namespaces of a
 * scope are awake — with `mustInclude` among them, when given (a new
 * schedule is refused only for breaches it takes part in).
 */
export function firstBreach(
  plans: NamespacePlan[],
  limit: number,
  mustInclude?: string,
): Breach | undefined {
  let breach: Breach | undefined;
  sweep(plans, (at, awake) => {
    for (const [scope, keys] of awake) {
      if (keys.size > limit && (!mustInclude || keys.has(mustInclude))) {
        breach = { at, scope, namespaces: [...keys].sort() };
        return true;
      }
    }
    return false;
  });
  return breach;
}

/** The most namespaces awake at once, per scope. */
export function peaks(plans: NamespacePlan[]): Record<string, number> {
  const peak: Record<string, number> = {};
  sweep(plans, (_at, awake) => {
    for (const [scope, keys] of awake)
      peak[scope] = Math.max(peak[scope] ?? 0, keys.size);
    return false;
  });
  return peak;
}

/** Calls `visit` after every instant something changes, with who is awake then; `true` stops. */
function sweep(
  plans: NamespacePlan[],
  visit: (at: number, awake: Map<string, Set<string>>) => boolean,
) {
  const events = plans
    .flatMap(plan =>
      plan.intervals.flatMap(interval => [
        { at: interval.start, delta: 1, plan },
        { at: interval.end, delta: -1, plan },
      ]),
    )
    // Intervals are half-open: who leaves at an instant goes before who comes.
    .sort((a, b) => a.at - b.at || a.delta - b.delta);
  const awake = new Map<string, Set<string>>();
  for (const [i, { at, delta, plan }] of events.entries()) {
    const keys = awake.get(plan.scope) ?? new Set<string>();
    awake.set(plan.scope, keys);
    if (delta > 0) keys.add(plan.key);
    else keys.delete(plan.key);
    if (events[i + 1]?.at !== at && visit(at, awake)) return;
  }
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

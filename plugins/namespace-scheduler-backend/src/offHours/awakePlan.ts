import { Interval } from '@namespace-scheduler/backstage-plugin-common';

/** One namespace's awake intervals (disjoint, in order) within one scope of the limit. */
export type NamespacePlan = {
  key: string;
  scope: string;
  intervals: Interval[];
};

/** The first instant more namespaces of one scope are awake than the limit allows. */
export type Breach = { at: number; scope: string; namespaces: string[] };

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

import {
  Activity,
  keepsAwake,
} from '@namespace-scheduler/backstage-plugin-common';

/** A stretch of a namespace's time, awake or asleep, charged to one cost center. */
export type ChargedInterval = {
  awake: boolean;
  costCenter: string;
  start: number;
  end: number;
};

type Transition = { at: number; awake: boolean; costCenter: string };

/**
 * A wake counts from its start; a sleep from its end, when the workloads
 * actually stopped (the store completes the open record at that instant too).
 */
function transitionOf(activity: Activity): Transition {
  const awake = keepsAwake(activity);
  const instant = awake
    ? activity.timestamp_start
    : activity.timestamp_end ?? activity.timestamp_start;
  return {
    at: Date.parse(instant),
    awake,
    costCenter: activity.cost_center,
  };
}

/**
 * One namespace's awake and asleep time within [from, to), from its
 * succeeded records: `before` is the last one that started before `from`
 * (its state holds at `from`), `within` those that started in the range.
 * Time before the first known record is neither: nothing says what it cost.
 */
export function chargedIntervals(
  before: Activity | undefined,
  within: Activity[],
  range: { from: number; to: number },
): ChargedInterval[] {
  const transitions = within.map(transitionOf).sort((a, b) => a.at - b.at);
  if (before) {
    transitions.unshift({ ...transitionOf(before), at: range.from });
  }
  return transitions.flatMap((transition, i) => {
    const start = Math.max(transition.at, range.from);
    const end = Math.min(transitions[i + 1]?.at ?? range.to, range.to);
    if (end <= start) return [];
    const { awake, costCenter } = transition;
    return [{ awake, costCenter, start, end }];
  });
}

/**
 * The intervals with the namespace awake from `since` to `to`: the live
 * cluster shows it awake without an open wake record (woken outside the
 * scheduler), which the awake hours count from `since` too. That time is
 * charged to the cost center of the time before it, if any.
 */
export function awakeSince(
  intervals: ChargedInterval[],
  since: number,
  to: number,
): ChargedInterval[] {
  const before = intervals
    .filter(interval => interval.start < since)
    .map(interval => ({ ...interval, end: Math.min(interval.end, since) }));
  if (since >= to) return before;
  const costCenter = before[before.length - 1]?.costCenter ?? '';
  return [...before, { awake: true, costCenter, start: since, end: to }];
}

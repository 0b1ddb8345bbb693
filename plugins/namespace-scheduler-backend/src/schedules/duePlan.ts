import {
  Schedule,
  ScheduleTransition,
  transitionsAfter,
} from '@namespace-scheduler/backstage-plugin-common';

/** How many missed occurrences are recorded one by one (all are counted). */
export const MAX_RECORDED_MISSED = 100;

/** What a due schedule does at `now`. */
export type DuePlan = {
  /** The latest occurrence at or before `now`: the one to run. */
  due?: ScheduleTransition;
  /** Earlier occurrences not run (downtime), newest last. */
  missed: Date[];
  missedCount: number;
  /** The first occurrence after `now`. */
  next?: ScheduleTransition;
};

/**
 * Walks the schedule's occurrences from its stored next run up to `now`:
 * after downtime only the latest one runs, the others are reported missed.
 * No occurrence (e.g. its day became an exception) only moves it on.
 */
export function planDue(schedule: Schedule, now: Date): DuePlan {
  const from = Date.parse(schedule.next_run ?? '') - 1;
  const missed: Date[] = [];
  let missedCount = 0;
  let due: ScheduleTransition | undefined;
  for (const transition of transitionsAfter(schedule, from)) {
    if (transition.at > now.getTime()) {
      return { due, missed, missedCount, next: transition };
    }
    if (due) {
      missedCount++;
      missed.push(new Date(due.at));
      if (missed.length > MAX_RECORDED_MISSED) missed.shift();
    }
    due = transition;
  }
  return { due, missed, missedCount };
}

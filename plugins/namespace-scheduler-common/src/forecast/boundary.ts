import { ScheduleEntry } from '../schedule/namespaceRules';
import { scheduledAwakeAt } from './awakeIntervals';

/**
 * What happens to an awake namespace at the start of off-hours: it stays
 * (it holds a slot of the period), it stays if it can take a slot (a
 * schedule keeps it awake across the boundary; `keeper` is the schedule the
 * slot is taken for), or it is put to sleep.
 *
 * @public
 */
export type BoundaryDecision<E extends ScheduleEntry = ScheduleEntry> =
  | { action: 'keep'; reason: string }
  | { action: 'take-slot'; keeper: E; reason: string }
  | { action: 'sleep'; reason: string };

/**
 * The off-hours boundary rule, one function for the runner (which acts on
 * it) and the forecast (which predicts with it): an awake namespace may stay
 * awake at `at`, the start of an off-hours period, when it holds a slot of
 * that period, or when its schedules keep it awake then and one of the
 * `limit` slots is free.
 *
 * @public
 */
export function boundaryDecision<E extends ScheduleEntry>(options: {
  /** The namespace's own schedules. */
  schedules: E[];
  at: number;
  holdsSlot: boolean;
  limit: number;
}): BoundaryDecision<E> {
  const { schedules, at, holdsSlot, limit } = options;
  if (holdsSlot) {
    return { action: 'keep', reason: 'kept awake: it holds an off-hours slot' };
  }
  const keeper = schedules.find(schedule => scheduledAwakeAt([schedule], at));
  if (!keeper || !scheduledAwakeAt(schedules, at)) {
    return { action: 'sleep', reason: 'off-hours start: no off-hours slot' };
  }
  return {
    action: 'take-slot',
    keeper,
    reason: `kept awake: schedule "${keeper.title}" keeps it awake and takes a slot if one of ${limit} is free`,
  };
}

import { previousTransition } from './transitions';
import { ScheduleTiming, ScheduleTransition } from './types';

/**
 * What "run now" does: a cron task or override its operation; a window what
 * it asks for at this moment (wake inside, sleep outside). The backend runs
 * it; the run-now dialog announces it (and the override it ends).
 *
 * @public
 */
export function operationNow(
  schedule: ScheduleTiming,
  now: number,
): ScheduleTransition {
  switch (schedule.kind) {
    case 'cron':
      return {
        at: now,
        operation: schedule.operation,
        replicas: schedule.replicas,
      };
    case 'override':
      return { at: now, operation: schedule.operation };
    default:
      return {
        at: now,
        operation:
          previousTransition(schedule, now)?.operation === 'wake'
            ? 'wake'
            : 'sleep',
      };
  }
}

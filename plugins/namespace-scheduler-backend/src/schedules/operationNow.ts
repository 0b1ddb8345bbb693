import {
  previousTransition,
  Schedule,
  ScheduleTransition,
} from '@namespace-scheduler/backstage-plugin-common';

/**
 * What "run now" does: a cron task or override its operation; a window what
 * it asks for at this moment (wake inside, sleep outside).
 */
export function operationNow(
  schedule: Schedule,
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

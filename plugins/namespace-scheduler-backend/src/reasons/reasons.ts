import {
  ActivitySource,
  BusinessHoursSpec,
  formatInstantLabel,
  OperationIntent,
  parseDateTime,
  replicasOf,
  Schedule,
  ScheduleTransition,
} from '@namespace-scheduler/backstage-plugin-common';
import { describeDays, personOf } from './describeTime';

/** Why an operation happened, as its activity records it. */
export type Why = { source: ActivitySource; reason: string };

/** `Manual sleep by alice`, `Manual scale to 3 by bob`. */
export function manualWhy(intent: OperationIntent, requestedBy: string): Why {
  const replicas = replicasOf(intent);
  const to = replicas === undefined ? '' : ` to ${replicas}`;
  return {
    source: 'manual',
    reason: `Manual ${intent.operation}${to} by ${personOf(requestedBy)}`,
  };
}

/** `Schedule "Office hours" (Mon–Fri 08:00–19:00 Europe/Madrid)`: a schedule and when it acts. */
export function describeSchedule(schedule: Schedule): string {
  return `Schedule "${schedule.title}" (${describeTiming(schedule)})`;
}

function describeTiming(schedule: Schedule): string {
  switch (schedule.kind) {
    case 'weekly':
      return `${describeDays(schedule.days)} ${schedule.from}–${schedule.to} ${
        schedule.zone
      }`;
    case 'window':
      return `awake ${formatInstantLabel(
        parseDateTime(schedule.start, schedule.zone),
        schedule.zone,
      )} → ${formatInstantLabel(
        parseDateTime(schedule.end, schedule.zone),
        schedule.zone,
      )}`;
    case 'cron':
      return `${schedule.operation}${
        schedule.replicas === undefined ? '' : ` to ${schedule.replicas}`
      } at "${schedule.cron}" ${schedule.zone}`;
    default:
      return `${schedule.operation} override`;
  }
}

/**
 * Why a schedule's run happened: the schedule the runner ran, a user's run
 * now of it, or an override taking hold (`Held awake until Thu 3 Dec, 18:00
 * CET (override by alice)`) or ending.
 */
export function runWhy(
  schedule: Schedule,
  transition: ScheduleTransition,
  run: { trigger: 'schedule' | 'manual'; requestedBy: string },
): Why {
  if (schedule.kind === 'override') {
    const by = personOf(schedule.created_by);
    if (transition.release) {
      return {
        source: 'override',
        reason: `Override "${schedule.title}" by ${by} ended: back to what the other schedules ask for`,
      };
    }
    const state = schedule.operation === 'wake' ? 'awake' : 'asleep';
    const until = schedule.until
      ? `until ${formatInstantLabel(
          parseDateTime(schedule.until, schedule.zone),
          schedule.zone,
        )}`
      : 'until deleted';
    return {
      source: 'override',
      reason: `Held ${state} ${until} (override by ${by})`,
    };
  }
  if (run.trigger === 'manual') {
    return {
      source: 'run-now',
      reason: `Run now of ${describeSchedule(schedule)} by ${personOf(
        run.requestedBy,
      )}`,
    };
  }
  return { source: 'schedule', reason: describeSchedule(schedule) };
}

/**
 * `Off-hours started (Thu 3 Dec, 20:00 CET; business hours Mon–Fri
 * 07:00–20:00 Europe/Madrid): no off-hours slot held; limit 5 across all
 * clusters`: why the boundary put a namespace to sleep.
 */
export function boundaryWhy(boundary: {
  /** When the off-hours period started (0: there are no business hours). */
  start: number;
  hours: BusinessHoursSpec;
  limit: number;
  /** `across all clusters`, `in cluster prod`. */
  scope: string;
}): Why {
  const { start, hours, limit, scope } = boundary;
  const when = start > 0 ? `${formatInstantLabel(start, hours.time_zone)}; ` : '';
  return {
    source: 'off-hours-boundary',
    reason: `Off-hours started (${when}business hours ${describeDays(
      hours.days,
    )} ${hours.start}–${hours.end} ${
      hours.time_zone
    }): no off-hours slot held; limit ${limit} ${scope}`,
  };
}

import { Activity } from '@namespace-scheduler/backstage-plugin-common';
import { randomUUID } from 'node:crypto';
import { ActivityEffect, NewActivity } from './ActivityStore';

/**
 * The record `ActivityStore.record` writes and returns, built before it is
 * written so that a store can queue it and write it later under the same id.
 *
 * @public
 */
export function prepareActivity(
  activity: NewActivity,
  effect: ActivityEffect,
  id: string = randomUUID(),
): Activity {
  const opens = effect === 'open';
  const start = activity.timestampStart.getTime();
  const end = activity.timestampEnd.getTime();
  return {
    id,
    namespace: activity.namespace,
    cluster: activity.cluster,
    operation: activity.operation,
    ...(activity.replicas !== undefined && { replicas: activity.replicas }),
    cost_center: activity.costCenter,
    requested_by: activity.requestedBy,
    ...(activity.approvedBy !== undefined && {
      approved_by: activity.approvedBy,
    }),
    ...(activity.userId !== undefined && { user_id: activity.userId }),
    ...(activity.scheduleId !== undefined && {
      schedule_id: activity.scheduleId,
    }),
    ...(activity.source !== undefined && { source: activity.source }),
    ...(activity.reason !== undefined && {
      reason: clipReason(activity.reason),
    }),
    status: opens ? 'active' : 'completed',
    outcome: activity.result.success ? 'succeeded' : 'failed',
    timestamp_start: activity.timestampStart.toISOString(),
    ...(!opens && {
      timestamp_end: activity.timestampEnd.toISOString(),
      duration_minutes: minutesBetween(start, end),
    }),
    result: activity.result,
  };
}

/**
 * An activity's `duration_minutes`: whole minutes, rounded, between two
 * epoch-millisecond instants.
 *
 * @public
 */
export function minutesBetween(start: number, end: number): number {
  return Math.round((end - start) / 60_000);
}

/**
 * The longest `reason` a store keeps, in characters (the portal database's
 * column holds this much).
 *
 * @public
 */
export const MAX_ACTIVITY_REASON = 500;

/**
 * A reason as stores keep it: cut to `MAX_ACTIVITY_REASON` characters, with
 * an ellipsis when cut.
 *
 * @public
 */
export function clipReason(reason: string): string {
  return reason.length <= MAX_ACTIVITY_REASON
    ? reason
    : `${reason.slice(0, MAX_ACTIVITY_REASON - 1)}…`;
}

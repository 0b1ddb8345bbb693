import {
  Activity,
  OperationResult,
} from '@namespace-scheduler/backstage-plugin-common';

/**
 * An activity with the attribute names of the earlier in-house scheduler's
 * DynamoDB table (docs/dynamodb.md), plus the fields this product added: id,
 * replicas, schedule_id, source, reason, outcome and the engine's result.
 * `timestamp_end` stays epoch milliseconds, as that table has it.
 */
export type ActivityItem = {
  namespace_name: string;
  /** Sort key: ISO start + `#` + id (see tables.ts). */
  timestamp_start: string;
  id: string;
  cluster_name: string;
  operation_type: Activity['operation'];
  replicas?: number;
  cost_center: string;
  requested_by: string;
  approved_by?: string;
  user_id?: string;
  schedule_id?: string;
  source?: Activity['source'];
  reason?: string;
  status: Activity['status'];
  outcome: Activity['outcome'];
  timestamp_end?: number;
  duration_minutes?: number;
  /** JSON: nested results keep their exact shape, empty strings included. */
  result: string;
};

/**
 * The item that says which record of a namespace is open (being charged).
 * Its sort key starts with `#`, before every ISO timestamp, and it has none
 * of the index attributes, so no query of activities ever returns it.
 */
export type OpenPointerItem = {
  namespace_name: string;
  timestamp_start: string;
  open_key?: string;
  open_start_ms?: number;
};

export function sortKey(startIso: string, id: string): string {
  return `${startIso}#${id}`;
}

export function pointerKey(cluster: string, namespace: string) {
  return { namespace_name: namespace, timestamp_start: `#open#${cluster}` };
}

export function startOfKey(key: string): string {
  return key.slice(0, key.indexOf('#'));
}

export function toItem(activity: Activity): ActivityItem {
  return {
    namespace_name: activity.namespace,
    timestamp_start: sortKey(activity.timestamp_start, activity.id),
    id: activity.id,
    cluster_name: activity.cluster,
    operation_type: activity.operation,
    replicas: activity.replicas,
    cost_center: activity.cost_center,
    requested_by: activity.requested_by,
    approved_by: activity.approved_by,
    user_id: activity.user_id,
    schedule_id: activity.schedule_id,
    source: activity.source,
    reason: activity.reason,
    status: activity.status,
    outcome: activity.outcome,
    timestamp_end:
      activity.timestamp_end === undefined
        ? undefined
        : Date.parse(activity.timestamp_end),
    duration_minutes: activity.duration_minutes,
    result: JSON.stringify(activity.result),
  };
}

export function fromItem(item: ActivityItem): Activity {
  return {
    id: item.id,
    namespace: item.namespace_name,
    cluster: item.cluster_name,
    operation: item.operation_type,
    ...(item.replicas !== undefined && { replicas: item.replicas }),
    cost_center: item.cost_center,
    requested_by: item.requested_by,
    ...(item.approved_by !== undefined && { approved_by: item.approved_by }),
    ...(item.user_id !== undefined && { user_id: item.user_id }),
    ...(item.schedule_id !== undefined && { schedule_id: item.schedule_id }),
    ...(item.source !== undefined && { source: item.source }),
    ...(item.reason !== undefined && { reason: item.reason }),
    status: item.status,
    outcome: item.outcome,
    timestamp_start: startOfKey(item.timestamp_start),
    ...(item.timestamp_end !== undefined && {
      timestamp_end: new Date(item.timestamp_end).toISOString(),
    }),
    ...(item.duration_minutes !== undefined && {
      duration_minutes: item.duration_minutes,
    }),
    result: JSON.parse(item.result) as OperationResult,
  };
}

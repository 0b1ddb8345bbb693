/** The activity log's rows in the portal database and their mapping to activities (as dynamodb/activityItems.ts is for DynamoDB), apart from the queries that read them. */
import {
  Activity,
  ActivitySource,
  AwakeRecord,
  OperationResult,
} from '@namespace-scheduler/backstage-plugin-common';
import { randomUUID } from 'node:crypto';
import {
  ActivityEffect,
  clipReason,
  NewActivity,
  minutesBetween,
} from '@namespace-scheduler/backstage-plugin-node';

export const ACTIVITIES = 'ns_activities';

export type ActivityRow = {
  id: string;
  namespace_name: string;
  cluster_name: string;
  operation_type: Activity['operation'];
  replicas: number | null;
  cost_center: string;
  requested_by: string;
  approved_by: string | null;
  user_id: string | null;
  schedule_id: string | null;
  source: ActivitySource | null;
  reason: string | null;
  status: Activity['status'];
  outcome: Activity['outcome'];
  /** PostgreSQL returns bigint columns as strings. */
  timestamp_start: number | string;
  timestamp_end: number | string | null;
  duration_minutes: number | null;
  result: string;
};

/** The columns awake hours read: not the operation's result, whose JSON is most of a row. */
export const AWAKE_COLUMNS = [
  'id',
  'cluster_name',
  'namespace_name',
  'operation_type',
  'replicas',
  'outcome',
  'status',
  'timestamp_start',
  'timestamp_end',
] as const;

export type AwakeRow = Pick<ActivityRow, (typeof AWAKE_COLUMNS)[number]>;

export function toRow(
  activity: NewActivity,
  effect: ActivityEffect,
): ActivityRow {
  const start = activity.timestampStart.getTime();
  const end = activity.timestampEnd.getTime();
  const opens = effect === 'open';
  return {
    id: randomUUID(),
    namespace_name: activity.namespace,
    cluster_name: activity.cluster,
    operation_type: activity.operation,
    replicas: activity.replicas ?? null,
    cost_center: activity.costCenter,
    requested_by: activity.requestedBy,
    approved_by: activity.approvedBy ?? null,
    user_id: activity.userId ?? null,
    schedule_id: activity.scheduleId ?? null,
    source: activity.source ?? null,
    reason: activity.reason === undefined ? null : clipReason(activity.reason),
    status: opens ? 'active' : 'completed',
    outcome: activity.result.success ? 'succeeded' : 'failed',
    timestamp_start: start,
    timestamp_end: opens ? null : end,
    duration_minutes: opens ? null : minutesBetween(start, end),
    result: JSON.stringify(activity.result),
  };
}

/** The fields both readings of a row map alike. */
function identityOf(row: AwakeRow) {
  return {
    id: row.id,
    namespace: row.namespace_name,
    cluster: row.cluster_name,
    operation: row.operation_type,
    ...(row.replicas !== null && { replicas: row.replicas }),
    status: row.status,
    outcome: row.outcome,
  };
}

export function awakeFromRow(row: AwakeRow): AwakeRecord {
  return {
    ...identityOf(row),
    start: Number(row.timestamp_start),
    ...(row.timestamp_end !== null && { end: Number(row.timestamp_end) }),
  };
}

export function fromRow(row: ActivityRow): Activity {
  return {
    ...identityOf(row),
    cost_center: row.cost_center,
    requested_by: row.requested_by,
    ...(row.approved_by !== null && { approved_by: row.approved_by }),
    ...(row.user_id !== null && { user_id: row.user_id }),
    ...(row.schedule_id !== null && { schedule_id: row.schedule_id }),
    ...(row.source !== null && { source: row.source }),
    ...(row.reason !== null && { reason: row.reason }),
    timestamp_start: new Date(Number(row.timestamp_start)).toISOString(),
    ...(row.timestamp_end !== null && {
      timestamp_end: new Date(Number(row.timestamp_end)).toISOString(),
    }),
    ...(row.duration_minutes !== null && {
      duration_minutes: row.duration_minutes,
    }),
    result: JSON.parse(row.result) as OperationResult,
  };
}

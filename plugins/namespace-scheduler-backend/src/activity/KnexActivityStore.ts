import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  Activity,
  ActivityPage,
  AwakeRecord,
  OperationResult,
} from '@namespace-scheduler/backstage-plugin-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  ActivityEffect,
  ActivityQuery,
  ActivityStore,
  DEFAULT_ACTIVITY_PAGE,
  MAX_ACTIVITY_PAGE,
  NewActivity,
} from './ActivityStore';

const TABLE = 'ns_activities';
/** Concurrent wakes of one namespace each retry until theirs is the open record. */
const MAX_OPEN_ATTEMPTS = 10;

type ActivityRow = {
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
  status: Activity['status'];
  outcome: Activity['outcome'];
  /** PostgreSQL returns bigint columns as strings. */
  timestamp_start: number | string;
  timestamp_end: number | string | null;
  duration_minutes: number | null;
  result: string;
};

/** The columns awake hours read: not the operation's result, whose JSON is most of a row. */
const AWAKE_COLUMNS = [
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

type AwakeRow = Pick<ActivityRow, (typeof AWAKE_COLUMNS)[number]>;

/** The activity log in the portal database (SQLite, PostgreSQL). */
export class KnexActivityStore implements ActivityStore {
  static create(options: { knex: Knex }): KnexActivityStore {
    return new KnexActivityStore(options.knex);
  }

  private constructor(private readonly knex: Knex) {}

  async record(
    activity: NewActivity,
    effect: ActivityEffect,
  ): Promise<Activity> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.recordOnce(activity, effect);
      } catch (error) {
        // Another wake of the namespace opened a record meanwhile: complete that one too.
        const raced = effect === 'open' && isDatabaseConflictError(error);
        if (!raced || attempt >= MAX_OPEN_ATTEMPTS) throw error;
      }
    }
  }

  async get(id: string): Promise<Activity | undefined> {
    const row = await this.knex<ActivityRow>(TABLE).where({ id }).first();
    return row && fromRow(row);
  }

  async list(query: ActivityQuery): Promise<ActivityPage> {
    const limit = Math.min(
      query.limit ?? DEFAULT_ACTIVITY_PAGE,
      MAX_ACTIVITY_PAGE,
    );
    const rows = await filtered(this.knex<ActivityRow>(TABLE), query)
      .orderBy([
        { column: 'timestamp_start', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit + 1);
    const items = rows.slice(0, limit).map(fromRow);
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return {
      items,
      ...(last && { next_cursor: encodeCursor(last) }),
    };
  }

  async periodRecords(
    namespaces: { cluster: string; namespace: string }[],
    from: Date,
  ): Promise<AwakeRecord[]> {
    if (namespaces.length === 0) return [];
    const pairs = namespaces.map(ref => [ref.cluster, ref.namespace]);
    const ofNamespaces = () =>
      this.knex<ActivityRow>(TABLE)
        .select(...AWAKE_COLUMNS)
        .whereIn(['cluster_name', 'namespace_name'], pairs);
    // Two index ranges on (cluster, namespace, end) rather than one OR,
    // which would read each namespace's whole history.
    const rows: AwakeRow[] = await ofNamespaces()
      .where('timestamp_end', '>=', from.getTime())
      .unionAll(ofNamespaces().whereNull('timestamp_end'));
    return rows.map(awakeFromRow);
  }

  private recordOnce(activity: NewActivity, effect: ActivityEffect) {
    return this.knex.transaction(async trx => {
      if (effect === 'open') {
        await completeOpen(trx, activity, activity.timestampStart);
      } else if (effect === 'close') {
        await completeOpen(trx, activity, activity.timestampEnd);
      }
      const row = toRow(activity, effect);
      await trx<ActivityRow>(TABLE).insert(row);
      return fromRow(row);
    });
  }
}

/** Completes the namespace's open record at `end`. */
async function completeOpen(
  trx: Knex.Transaction,
  ref: NewActivity,
  end: Date,
) {
  const open = await trx<ActivityRow>(TABLE).where({
    cluster_name: ref.cluster,
    namespace_name: ref.namespace,
    status: 'active',
  });
  for (const row of open) {
    await trx<ActivityRow>(TABLE)
      .where({ id: row.id })
      .update({
        status: 'completed',
        timestamp_end: end.getTime(),
        duration_minutes: minutesBetween(
          Number(row.timestamp_start),
          end.getTime(),
        ),
      });
  }
}

function filtered(
  builder: Knex.QueryBuilder<ActivityRow, ActivityRow[]>,
  query: ActivityQuery,
) {
  const equal: Partial<ActivityRow> = {
    ...(query.cluster && { cluster_name: query.cluster }),
    ...(query.namespace && { namespace_name: query.namespace }),
    ...(query.costCenter && { cost_center: query.costCenter }),
    ...(query.operation && { operation_type: query.operation }),
    ...(query.requestedBy && { requested_by: query.requestedBy }),
    ...(query.status && { status: query.status }),
    ...(query.outcome && { outcome: query.outcome }),
  };
  let result = builder.where(equal);
  if (query.from)
    result = result.where('timestamp_start', '>=', query.from.getTime());
  if (query.to)
    result = result.where('timestamp_start', '<', query.to.getTime());
  if (query.cursor) {
    const [start, id] = decodeCursor(query.cursor);
    result = result.where(inner =>
      inner
        .where('timestamp_start', '<', start)
        .orWhere(same =>
          same.where('timestamp_start', '=', start).andWhere('id', '<', id),
        ),
    );
  }
  return result;
}

function toRow(activity: NewActivity, effect: ActivityEffect): ActivityRow {
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

function awakeFromRow(row: AwakeRow): AwakeRecord {
  return {
    ...identityOf(row),
    start: Number(row.timestamp_start),
    ...(row.timestamp_end !== null && { end: Number(row.timestamp_end) }),
  };
}

function fromRow(row: ActivityRow): Activity {
  return {
    ...identityOf(row),
    cost_center: row.cost_center,
    requested_by: row.requested_by,
    ...(row.approved_by !== null && { approved_by: row.approved_by }),
    ...(row.user_id !== null && { user_id: row.user_id }),
    ...(row.schedule_id !== null && { schedule_id: row.schedule_id }),
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

function minutesBetween(start: number, end: number): number {
  return Math.round((end - start) / 60_000);
}

function encodeCursor(row: ActivityRow): string {
  return Buffer.from(
    JSON.stringify([Number(row.timestamp_start), row.id]),
  ).toString('base64url');
}

function decodeCursor(cursor: string): [number, string] {
  try {
    const value: unknown = JSON.parse(
      Buffer.from(cursor, 'base64url').toString(),
    );
    if (
      Array.isArray(value) &&
      typeof value[0] === 'number' &&
      typeof value[1] === 'string'
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // Reported below.
  }
  throw new InputError('cursor: not a cursor returned by this API');
}

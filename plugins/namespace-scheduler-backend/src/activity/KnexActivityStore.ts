import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  Activity,
  ActivityPage,
  AwakeRecord,
} from '@namespace-scheduler/backstage-plugin-common';
import { Knex } from 'knex';
import {
  ACTIVITIES,
  ActivityRow,
  AWAKE_COLUMNS,
  AwakeRow,
  awakeFromRow,
  fromRow,
  toRow,
} from './activityRows';
import {
  ActivityEffect,
  ActivityQuery,
  ActivityStore,
  DEFAULT_ACTIVITY_PAGE,
  MAX_ACTIVITY_PAGE,
  NewActivity,
  minutesBetween,
} from '@namespace-scheduler/backstage-plugin-node';

/** Concurrent wakes of one namespace each retry until theirs is the open record. */
const MAX_OPEN_ATTEMPTS = 10;

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
    const row = await this.knex<ActivityRow>(ACTIVITIES).where({ id }).first();
    return row && fromRow(row);
  }

  async list(query: ActivityQuery): Promise<ActivityPage> {
    const limit = Math.min(
      query.limit ?? DEFAULT_ACTIVITY_PAGE,
      MAX_ACTIVITY_PAGE,
    );
    const rows = await filtered(this.knex<ActivityRow>(ACTIVITIES), query)
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
      this.knex<ActivityRow>(ACTIVITIES)
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
      await trx<ActivityRow>(ACTIVITIES).insert(row);
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
  const open = await trx<ActivityRow>(ACTIVITIES).where({
    cluster_name: ref.cluster,
    namespace_name: ref.namespace,
    status: 'active',
  });
  for (const row of open) {
    await trx<ActivityRow>(ACTIVITIES)
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

import { NotFoundError } from '@backstage/errors';
import {
  Schedule,
  ScheduleTransition,
} from '@namespace-scheduler/backstage-plugin-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { KnexRunLedger } from './KnexRunLedger';
import {
  declaredColumns,
  inputColumns,
  movedOnColumns,
  nextColumns,
  RunRow,
  RUNS,
  ScheduleRow,
  scheduleFromRow,
  SCHEDULES,
} from './scheduleRows';
import {
  NewSchedule,
  OverrideEnding,
  requireSchedule,
  RunClaim,
  RunFinish,
  ScheduleStore,
  ScheduleUpdate,
  SiblingCheck,
} from './ScheduleStore';

const LOCKS = 'ns_schedule_locks';

type Namespace = { cluster: string; namespace: string };

/**
 * Schedules in the portal database (SQLite, PostgreSQL), each namespace's
 * writes serialized by its lock row; their runs in the `KnexRunLedger`.
 */
export class KnexScheduleStore implements ScheduleStore {
  static create(options: { knex: Knex }): KnexScheduleStore {
    return new KnexScheduleStore(options.knex);
  }

  private readonly runs: KnexRunLedger;

  private constructor(private readonly knex: Knex) {
    this.runs = KnexRunLedger.create({ knex });
  }

  async create(schedule: NewSchedule, check?: SiblingCheck): Promise<Schedule> {
    const at = schedule.at.getTime();
    const row: ScheduleRow = {
      id: randomUUID(),
      ...inputColumns(schedule.input),
      status: 'active',
      ...nextColumns(schedule.next),
      run_count: 0,
      success_count: 0,
      error_count: 0,
      skipped_count: 0,
      last_run: null,
      created_by: schedule.createdBy,
      created_at: at,
      updated_at: at,
      ended_by: null,
      ended_at: null,
      ...declaredColumns(schedule.declared),
    };
    await this.knex.transaction(async trx => {
      check?.(await lockedSiblings(trx, schedule.input, row.id));
      if (row.kind === 'override') {
        await trx<ScheduleRow>(SCHEDULES)
          .where({
            ...namespaceOf(schedule.input),
            kind: 'override',
            status: 'active',
          })
          .update({
            status: 'completed',
            next_run: null,
            next_operation: null,
            updated_at: at,
          });
      }
      await trx<ScheduleRow>(SCHEDULES).insert(row);
    });
    return scheduleFromRow(row);
  }

  async replace(
    id: string,
    update: ScheduleUpdate,
    check?: SiblingCheck,
  ): Promise<Schedule> {
    await this.knex.transaction(async trx => {
      check?.(await lockedSiblings(trx, update.input, id));
      const changed = await trx<ScheduleRow>(SCHEDULES)
        .where({ id })
        .update({
          ...inputColumns(update.input),
          status: 'active',
          ...nextColumns(update.next),
          ...(update.declared && declaredColumns(update.declared)),
          updated_at: update.at.getTime(),
        });
      if (changed === 0) throw new NotFoundError(`No schedule with id ${id}`);
    });
    return requireSchedule(this, id);
  }

  async delete(id: string): Promise<boolean> {
    return this.knex.transaction(async trx => {
      await trx<RunRow>(RUNS).where({ schedule_id: id }).delete();
      return (await trx<ScheduleRow>(SCHEDULES).where({ id }).delete()) > 0;
    });
  }

  async withdrawOverride(
    id: string,
    nextOf: (schedule: Schedule) => NewSchedule['next'],
  ): Promise<void> {
    await this.knex.transaction(async trx => {
      const row = await trx<ScheduleRow>(SCHEDULES).where({ id }).first();
      if (!row) return;
      await trx<RunRow>(RUNS).where({ schedule_id: id }).delete();
      await trx<ScheduleRow>(SCHEDULES).where({ id }).delete();
      const overrides = () =>
        trx<ScheduleRow>(SCHEDULES).where({
          cluster_name: row.cluster_name,
          namespace_name: row.namespace_name,
          kind: 'override',
        });
      if (await overrides().where({ status: 'active' }).first()) return;
      // `create` completed them in its transaction, stamped with its instant.
      const superseded = await overrides().where({
        status: 'completed',
        updated_at: row.created_at,
      });
      for (const earlier of superseded) {
        await trx<ScheduleRow>(SCHEDULES)
          .where({ id: earlier.id })
          .update({
            status: 'active',
            ...nextColumns(nextOf(scheduleFromRow(earlier))),
          });
      }
    });
  }

  async endOverride(ending: OverrideEnding): Promise<Schedule | undefined> {
    return this.knex.transaction(async trx => {
      const override = ending.ends(await lockedSiblings(trx, ending));
      if (!override) return undefined;
      const at = ending.at.getTime();
      await trx<ScheduleRow>(SCHEDULES).where({ id: override.id }).update({
        status: 'completed',
        next_run: null,
        next_operation: null,
        ended_by: ending.by,
        ended_at: at,
        updated_at: at,
      });
      return override;
    });
  }

  async reinstateOverride(override: Schedule, endedAt: Date): Promise<void> {
    const next = override.next_run
      ? {
          next_run: Date.parse(override.next_run),
          next_operation: override.next_operation ?? null,
        }
      : nextColumns();
    await this.knex<ScheduleRow>(SCHEDULES)
      .where({
        id: override.id,
        status: 'completed',
        ended_at: endedAt.getTime(),
      })
      .update({
        status: 'active',
        ...next,
        ended_by: null,
        ended_at: null,
        updated_at: Date.parse(override.updated_at),
      });
  }

  async get(id: string): Promise<Schedule | undefined> {
    const row = await this.knex<ScheduleRow>(SCHEDULES).where({ id }).first();
    return row && scheduleFromRow(row);
  }

  async list(filter: Partial<Namespace> = {}): Promise<Schedule[]> {
    const rows = await this.knex<ScheduleRow>(SCHEDULES)
      .where({
        ...(filter.cluster && { cluster_name: filter.cluster }),
        ...(filter.namespace && { namespace_name: filter.namespace }),
      })
      .orderBy([{ column: 'created_at' }, { column: 'id' }]);
    return rows.map(scheduleFromRow);
  }

  async findDue(now: Date, limit: number): Promise<Schedule[]> {
    const rows = await this.knex<ScheduleRow>(SCHEDULES)
      .where('next_run', '<=', now.getTime())
      .orderBy([
        { column: 'next_run' },
        { column: 'next_operation' },
        { column: 'id' },
      ])
      .limit(limit);
    return rows.map(scheduleFromRow);
  }

  async reschedule(
    scheduleId: string,
    expectedNextRun: Date,
    next?: ScheduleTransition,
  ) {
    await this.knex<ScheduleRow>(SCHEDULES)
      .where({ id: scheduleId, next_run: expectedNextRun.getTime() })
      .update(movedOnColumns(next));
  }

  claim(claim: RunClaim): Promise<string | undefined> {
    return this.runs.claim(claim);
  }

  finish(run: RunFinish): Promise<void> {
    return this.runs.finish(run);
  }

  staleClaims(claimedBefore: Date) {
    return this.runs.staleClaims(claimedBefore);
  }

  listRuns(scheduleId: string, limit: number) {
    return this.runs.listRuns(scheduleId, limit);
  }
}

function namespaceOf(ref: Namespace) {
  return { cluster_name: ref.cluster, namespace_name: ref.namespace };
}

/**
 * The namespace's schedules (but `exceptId`), read after upserting its lock row: on
 * PostgreSQL the row lock serializes writers of one namespace until commit
 * (SQLite serializes all writers anyway), so a check cannot race.
 */
async function lockedSiblings(
  trx: Knex.Transaction,
  ref: Namespace,
  exceptId?: string,
): Promise<Schedule[]> {
  await trx(LOCKS)
    .insert({ ...namespaceOf(ref), version: 1 })
    .onConflict(['cluster_name', 'namespace_name'])
    .merge({ version: trx.raw(`${LOCKS}.version + 1`) });
  const rows = await trx<ScheduleRow>(SCHEDULES)
    .where(namespaceOf(ref))
    .modify(query => {
      if (exceptId) query.whereNot({ id: exceptId });
    });
  return rows.map(scheduleFromRow);
}

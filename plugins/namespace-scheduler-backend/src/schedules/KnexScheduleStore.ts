import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  Schedule,
  ScheduleTransition,
} from '@namespace-scheduler/backstage-plugin-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  inputColumns,
  RunRow,
  runFromRow,
  runSummary,
  ScheduleRow,
  scheduleFromRow,
} from './scheduleRows';
import {
  NewSchedule,
  RunClaim,
  RunFinish,
  ScheduleStore,
  ScheduleUpdate,
  SiblingCheck,
  StaleClaim,
} from './ScheduleStore';

const SCHEDULES = 'ns_schedules';
const RUNS = 'ns_schedule_runs';
const LOCKS = 'ns_schedule_locks';

type Namespace = { cluster: string; namespace: string };

/** Schedules and runs in the portal database (SQLite, PostgreSQL). */
export class KnexScheduleStore implements ScheduleStore {
  static create(options: { knex: Knex }): KnexScheduleStore {
    return new KnexScheduleStore(options.knex);
  }

  private constructor(private readonly knex: Knex) {}

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
          updated_at: update.at.getTime(),
        });
      if (changed === 0) throw new NotFoundError(`No schedule with id ${id}`);
    });
    return this.require(id);
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

  async claim(claim: RunClaim): Promise<string | undefined> {
    const runId = randomUUID();
    try {
      return await this.knex.transaction(async trx => {
        if (claim.advance && !(await advance(trx, claim))) return undefined;
        await trx<RunRow>(RUNS).insert({
          id: runId,
          schedule_id: claim.scheduleId,
          due_at: claim.dueAt.getTime(),
          trigger: claim.trigger,
          operation: claim.operation ?? null,
          status: 'claimed',
          message: null,
          claimed_by: claim.claimedBy,
          claimed_at: claim.claimedAt.getTime(),
          finished_at: null,
          activity_id: null,
        });
        return runId;
      });
    } catch (error) {
      // The unique (schedule, trigger, due time): someone ran it already.
      if (isDatabaseConflictError(error)) return undefined;
      throw error;
    }
  }

  async reschedule(
    scheduleId: string,
    expectedNextRun: Date,
    next?: ScheduleTransition,
  ) {
    await this.knex<ScheduleRow>(SCHEDULES)
      .where({ id: scheduleId, next_run: expectedNextRun.getTime() })
      .update({ ...nextColumns(next), ...(!next && { status: 'completed' }) });
  }

  async finish(run: RunFinish): Promise<void> {
    const zone = (await this.require(run.scheduleId)).zone;
    const ran = run.outcome === 'skipped' ? 0 : 1;
    await this.knex.transaction(async trx => {
      const updated = await trx<RunRow>(RUNS)
        .where({ id: run.runId, status: 'claimed' })
        .update({
          status: run.outcome,
          message: run.message ?? null,
          activity_id: run.activityId ?? null,
          finished_at: run.finishedAt.getTime(),
        });
      // Finished already (e.g. swept as abandoned by another instance): count it once.
      if (updated === 0) return;
      await trx<ScheduleRow>(SCHEDULES)
        .where({ id: run.scheduleId })
        .update({
          run_count: trx.raw('run_count + ?', [ran]),
          success_count: trx.raw('success_count + ?', [
            run.outcome === 'succeeded' ? 1 : 0,
          ]),
          error_count: trx.raw('error_count + ?', [
            run.outcome === 'failed' ? 1 : 0,
          ]),
          skipped_count: trx.raw('skipped_count + ?', [1 - ran]),
          last_run: JSON.stringify(runSummary(run, zone)),
        });
    });
  }

  async staleClaims(claimedBefore: Date): Promise<StaleClaim[]> {
    const rows = await this.knex<RunRow>(RUNS)
      .where({ status: 'claimed' })
      .andWhere('claimed_at', '<', claimedBefore.getTime())
      .orderBy('claimed_at');
    return rows.map(row => ({
      runId: row.id,
      scheduleId: row.schedule_id,
      dueAt: new Date(Number(row.due_at)),
      trigger: row.trigger,
      operation: row.operation ?? undefined,
      claimedBy: row.claimed_by,
      claimedAt: new Date(Number(row.claimed_at)),
    }));
  }

  async listRuns(scheduleId: string, limit: number) {
    const schedule = await this.require(scheduleId);
    const rows = await this.knex<RunRow>(RUNS)
      .where({ schedule_id: scheduleId })
      .orderBy([
        { column: 'due_at', order: 'desc' },
        { column: 'claimed_at', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(row => runFromRow(row, schedule.zone));
  }

  private async require(id: string): Promise<Schedule> {
    const schedule = await this.get(id);
    if (!schedule) throw new NotFoundError(`No schedule with id ${id}`);
    return schedule;
  }
}

function namespaceOf(ref: Namespace) {
  return { cluster_name: ref.cluster, namespace_name: ref.namespace };
}

function nextColumns(next: NewSchedule['next']) {
  return {
    next_run: next?.at ?? null,
    next_operation: next?.operation ?? null,
  };
}

/**
 * The namespace's other schedules, read after upserting its lock row: on
 * PostgreSQL the row lock serializes writers of one namespace until commit
 * (SQLite serializes all writers anyway), so a check cannot race.
 */
async function lockedSiblings(
  trx: Knex.Transaction,
  ref: Namespace,
  exceptId: string,
): Promise<Schedule[]> {
  await trx(LOCKS)
    .insert({ ...namespaceOf(ref), version: 1 })
    .onConflict(['cluster_name', 'namespace_name'])
    .merge({ version: trx.raw(`${LOCKS}.version + 1`) });
  const rows = await trx<ScheduleRow>(SCHEDULES)
    .where(namespaceOf(ref))
    .whereNot({ id: exceptId });
  return rows.map(scheduleFromRow);
}

/** Moves the schedule on if nobody did since it was read; records missed runs. */
async function advance(
  trx: Knex.Transaction,
  claim: RunClaim,
): Promise<boolean> {
  const { expectedNextRun, next, missed, missedCount } = claim.advance!;
  const moved = await trx<ScheduleRow>(SCHEDULES)
    .where({ id: claim.scheduleId, next_run: expectedNextRun.getTime() })
    .update({
      ...nextColumns(next),
      ...(!next && { status: 'completed' }),
      skipped_count: trx.raw('skipped_count + ?', [missedCount]),
    });
  if (moved === 0) return false;
  if (missed.length > 0) {
    await trx<RunRow>(RUNS).insert(
      missed.map(dueAt => ({
        id: randomUUID(),
        schedule_id: claim.scheduleId,
        due_at: dueAt.getTime(),
        trigger: 'schedule' as const,
        operation: null,
        status: 'missed' as const,
        message: `missed while no runner was up; ran the latest occurrence instead`,
        claimed_by: claim.claimedBy,
        claimed_at: claim.claimedAt.getTime(),
        finished_at: claim.claimedAt.getTime(),
        activity_id: null,
      })),
    );
  }
  return true;
}

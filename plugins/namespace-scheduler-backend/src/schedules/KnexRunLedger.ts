import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { ScheduleRun } from '@namespace-scheduler/backstage-plugin-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  movedOnColumns,
  RunRow,
  runFromRow,
  RUNS,
  runSummary,
  ScheduleRow,
  SCHEDULES,
} from './scheduleRows';
import { RunClaim, RunFinish, RunLedger, StaleClaim } from './ScheduleStore';

/**
 * The run ledger in the portal database (SQLite, PostgreSQL): one row per
 * claimed run, unique per (schedule, trigger, due time), and the schedule's
 * counters and last run as each run finishes.
 */
export class KnexRunLedger implements RunLedger {
  static create(options: { knex: Knex }): KnexRunLedger {
    return new KnexRunLedger(options.knex);
  }

  private constructor(private readonly knex: Knex) {}

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

  async finish(run: RunFinish): Promise<void> {
    const zone = await this.zoneOf(run.scheduleId);
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

  async listRuns(scheduleId: string, limit: number): Promise<ScheduleRun[]> {
    const zone = await this.zoneOf(scheduleId);
    const rows = await this.knex<RunRow>(RUNS)
      .where({ schedule_id: scheduleId })
      .orderBy([
        { column: 'due_at', order: 'desc' },
        { column: 'claimed_at', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(row => runFromRow(row, zone));
  }

  /** The zone the schedule's times are shown in. */
  private async zoneOf(scheduleId: string): Promise<string> {
    const row = await this.knex<ScheduleRow>(SCHEDULES)
      .where({ id: scheduleId })
      .first('zone');
    if (!row) throw new NotFoundError(`No schedule with id ${scheduleId}`);
    return row.zone;
  }
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
      ...movedOnColumns(next),
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

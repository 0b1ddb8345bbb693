import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  Activity,
  namespaceOperatePermission,
  OperationResult,
  operationNow,
  Schedule,
} from '@namespace-scheduler/backstage-plugin-common';
import type { OperationService } from '../operations';
import type { NamespaceAuthorizer } from '../permissions';
import { Clock, systemClock } from '../time/Clock';
import { ClaimedRun, executeRun } from './executeRun';
import { requireSchedule, ScheduleStore } from './ScheduleStore';

export type RunNowOutcome = {
  schedule: Schedule;
  result: OperationResult;
  activity?: Activity;
};

/** How a run now is watched: live progress, and the readiness wait of a wake. */
export type LiveOptions = Pick<
  ClaimedRun,
  'onProgress' | 'waitForReadySeconds'
>;

type RunsDeps = {
  store: ScheduleStore;
  operations: Pick<OperationService, 'execute'>;
  authorizer: NamespaceAuthorizer;
  clock: Clock;
};

/**
 * A schedule run by a user now ("run now", and an override taking hold):
 * what the schedule asks for at this moment, claimed in the run ledger (one
 * at a time), executed, and recorded on the schedule like a scheduled run.
 */
export class ManualRuns {
  static create(deps: Omit<RunsDeps, 'clock'> & { clock?: Clock }): ManualRuns {
    return new ManualRuns({ ...deps, clock: deps.clock ?? systemClock });
  }

  private constructor(private readonly deps: RunsDeps) {}

  /** Runs schedule `id` now; needs the operate permission on its namespace. */
  async runNow(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<RunNowOutcome> {
    const schedule = await requireSchedule(this.deps.store, id);
    await this.deps.authorizer.assertNamespace(
      credentials,
      namespaceOperatePermission,
      schedule,
    );
    return this.run(
      schedule,
      this.deps.clock.now(),
      this.deps.authorizer.requesterOf(credentials),
    );
  }

  /** Runs `schedule` for `requestedBy` (permissions already checked). */
  async run(
    schedule: Schedule,
    now: Date,
    requestedBy: string,
    live: LiveOptions = {},
  ): Promise<RunNowOutcome> {
    const transition = operationNow(schedule, now.getTime());
    const runId = await this.deps.store.claim({
      scheduleId: schedule.id,
      dueAt: now,
      trigger: 'manual',
      operation: transition.operation,
      claimedBy: requestedBy,
      claimedAt: now,
    });
    if (!runId)
      throw new ConflictError(
        `Schedule "${schedule.title}" is already running now`,
      );
    const { result, activity } = await executeRun(this.deps, {
      schedule,
      transition,
      runId,
      trigger: 'manual',
      requestedBy,
      ...live,
    });
    return {
      schedule: await requireSchedule(this.deps.store, schedule.id),
      result,
      activity,
    };
  }
}

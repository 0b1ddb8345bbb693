import {
  intentOf,
  OperationProgressEvent,
  resolveRelease,
  RunOutcome,
  Schedule,
  ScheduleTransition,
} from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceBusyError } from '../leases';
import { OperationOutcome, OperationService } from '../operations';
import { runWhy } from '../reasons';
import { Clock } from '../time/Clock';
import { RunFinish, ScheduleStore } from './ScheduleStore';

export type RunDeps = {
  store: ScheduleStore;
  operations: Pick<OperationService, 'execute'>;
  clock: Clock;
};

export type ClaimedRun = {
  schedule: Schedule;
  transition: ScheduleTransition;
  runId: string;
  trigger: 'schedule' | 'manual';
  /** `scheduler`, or the user who ran it now. */
  requestedBy: string;
  /** Told each workload's step (e.g. to show a manual run live). */
  onProgress?: (event: OperationProgressEvent) => void;
  /** A wake: wait this long at most for the started workloads to be ready. */
  waitForReadySeconds?: number;
};

export type RunResult = OperationOutcome & { outcome: RunOutcome };

/**
 * Executes a claimed run through the operation service and records its
 * outcome. An override's release does what the namespace's other schedules
 * ask for then. A throw (e.g. the guard refusing) is recorded as a failure
 * and rethrown; a namespace that another operation or a repair holds, as
 * skipped (nothing ran).
 */
export async function executeRun(
  deps: RunDeps,
  run: ClaimedRun,
): Promise<RunResult> {
  const { schedule, transition } = run;
  const effective = transition.release
    ? resolveRelease(transition, await deps.store.list(schedule))
    : transition;
  const recorded = { operation: effective.operation };
  try {
    const { result, activity } = await deps.operations.execute({
      ...intentOf(effective),
      cluster: schedule.cluster,
      namespace: schedule.namespace,
      costCenter: schedule.cost_center,
      requestedBy: run.requestedBy,
      userId:
        run.trigger === 'schedule' ? schedule.created_by : run.requestedBy,
      scheduleId: schedule.id,
      ...runWhy(schedule, transition, run),
      onProgress: run.onProgress,
      waitForReadySeconds: run.waitForReadySeconds,
      // The run's id ties its log lines to the run ledger.
      correlationId: `run:${run.runId}`,
    });
    const outcome = result.success ? 'succeeded' : 'failed';
    await finishRun(deps, run, {
      ...recorded,
      outcome,
      activityId: activity?.id,
      message: result.errors.join('; ') || undefined,
    });
    return { outcome, result, activity };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const outcome = error instanceof NamespaceBusyError ? 'skipped' : 'failed';
    await finishRun(deps, run, { ...recorded, outcome, message });
    throw error;
  }
}

/** Records how a claimed run ended. */
export function finishRun(
  deps: Pick<RunDeps, 'store' | 'clock'>,
  run: ClaimedRun,
  outcome: Pick<RunFinish, 'outcome' | 'operation' | 'message' | 'activityId'>,
) {
  return deps.store.finish({
    runId: run.runId,
    scheduleId: run.schedule.id,
    dueAt: new Date(run.transition.at),
    trigger: run.trigger,
    finishedAt: deps.clock.now(),
    ...outcome,
  });
}

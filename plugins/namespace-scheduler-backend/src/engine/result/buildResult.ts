import type {
  OperationResult,
  OperationType,
  OriginalValue,
  RollbackResult,
} from '@namespace-scheduler/backstage-plugin-common';
import type { ExecutionOutcome } from '../execute/types';
import type { Direction } from '../plan/intent';
import type { NamespacePlan } from '../plan/planNamespace';
import type { Change } from '../plan/types';
import { recordedOriginal } from '../plan/workloadFacts';
import { ADAPTERS } from '../workloads';

export interface ResultBase {
  operation: OperationType;
  cluster: string;
  namespace: string;
  dryRun: boolean;
  startedAt: Date;
  targetReplicas?: number;
}

/** A result with nothing done, for operations that fail before any write. */
export function emptyResult(
  base: ResultBase,
  errors: string[],
): OperationResult {
  return {
    operation: base.operation,
    cluster: base.cluster,
    namespace: base.namespace,
    dry_run: base.dryRun,
    success: errors.length === 0,
    scaled_resources: [],
    failed_resources: [],
    skipped_resources: [],
    total_scaled: 0,
    total_failed: 0,
    rollback_performed: false,
    rollback_results: [],
    rollback_success_count: 0,
    rollback_failed_count: 0,
    originals: [],
    target_replicas: base.targetReplicas,
    errors,
    started_at: base.startedAt.toISOString(),
    finished_at: new Date().toISOString(),
  };
}

export function buildResult(
  base: ResultBase,
  plan: NamespacePlan,
  outcome: ExecutionOutcome,
  rollbackResults: RollbackResult[],
  direction: Direction,
): OperationResult {
  const failedRollbacks = rollbackResults.filter(r => r.status === 'failed');
  return {
    ...emptyResult(base, errorsOf(outcome, rollbackResults)),
    scaled_resources: outcome.applied.map(change => ({
      type: change.workload.kind,
      name: change.workload.name,
      from_replicas: change.from.level,
      to_replicas: change.to.level,
      status: base.dryRun ? 'planned' : 'success',
    })),
    failed_resources: outcome.failed.map(({ change, error }) => ({
      type: change.workload.kind,
      name: change.workload.name,
      status: 'failed',
      error,
    })),
    skipped_resources: [...plan.skipped, ...outcome.settled].map(
      ({ workload, reason }) => ({
        type: workload.kind,
        name: workload.name,
        reason,
      }),
    ),
    total_scaled: outcome.applied.length,
    total_failed: outcome.failed.length,
    rollback_performed: rollbackResults.length > 0,
    rollback_results: rollbackResults,
    rollback_success_count: rollbackResults.length - failedRollbacks.length,
    rollback_failed_count: failedRollbacks.length,
    originals: originalsOf(plan, outcome.applied, direction),
    not_attempted: outcome.notAttempted.map(c => ({
      type: c.workload.kind,
      name: c.workload.name,
    })),
  };
}

function errorsOf(
  outcome: ExecutionOutcome,
  rollbackResults: RollbackResult[],
): string[] {
  const failures = outcome.failed.map(
    ({ change, error }) =>
      `${change.workload.kind} ${change.workload.name}: ${error}`,
  );
  const stuck = rollbackResults
    .filter(r => r.status === 'failed')
    .map(
      r =>
        `ROLLBACK FAILED: ${r.type} ${r.name} could not be restored to ${r.restored_replicas}: ${r.error}`,
    );
  const skipped = outcome.notAttempted.length
    ? [
        `${outcome.notAttempted.length} change(s) not attempted after the first failure`,
      ]
    : [];
  return [...failures, ...stuck, ...skipped];
}

/**
 * Sleep: the originals now recorded on the objects (incl. those already
 * asleep). Wake/scale up: the values restored.
 */
function originalsOf(
  plan: NamespacePlan,
  applied: Change[],
  direction: Direction,
): OriginalValue[] {
  if (direction === 'up') {
    return applied.map(c => ({
      type: c.workload.kind,
      name: c.workload.name,
      value: c.to.level,
    }));
  }
  const written = applied.flatMap(c => {
    const value =
      c.to.marker === null
        ? undefined
        : ADAPTERS[c.workload.kind].decode(c.to.marker);
    return value === undefined
      ? []
      : [{ type: c.workload.kind, name: c.workload.name, value }];
  });
  const kept = plan.skipped.flatMap(({ workload }) => {
    const value = recordedOriginal(workload);
    return value === undefined
      ? []
      : [{ type: workload.kind, name: workload.name, value }];
  });
  return [...written, ...kept];
}

import type {
  OperationReadiness,
  OperationResult,
  OperationType,
  OriginalValue,
  RollbackResult,
} from '@namespace-scheduler/backstage-plugin-common';
import type { Direction } from '../plan/intent';
import type { NamespacePlan } from '../plan/planNamespace';
import type { Change } from '../plan/types';
import { recordedOriginal } from '../plan/workloadFacts';
import type { ExecutionOutcome, FailedChange } from '../execute/types';
import type { UndoOutcome } from '../execute/undo';
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

/** What the operation did, once it is over: writes and undo as found on the cluster. */
export interface OperationRecord {
  plan: NamespacePlan;
  outcome: ExecutionOutcome;
  undo: UndoOutcome[];
  direction: Direction;
  readiness?: OperationReadiness;
}

/**
 * The result from what is on the cluster: a write that got no answer but was
 * found landed when undoing counts as scaled (and rolled back), not failed.
 */
export function buildResult(
  base: ResultBase,
  record: OperationRecord,
): OperationResult {
  const { plan, outcome, undo } = record;
  const landed = new Set(
    undo.filter(u => u.status === 'restored').map(u => u.item.change),
  );
  const landedFailures = outcome.failed.filter(f => landed.has(f.change));
  const scaled = [
    ...outcome.applied.map(a => a.change),
    ...landedFailures.map(f => f.change),
  ];
  const rollbackResults = undo.flatMap(rollbackResultOf);
  const failedRollbacks = rollbackResults.filter(r => r.status === 'failed');
  const repairPending = undo.some(u => u.status === 'unresolved');
  return {
    ...emptyResult(base, errorsOf(record, landed)),
    scaled_resources: scaled.map(change => ({
      type: change.workload.kind,
      name: change.workload.name,
      from_replicas: change.from.level,
      to_replicas: change.to.level,
      status: base.dryRun ? 'planned' : 'success',
    })),
    failed_resources: outcome.failed.map(failure => ({
      type: failure.change.workload.kind,
      name: failure.change.workload.name,
      status: 'failed',
      error: failureText(failure, landed),
    })),
    skipped_resources: [...plan.skipped, ...outcome.settled].map(
      ({ workload, reason }) => ({
        type: workload.kind,
        name: workload.name,
        reason,
      }),
    ),
    total_scaled: scaled.length,
    total_failed: outcome.failed.length,
    rollback_performed: rollbackResults.length > 0,
    rollback_results: rollbackResults,
    rollback_success_count: rollbackResults.filter(r => r.status === 'success')
      .length,
    rollback_failed_count: failedRollbacks.length,
    originals: originalsOf(plan, outcome, record.direction),
    not_attempted: outcome.notAttempted.map(c => ({
      type: c.workload.kind,
      name: c.workload.name,
    })),
    warnings: warningsOf(record.readiness),
    repair_pending: repairPending || undefined,
    readiness: record.readiness,
  };
}

function rollbackResultOf(undo: UndoOutcome): RollbackResult[] {
  const { change } = undo.item;
  const base = {
    type: change.workload.kind,
    name: change.workload.name,
    restored_replicas: change.from.level,
  };
  switch (undo.status) {
    case 'not_landed':
      return [];
    case 'restored':
      return [{ ...base, status: 'success' }];
    case 'left_alone':
      return [
        {
          ...base,
          status: 'left_alone',
          error: undo.detail ?? 'changed by someone else meanwhile',
        },
      ];
    default:
      return [
        {
          ...base,
          status: 'failed',
          error:
            undo.status === 'unresolved'
              ? `cluster unreachable (${undo.detail}): marked for repair`
              : undo.detail,
        },
      ];
  }
}

/** A failed write found on the cluster when undoing says so. */
function failureText(failure: FailedChange, landed: ReadonlySet<Change>) {
  return landed.has(failure.change)
    ? `${failure.error} (the write landed after all; rolled back)`
    : failure.error;
}

function errorsOf(
  record: OperationRecord,
  landed: ReadonlySet<Change>,
): string[] {
  const describe = (failure: FailedChange) =>
    `${failure.change.workload.kind} ${
      failure.change.workload.name
    }: ${failureText(failure, landed)}`;
  const stuck = record.undo
    .filter(u => u.status === 'failed' || u.status === 'unresolved')
    .map(
      ({ item: { change }, detail, status }) =>
        `ROLLBACK FAILED: ${change.workload.kind} ${
          change.workload.name
        } could not be restored to ${change.from.level}: ${detail}${
          status === 'unresolved' ? ' (marked for repair)' : ''
        }`,
    );
  const notAttempted = record.outcome.notAttempted.length;
  return [
    ...record.outcome.failed.map(describe),
    ...stuck,
    ...(notAttempted
      ? [`${notAttempted} change(s) not attempted after the first failure`]
      : []),
  ];
}

function warningsOf(readiness?: OperationReadiness): string[] | undefined {
  if (!readiness?.timed_out) return undefined;
  const waiting = readiness.workloads
    .filter(w => w.ready_replicas < w.replicas)
    .map(w => `${w.type} ${w.name} (${w.ready_replicas}/${w.replicas})`);
  return [
    `${readiness.ready} of ${
      readiness.total
    } workloads ready when the wait ended; not ready: ${waiting.join(', ')}`,
  ];
}

/**
 * Sleep: the originals now recorded on the objects (incl. those already
 * asleep). Wake/scale up: the values restored.
 */
function originalsOf(
  plan: NamespacePlan,
  outcome: ExecutionOutcome,
  direction: Direction,
): OriginalValue[] {
  const applied: Change[] = outcome.applied.map(a => a.change);
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

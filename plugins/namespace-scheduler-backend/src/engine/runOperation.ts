import {
  formatNamespaceRef,
  type OperationReadiness,
  type OperationResult,
} from '@namespace-scheduler/backstage-plugin-common';
import type { ClusterAccess } from '../clusters';
import { describeError } from './errors';
import { createProgress } from './execute/progress';
import { runChanges } from './execute/runChanges';
import type { ExecutionContext, ExecutionOutcome } from './execute/types';
import { RollbackRetry, undoChanges, UndoOutcome } from './execute/undo';
import { journalEntryOf } from './journal';
import { directionOf, Intent } from './plan/intent';
import { NamespacePlan, planNamespace } from './plan/planNamespace';
import { buildResult, emptyResult, ResultBase } from './result/buildResult';
import { readWorkloads } from './snapshot/readWorkloads';
import type { EngineLogger, OperationJournal, OperationOptions } from './types';
import { isReady, isReplicaKind } from './workloads/readiness';

export interface OperationDeps {
  clusters: ClusterAccess;
  logger: EngineLogger;
  concurrency: number;
  statefulSetAcceptTimeoutMs: number;
  rollbackRetry: RollbackRetry;
  repairWindowMs: number;
}

export interface OperationRequest {
  cluster: string;
  namespace: string;
  intent: Intent;
  options: OperationOptions;
}

/**
 * Read, plan, journal, write phase by phase, and on a failure undo
 * everything. The result is built from what is on the cluster afterwards.
 */
export async function runOperation(
  engineDeps: OperationDeps,
  request: OperationRequest,
): Promise<OperationResult> {
  const { cluster, namespace, intent, options } = request;
  // A logger given with the operation carries its ids into every line below.
  const deps = options.logger
    ? { ...engineDeps, logger: options.logger }
    : engineDeps;
  const base: ResultBase = {
    operation: intent.operation,
    cluster,
    namespace,
    dryRun: options.dryRun ?? false,
    startedAt: new Date(),
    targetReplicas: intent.operation === 'scale' ? intent.replicas : undefined,
  };
  const prepared = await prepare(deps, request, base).catch(
    (error: unknown) => ({ error }),
  );
  if ('error' in prepared) {
    const message = describeError(prepared.error);
    deps.logger.warn(
      `${intent.operation} ${formatNamespaceRef({
        cluster,
        namespace,
      })} failed before any change: ${message}`,
    );
    return emptyResult(base, [message]);
  }
  return execute(deps, base, prepared, options.journal);
}

interface Prepared {
  context: ExecutionContext;
  plan: NamespacePlan;
}

/** Everything that can fail before the first write: cluster lookup, reads, planning, the journal. */
async function prepare(
  deps: OperationDeps,
  request: OperationRequest,
  base: ResultBase,
): Promise<Prepared> {
  const client = deps.clusters.get(request.cluster);
  const plan = planNamespace(
    request.intent,
    await readWorkloads(client, request.namespace),
  );
  const { waitForReadyMs, journal, onProgress } = request.options;
  if (!base.dryRun && journal && plan.changes.length > 0) {
    await journal.planned(plan.changes.map(journalEntryOf));
  }
  const context: ExecutionContext = {
    client,
    namespace: request.namespace,
    intent: request.intent,
    plan: plan.context,
    dryRun: base.dryRun,
    concurrency: deps.concurrency,
    statefulSetAcceptTimeoutMs: deps.statefulSetAcceptTimeoutMs,
    readyDeadline:
      waitForReadyMs === undefined ? undefined : Date.now() + waitForReadyMs,
    logger: deps.logger,
    progress: createProgress(
      { ...base, total: plan.changes.length },
      deps.logger,
      onProgress,
    ),
  };
  return { context, plan };
}

async function execute(
  deps: OperationDeps,
  base: ResultBase,
  { context, plan }: Prepared,
  journal?: OperationJournal,
): Promise<OperationResult> {
  const direction = directionOf(context.intent);
  const where = `${base.operation} ${formatNamespaceRef(base)}`;
  deps.logger.info(
    `${where}: ${plan.changes.length} change(s) planned${
      base.dryRun ? ' (dry run)' : ''
    }`,
  );
  const outcome = await runChanges(context, plan.changes, direction);
  const undo = await undoIfFailed(deps, context, outcome, where);
  await keepUnresolved(deps, undo, where, journal);
  const result = buildResult(base, {
    plan,
    outcome,
    undo,
    direction,
    readiness:
      direction === 'up' && !base.dryRun
        ? readinessOf(context, outcome)
        : undefined,
  });
  deps.logger.info(`${where}: ${result.success ? 'succeeded' : 'failed'}`, {
    scaled: result.total_scaled,
    failed: result.total_failed,
    rolledBack: result.rollback_success_count,
    rollbackFailed: result.rollback_failed_count,
    repairPending: result.repair_pending ?? false,
  });
  return result;
}

/** After a failure, every change that may have landed goes back, past the breaker. */
async function undoIfFailed(
  deps: OperationDeps,
  context: ExecutionContext,
  outcome: ExecutionOutcome,
  where: string,
): Promise<UndoOutcome[]> {
  if (outcome.failed.length === 0 || context.dryRun) {
    return [];
  }
  deps.logger.warn(
    `${where}: failure detected, rolling back ${outcome.applied.length} applied change(s)`,
  );
  const items = [
    ...outcome.applied.map(({ change }) => ({
      change,
      confirmed: true,
      ambiguous: false,
    })),
    ...outcome.failed.map(({ change, ambiguous }) => ({
      change,
      confirmed: false,
      ambiguous,
    })),
  ];
  const undo = await undoChanges(
    {
      apis: context.client.recovery,
      namespace: context.namespace,
      concurrency: context.concurrency,
      retry: deps.rollbackRetry,
      progress: context.progress,
    },
    items,
  );
  for (const stuck of undo.filter(u => u.status === 'failed')) {
    const { kind, name } = stuck.item.change.workload;
    deps.logger.error(
      `${where}: could not roll back ${kind} ${name}: ${stuck.detail}`,
    );
  }
  return undo;
}

/** Changes still not undone when the window closed are handed to the journal for repair. */
async function keepUnresolved(
  deps: OperationDeps,
  undo: UndoOutcome[],
  where: string,
  journal?: OperationJournal,
): Promise<void> {
  const unresolved = undo.filter(u => u.status === 'unresolved');
  if (unresolved.length === 0) return;
  deps.logger.error(
    `${where}: ${unresolved.length} change(s) not undone within the rollback window: marked for repair`,
  );
  try {
    await journal?.unresolved(
      unresolved.map(u => journalEntryOf(u.item.change)),
    );
  } catch (error) {
    // The planned journal stays; its lease expires and the sweep repairs from it.
    deps.logger.error(
      `${where}: could not record the changes to repair: ${describeError(
        error,
      )}`,
    );
  }
}

function readinessOf(
  context: ExecutionContext,
  outcome: ExecutionOutcome,
): OperationReadiness {
  const started = outcome.applied
    .map(a => a.written)
    .filter(w => isReplicaKind(w) && w.level > 0);
  const ready = started.filter(isReady).length;
  const waited = context.readyDeadline !== undefined;
  return {
    ready,
    total: started.length,
    waited,
    timed_out: waited && ready < started.length,
    workloads: started.map(w => ({
      type: w.kind,
      name: w.name,
      replicas: w.level,
      ready_replicas: w.readyReplicas ?? 0,
    })),
  };
}

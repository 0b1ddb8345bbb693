import type { OperationResult } from '@namespace-scheduler/backstage-plugin-common';
import type { ClusterAccess } from '../clusters';
import { describeError } from './errors';
import { createProgress } from './execute/progress';
import { rollback, RollbackRetry } from './execute/rollback';
import { runChanges } from './execute/runChanges';
import type { ExecutionContext, ExecutionOutcome } from './execute/types';
import { directionOf, Intent } from './plan/intent';
import { NamespacePlan, planNamespace } from './plan/planNamespace';
import { buildResult, emptyResult, ResultBase } from './result/buildResult';
import { readWorkloads } from './snapshot/readWorkloads';
import type { EngineLogger, OperationOptions } from './types';

export interface OperationDeps {
  clusters: ClusterAccess;
  logger: EngineLogger;
  concurrency: number;
  statefulSetAcceptTimeoutMs: number;
  rollbackRetry: RollbackRetry;
}

export interface OperationRequest {
  cluster: string;
  namespace: string;
  intent: Intent;
  options: OperationOptions;
}

/** Read, plan, write phase by phase, and roll everything back on a failure. */
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
      `${intent.operation} ${cluster}/${namespace} failed before any change: ${message}`,
    );
    return emptyResult(base, [message]);
  }
  return execute(deps, base, prepared.context, prepared.plan);
}

/** Everything that can fail before the first write: cluster lookup, reads, planning. */
async function prepare(
  deps: OperationDeps,
  request: OperationRequest,
  base: ResultBase,
): Promise<{ context: ExecutionContext; plan: NamespacePlan }> {
  const client = deps.clusters.get(request.cluster);
  const plan = planNamespace(
    request.intent,
    await readWorkloads(client, request.namespace),
  );
  const context: ExecutionContext = {
    client,
    namespace: request.namespace,
    intent: request.intent,
    plan: plan.context,
    dryRun: base.dryRun,
    concurrency: deps.concurrency,
    statefulSetAcceptTimeoutMs: deps.statefulSetAcceptTimeoutMs,
    logger: deps.logger,
    progress: createProgress(
      { ...base, total: plan.changes.length },
      deps.logger,
      request.options.onProgress,
    ),
  };
  return { context, plan };
}

async function execute(
  deps: OperationDeps,
  base: ResultBase,
  context: ExecutionContext,
  plan: NamespacePlan,
): Promise<OperationResult> {
  const direction = directionOf(context.intent);
  const where = `${base.operation} ${base.cluster}/${base.namespace}`;
  deps.logger.info(
    `${where}: ${plan.changes.length} change(s) planned${
      base.dryRun ? ' (dry run)' : ''
    }`,
  );
  const outcome = await runChanges(context, plan.changes, direction);
  const rollbackResults = await rollbackIfFailed(deps, context, outcome, where);
  const result = buildResult(base, plan, outcome, rollbackResults, direction);
  deps.logger.info(`${where}: ${result.success ? 'succeeded' : 'failed'}`, {
    scaled: result.total_scaled,
    failed: result.total_failed,
    rolledBack: result.rollback_success_count,
    rollbackFailed: result.rollback_failed_count,
  });
  return result;
}

async function rollbackIfFailed(
  deps: OperationDeps,
  context: ExecutionContext,
  outcome: ExecutionOutcome,
  where: string,
) {
  if (outcome.failed.length === 0 || context.dryRun) {
    return [];
  }
  const items = [
    ...outcome.applied.map(change => ({ change, applied: true })),
    ...outcome.failed.map(({ change }) => ({ change, applied: false })),
  ];
  deps.logger.warn(
    `${where}: failure detected, rolling back ${outcome.applied.length} applied change(s)`,
  );
  const results = await rollback(context, items, deps.rollbackRetry);
  for (const stuck of results.filter(r => r.status === 'failed')) {
    deps.logger.error(
      `${where}: could not roll back ${stuck.type} ${stuck.name}: ${stuck.error}`,
    );
  }
  return results;
}

import type { RollbackResult } from '@namespace-scheduler/backstage-plugin-common';
import { bulkhead, ExponentialBackoff, handleAll, retry } from 'cockatiel';
import { describeError } from '../errors';
import { currentState } from '../plan/planWorkload';
import type { Change } from '../plan/types';
import { ADAPTERS } from '../workloads';
import { sameState } from './sameState';
import type { ExecutionContext } from './types';

export interface RollbackRetry {
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

/** A change to undo; `applied` false means its write failed and may or may not have landed. */
export interface RollbackItem {
  change: Change;
  applied: boolean;
}

/**
 * Restores every item to its state before the operation, in parallel, each
 * with retries and backoff. Failed writes are checked too, since a timed-out
 * write may still have landed; those that did not are left out of the report.
 */
export async function rollback(
  context: ExecutionContext,
  items: readonly RollbackItem[],
  retryOptions: RollbackRetry,
): Promise<RollbackResult[]> {
  const limiter = bulkhead(context.concurrency, Number.POSITIVE_INFINITY);
  const policy = retry(handleAll, {
    maxAttempts: retryOptions.maxAttempts,
    backoff: new ExponentialBackoff({
      initialDelay: retryOptions.initialDelayMs,
      maxDelay: retryOptions.maxDelayMs,
    }),
  });
  const results = await Promise.all(
    items.map(item =>
      limiter.execute(() =>
        rollbackOne(context, item, () =>
          policy.execute(() => restore(context, item.change)),
        ),
      ),
    ),
  );
  return results.flatMap(result => (result ? [result] : []));
}

async function rollbackOne(
  context: ExecutionContext,
  item: RollbackItem,
  attempt: () => Promise<boolean>,
): Promise<RollbackResult | undefined> {
  const { change } = item;
  const base = {
    type: change.workload.kind,
    name: change.workload.name,
    restored_replicas: change.from.level,
  };
  try {
    const restored = await attempt();
    if (!restored && !item.applied) {
      return undefined;
    }
    context.progress(change, 'rolled_back');
    return { ...base, status: 'success' };
  } catch (error) {
    context.progress(change, 'rollback_failed', describeError(error));
    return { ...base, status: 'failed', error: describeError(error) };
  }
}

/** Re-reads, then writes the old state with the fresh resourceVersion; false if nothing to do. */
async function restore(
  context: ExecutionContext,
  change: Change,
): Promise<boolean> {
  const adapter = ADAPTERS[change.workload.kind];
  const fresh = await adapter.read(
    context.client,
    context.namespace,
    change.workload.name,
  );
  if (sameState(currentState(fresh), change.from)) {
    return false;
  }
  context.progress(change, 'rolling_back');
  await adapter.write(
    context.client,
    context.namespace,
    fresh,
    change.from,
    false,
  );
  return true;
}

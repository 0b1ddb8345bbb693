import { bulkhead } from 'cockatiel';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClusterApis } from '../../clusters';
import { describeError, httpStatusOf, isConflict } from '../errors';
import { currentState } from '../plan/planWorkload';
import type { Change } from '../plan/types';
import { ADAPTERS, Workload } from '../workloads';
import { sameState } from './sameState';
import type { ProgressStage } from './types';

/** How long and how often undoing keeps trying. */
export interface RollbackRetry {
  /** Give up on a change (it then needs repair) this long after undoing started. */
  windowMs: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

/** A change to undo. */
export interface UndoItem {
  change: Change;
  /** The server confirmed the write. */
  confirmed: boolean;
  /** The write got no clear answer: it may have landed, or still land later. */
  ambiguous: boolean;
}

export type UndoStatus =
  /** Back at its state before the operation (written back, or found so). */
  | 'restored'
  /** The write never landed, and now never will. */
  | 'not_landed'
  /** Someone else changed it meanwhile, or deleted it: left as it is. */
  | 'left_alone'
  /** The server refused the restoring write (4xx): retrying will not help. */
  | 'failed'
  /** No answer within the window: it needs repair later. */
  | 'unresolved';

export interface UndoOutcome {
  item: UndoItem;
  status: UndoStatus;
  detail?: string;
}

export interface UndoContext {
  /** The breaker-free clients: undoing must not be cut short by the breaker. */
  apis: ClusterApis;
  namespace: string;
  concurrency: number;
  retry: RollbackRetry;
  progress?(change: Change, stage: ProgressStage, error?: string): void;
}

/** Marks a fenced object for the moment of the fence (then removed). */
const FENCE_ANNOTATION = 'namespace-scheduler/fence';
/** Conflicts tolerated while undoing one change before calling it failed. */
const MAX_CONFLICTS = 10;

/**
 * Puts every item back to its state before the operation, in parallel, each
 * retried with backoff until the window passes. What is on the cluster
 * decides, never which responses arrived: each item is re-read, and a write
 * that may still land (no answer) is fenced, so the reported outcome stays
 * true after this returns.
 */
export async function undoChanges(
  context: UndoContext,
  items: readonly UndoItem[],
): Promise<UndoOutcome[]> {
  const limiter = bulkhead(context.concurrency, Number.POSITIVE_INFINITY);
  const deadline = Date.now() + context.retry.windowMs;
  return Promise.all(
    items.map(item =>
      limiter.execute(() => undoWithRetries(context, item, deadline)),
    ),
  );
}

async function undoWithRetries(
  context: UndoContext,
  item: UndoItem,
  deadline: number,
): Promise<UndoOutcome> {
  let delay = context.retry.initialDelayMs;
  let conflicts = 0;
  for (;;) {
    // Items still queued when the window closes (a cluster that does not
    // answer holds every slot for a whole attempt) are not tried now.
    if (Date.now() >= deadline) {
      return report(context, {
        item,
        status: 'unresolved',
        detail: 'the rollback window closed before it could be undone',
      });
    }
    try {
      const status = await undoOnce(context, item);
      if (status === 'restored') context.progress?.(item.change, 'rolled_back');
      return { item, status };
    } catch (error) {
      const outcome = settledByError(item, error, ++conflicts);
      if (outcome) return report(context, outcome);
      if (isConflict(error)) continue;
      if (Date.now() + delay > deadline) {
        return report(context, {
          item,
          status: 'unresolved',
          detail: describeError(error),
        });
      }
      await sleep(delay * (0.5 + Math.random() / 2));
      delay = Math.min(delay * 2, context.retry.maxDelayMs);
    }
  }
}

/** Errors that end the attempts: the object is gone, or the server refuses. */
function settledByError(
  item: UndoItem,
  error: unknown,
  conflicts: number,
): UndoOutcome | undefined {
  const status = httpStatusOf(error);
  if (status === 404) {
    return { item, status: 'left_alone', detail: 'deleted meanwhile' };
  }
  if (status === 409 && conflicts > MAX_CONFLICTS) {
    return { item, status: 'failed', detail: describeError(error) };
  }
  const refused = status !== undefined && status >= 400 && status < 500;
  if (refused && ![408, 409, 429].includes(status)) {
    return { item, status: 'failed', detail: describeError(error) };
  }
  return undefined;
}

function report(context: UndoContext, outcome: UndoOutcome): UndoOutcome {
  if (outcome.status === 'failed' || outcome.status === 'unresolved') {
    context.progress?.(outcome.item.change, 'rollback_failed', outcome.detail);
  }
  return outcome;
}

/** One read and at most one write; throws on errors, incl. 409 to read again. */
async function undoOnce(
  context: UndoContext,
  item: UndoItem,
): Promise<UndoStatus> {
  const { change } = item;
  const adapter = ADAPTERS[change.workload.kind];
  const fresh = await adapter.read(
    context.apis,
    context.namespace,
    change.workload.name,
  );
  if (fresh.annotations[FENCE_ANNOTATION] !== undefined) {
    // A fence whose removal went unanswered: finish it.
    await unfence(context, fresh);
  }
  const now = currentState(fresh);
  if (sameState(now, change.from)) {
    const unchanged = fresh.resourceVersion === change.workload.resourceVersion;
    if (item.ambiguous && unchanged) await fence(context, fresh);
    return item.confirmed ? 'restored' : 'not_landed';
  }
  if (!sameState(now, change.to)) {
    return 'left_alone';
  }
  context.progress?.(change, 'rolling_back');
  await adapter.write(
    context.apis,
    context.namespace,
    fresh,
    change.from,
    false,
  );
  return 'restored';
}

/**
 * Moves the object past the resourceVersion an unanswered write was made
 * against, so that write can never land later (its precondition fails), then
 * removes the mark. A no-op patch would not do: the server skips writes that
 * change nothing.
 */
async function fence(context: UndoContext, fresh: Workload): Promise<void> {
  const adapter = ADAPTERS[fresh.kind];
  const { apis, namespace } = context;
  const fenced = await adapter.annotate(
    apis,
    namespace,
    fresh,
    { [FENCE_ANNOTATION]: randomUUID() },
    true,
  );
  await unfence(context, fenced);
}

async function unfence(context: UndoContext, workload: Workload) {
  await ADAPTERS[workload.kind].annotate(
    context.apis,
    context.namespace,
    workload,
    { [FENCE_ANNOTATION]: null },
    false,
  );
}

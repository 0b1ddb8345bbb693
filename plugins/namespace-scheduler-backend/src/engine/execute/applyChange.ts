import { describeError, httpStatusOf, isConflict } from '../errors';
import { directionOf } from '../plan/intent';
import { currentState, planWorkload } from '../plan/planWorkload';
import type { Change } from '../plan/types';
import { ADAPTERS, Workload } from '../workloads';
import { awaitAccepted } from './awaitAccepted';
import { sameState } from './sameState';
import type { ExecutionContext } from './types';

/** Re-reads after a 409 before giving up on a workload that keeps changing. */
const MAX_CONFLICTS = 5;

export type ApplyOutcome =
  | { type: 'applied'; change: Change; written: Workload }
  | { type: 'settled'; workload: Workload; reason: string };

/** A write that failed, with the attempt it failed on. */
export class WriteFailure extends Error {
  constructor(readonly change: Change, readonly reason: unknown) {
    super(describeError(reason));
  }

  /** Only a 4xx answer proves the write did not land; timeouts and 5xx may still land. */
  get ambiguous(): boolean {
    const status = httpStatusOf(this.reason);
    return status === undefined || status >= 500 || status === 408;
  }
}

/**
 * Writes one change. A 409 means the object changed since it was read: re-read
 * it and plan again from what is there now, never overwrite blindly. Throws a
 * WriteFailure naming the last attempt.
 */
export async function applyChange(
  context: ExecutionContext,
  change: Change,
): Promise<ApplyOutcome> {
  let current = change;
  for (let conflicts = 0; ; conflicts++) {
    try {
      const written = await write(context, current);
      return { type: 'applied', change: current, written };
    } catch (error) {
      if (!isConflict(error) || conflicts >= MAX_CONFLICTS) {
        throw new WriteFailure(current, error);
      }
      const next = await replanOrFail(context, current);
      if (next.type !== 'change') {
        return next;
      }
      current = next.change;
    }
  }
}

async function write(
  context: ExecutionContext,
  change: Change,
): Promise<Workload> {
  const { client, namespace, dryRun } = context;
  const adapter = ADAPTERS[change.workload.kind];
  const written = await adapter.write(
    client,
    namespace,
    change.workload,
    change.to,
    dryRun,
  );
  return accepted(context, written);
}

/** StatefulSets woken must be accepted before the next phase starts. */
async function accepted(
  context: ExecutionContext,
  written: Workload,
): Promise<Workload> {
  const waits =
    written.kind === 'StatefulSet' && directionOf(context.intent) === 'up';
  if (waits && !context.dryRun) {
    return awaitAccepted(context, written);
  }
  return written;
}

/** A re-read that fails is the write's failure. */
async function replanOrFail(context: ExecutionContext, change: Change) {
  try {
    return await replan(context, change);
  } catch (error) {
    throw new WriteFailure(change, error);
  }
}

async function replan(
  context: ExecutionContext,
  change: Change,
): Promise<ApplyOutcome | { type: 'change'; change: Change }> {
  const { kind, name } = change.workload;
  const fresh = await ADAPTERS[kind].read(
    context.client,
    context.namespace,
    name,
  );
  context.logger.debug(
    `Conflict on ${kind} ${name}; re-read at ${fresh.resourceVersion}`,
  );
  if (sameState(currentState(fresh), change.to)) {
    // An earlier attempt landed although its response was lost.
    return { type: 'applied', change, written: await accepted(context, fresh) };
  }
  const decision = planWorkload(context.intent, fresh, context.plan);
  return decision.type === 'skip'
    ? {
        type: 'settled',
        workload: fresh,
        reason: `${decision.reason} (after a concurrent change)`,
      }
    : decision;
}

import type { WorkloadKind } from '@namespace-scheduler/backstage-plugin-common';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeError } from '../errors';
import { refKey } from '../plan/intent';
import { ADAPTERS } from '../workloads';
import { isReady, isReplicaKind } from '../workloads/readiness';
import type { AppliedChange, ExecutionContext } from './types';

const FIRST_POLL_MS = 250;
const MAX_POLL_MS = 2_000;

/**
 * With a readiness deadline, polls the started Deployments and StatefulSets
 * (one list per kind) until every replica is ready or the deadline passes,
 * updating each change's `written` to what was last seen. Not being ready in
 * time is no failure: the result reports it.
 */
export async function awaitReady(
  context: ExecutionContext,
  applied: AppliedChange[],
): Promise<void> {
  const deadline = context.readyDeadline;
  if (deadline === undefined || context.dryRun) return;
  let pending = applied.filter(startedNotReady);
  for (
    let pause = FIRST_POLL_MS;
    pending.length > 0 && Date.now() + pause <= deadline;
    pause = Math.min(pause * 2, MAX_POLL_MS)
  ) {
    await sleep(pause);
    await refresh(context, pending);
    pending = pending.filter(startedNotReady);
  }
}

function startedNotReady({ written }: AppliedChange): boolean {
  return isReplicaKind(written) && written.level > 0 && !isReady(written);
}

async function refresh(
  context: ExecutionContext,
  pending: AppliedChange[],
): Promise<void> {
  const kinds = new Set<WorkloadKind>(pending.map(p => p.written.kind));
  try {
    const lists = await Promise.all(
      [...kinds].map(kind =>
        ADAPTERS[kind].list(context.client, context.namespace),
      ),
    );
    const live = new Map(lists.flat().map(w => [refKey(w.kind, w.name), w]));
    for (const item of pending) {
      item.written =
        live.get(refKey(item.written.kind, item.written.name)) ?? item.written;
    }
  } catch (error) {
    context.logger.debug(`Readiness poll failed: ${describeError(error)}`);
  }
}

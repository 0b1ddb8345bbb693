import { setTimeout as sleep } from 'node:timers/promises';
import { ADAPTERS, Workload } from '../workloads';
import type { ExecutionContext } from './types';

const FIRST_POLL_MS = 50;
const MAX_POLL_MS = 1_000;

/**
 * Waits until the StatefulSet controller has observed the written spec
 * (status.observedGeneration reaches the written generation), so the data
 * stores' scale is accepted before the Deployments that need them wake.
 */
export async function awaitAccepted(
  context: ExecutionContext,
  written: Workload,
): Promise<Workload> {
  const generation = written.generation;
  if (generation === undefined) {
    return written;
  }
  const deadline = Date.now() + context.statefulSetAcceptTimeoutMs;
  let current = written;
  for (
    let pause = FIRST_POLL_MS;
    !isObserved(current, generation);
    pause = Math.min(pause * 2, MAX_POLL_MS)
  ) {
    if (Date.now() + pause > deadline) {
      throw new Error(
        `${written.kind} ${written.name} did not accept replicas=${written.level} within ` +
          `${context.statefulSetAcceptTimeoutMs} ms (observedGeneration ${
            current.observedGeneration ?? 'unset'
          } < ${generation})`,
      );
    }
    await sleep(pause);
    current = await ADAPTERS[written.kind].read(
      context.client,
      context.namespace,
      written.name,
    );
  }
  return current;
}

function isObserved(workload: Workload, generation: number): boolean {
  return (workload.observedGeneration ?? -1) >= generation;
}

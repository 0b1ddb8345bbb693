import { setTimeout as sleep } from 'node:timers/promises';
import { NamespaceBusyError } from './describeLease';

/** How long a scheduled run waits for a busy namespace, and how often it asks. */
export type LeaseWait = { maxMs: number; pollMs: number };

export const DEFAULT_LEASE_WAIT: LeaseWait = { maxMs: 20_000, pollMs: 1_000 };

/**
 * Runs `attempt`, trying again while the namespace is busy (another
 * operation or a repair holds it) for at most `wait.maxMs`; then the last
 * NamespaceBusyError is thrown.
 */
async function waitForLease<T>(
  attempt: () => Promise<T>,
  wait: LeaseWait,
): Promise<T> {
  const deadline = Date.now() + wait.maxMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      const retry =
        error instanceof NamespaceBusyError &&
        Date.now() + wait.pollMs <= deadline;
      if (!retry) throw error;
    }
    await sleep(wait.pollMs);
  }
}

type Executor<R, T> = { execute(request: R): Promise<T> };

/** `operations` whose `execute` waits for a busy namespace as `waitForLease` does. */
export function waitingForLeases<R, T>(
  operations: Executor<R, T>,
  wait: LeaseWait = DEFAULT_LEASE_WAIT,
): Executor<R, T> {
  return {
    execute: request => waitForLease(() => operations.execute(request), wait),
  };
}

import { bulkhead } from 'cockatiel';
import { describeError } from '../errors';
import type { Direction } from '../plan/intent';
import type { Change } from '../plan/types';
import { applyChange, WriteFailure } from './applyChange';
import type { ExecutionContext, ExecutionOutcome } from './types';
import { awaitReady } from './awaitReady';

/**
 * Runs the changes phase by phase (ascending to wake, descending to sleep),
 * each phase with bounded concurrency; a wake that waits for readiness lets
 * each phase get ready before the next starts. After the first failure
 * nothing new starts; writes already in flight finish so rollback knows
 * their outcome.
 */
export async function runChanges(
  context: ExecutionContext,
  changes: readonly Change[],
  direction: Direction,
): Promise<ExecutionOutcome> {
  const outcome: ExecutionOutcome = {
    applied: [],
    failed: [],
    settled: [],
    notAttempted: [],
  };
  const limiter = bulkhead(context.concurrency, Number.POSITIVE_INFINITY);
  for (const phase of groupByPhase(changes, direction)) {
    const before = outcome.applied.length;
    await Promise.all(
      phase.map(change =>
        limiter.execute(() => runOne(context, change, outcome)),
      ),
    );
    if (outcome.failed.length === 0) {
      await awaitReady(context, outcome.applied.slice(before));
    }
  }
  return outcome;
}

async function runOne(
  context: ExecutionContext,
  change: Change,
  outcome: ExecutionOutcome,
): Promise<void> {
  if (outcome.failed.length > 0) {
    outcome.notAttempted.push(change);
    return;
  }
  context.progress(change, 'started');
  try {
    const result = await applyChange(context, change);
    if (result.type === 'applied') {
      outcome.applied.push(result);
      context.progress(result.change, 'succeeded');
    } else {
      outcome.settled.push(result);
      context.progress(change, 'skipped');
    }
  } catch (error) {
    const failure =
      error instanceof WriteFailure ? error : new WriteFailure(change, error);
    outcome.failed.push({
      change: failure.change,
      error: describeError(failure.reason),
      ambiguous: failure.ambiguous,
    });
    context.progress(change, 'failed', describeError(failure.reason));
  }
}

function groupByPhase(
  changes: readonly Change[],
  direction: Direction,
): Change[][] {
  const phases = [...new Set(changes.map(c => c.phase))].sort((a, b) =>
    direction === 'up' ? a - b : b - a,
  );
  return phases.map(phase => changes.filter(c => c.phase === phase));
}

import { bulkhead } from 'cockatiel';
import type { Direction } from '../plan/intent';
import type { Change } from '../plan/types';
import { describeError } from '../errors';
import { applyChange } from './applyChange';
import type { ExecutionContext, ExecutionOutcome } from './types';

/**
 * Runs the changes phase by phase (ascending to wake, descending to sleep),
 * each phase with bounded concurrency. After the first failure nothing new
 * starts; writes already in flight finish so rollback knows their outcome.
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
    await Promise.all(
      phase.map(change =>
        limiter.execute(() => runOne(context, change, outcome)),
      ),
    );
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
      outcome.applied.push(result.change);
      context.progress(result.change, 'succeeded');
    } else {
      outcome.settled.push(result);
      context.progress(change, 'skipped');
    }
  } catch (error) {
    outcome.failed.push({ change, error: describeError(error) });
    context.progress(change, 'failed', describeError(error));
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

import { formatNamespaceRef } from '@namespace-scheduler/backstage-plugin-common';
import { describeError } from './errors';
import { undoChanges } from './execute/undo';
import { changeOfEntry } from './journal';
import type { OperationDeps } from './runOperation';
import type { JournalEntry, RepairOutcome } from './types';

/**
 * Undoes a journal's changes where they are still there. Every entry may have
 * been written (the journal does not know which writes were sent), so each
 * is re-read and, where untouched, fenced against a write still in flight.
 */
export async function repairNamespace(
  deps: OperationDeps,
  cluster: string,
  namespace: string,
  entries: readonly JournalEntry[],
): Promise<RepairOutcome> {
  const where = `repair ${formatNamespaceRef({ cluster, namespace })}`;
  let apis;
  try {
    apis = deps.clusters.get(cluster).recovery;
  } catch (error) {
    return {
      done: false,
      restored: 0,
      leftAlone: [],
      errors: [describeError(error)],
    };
  }
  const undo = await undoChanges(
    {
      apis,
      namespace,
      concurrency: deps.concurrency,
      retry: { ...deps.rollbackRetry, windowMs: deps.repairWindowMs },
    },
    entries.map(entry => ({
      change: changeOfEntry(entry),
      confirmed: false,
      ambiguous: true,
    })),
  );
  const named = (u: (typeof undo)[number]) =>
    `${u.item.change.workload.kind} ${u.item.change.workload.name}`;
  const errors = undo
    .filter(u => u.status === 'unresolved' || u.status === 'failed')
    .map(u => `${named(u)}: ${u.detail}`);
  const outcome: RepairOutcome = {
    // A refused write (4xx) will not succeed later either: reported, not retried forever.
    done: !undo.some(u => u.status === 'unresolved'),
    restored: undo.filter(u => u.status === 'restored').length,
    leftAlone: undo
      .filter(u => u.status === 'left_alone')
      .map(u => `${named(u)}${u.detail ? ` (${u.detail})` : ''}`),
    errors,
  };
  deps.logger.info(`${where}: ${outcome.done ? 'done' : 'not done yet'}`, {
    restored: outcome.restored,
    leftAlone: outcome.leftAlone.length,
    errors: errors.length,
  });
  return outcome;
}

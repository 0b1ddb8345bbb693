import {
  NamespaceStatus,
  OperationIntent,
  OperationResult,
  OperationType,
} from '@namespace-scheduler/backstage-plugin-common';
import { mockOperationResult as operationResult } from '@namespace-scheduler/backstage-plugin-node/testUtils';
import { NamespaceOperations, OperationOptions } from '../engine';
import type { JournalEntry, RepairOutcome } from '../engine/types';

/** A result as the engine returns it (kept under the name the tests use). */
export { operationResult };

export type FakeCall = {
  operation: OperationType;
  cluster: string;
  namespace: string;
  replicas?: number;
  options: OperationOptions;
};

/**
 * What a fake operation does: succeed, fail (a result with errors), throw,
 * or fail with its changes left for repair (as when the cluster stays
 * unreachable past the rollback window).
 */
export type FakeBehaviour = 'succeed' | 'fail' | 'throw' | 'unresolved';

/** The one change a fake operation journals: Deployment api, 3 replicas to 0. */
export const FAKE_JOURNAL: JournalEntry[] = [
  {
    kind: 'Deployment',
    name: 'api',
    resourceVersion: '7',
    from: { level: 3, marker: null },
    to: { level: 0, marker: '3' },
  },
];

export type FakeRepair = {
  cluster: string;
  namespace: string;
  entries: readonly JournalEntry[];
};

/** An engine for unit tests of one class: records calls, changes nothing. */
export class FakeEngine implements NamespaceOperations {
  readonly calls: FakeCall[] = [];
  behaviour: (call: FakeCall) => FakeBehaviour = () => 'succeed';
  /** Awaited by every real operation after it journaled its changes: lets tests make operations overlap. */
  gate: Promise<void> = Promise.resolve();
  readonly repairs: FakeRepair[] = [];
  /** Whether repairs reach the cluster; false answers "not done", like an unreachable one. */
  reachable = true;

  async status(cluster: string, namespace: string): Promise<NamespaceStatus> {
    return {
      cluster,
      namespace,
      state: 'unknown',
      workloads: [],
      counts: { total: 0, awake: 0, asleep: 0, excluded: 0, off: 0 },
      observedAt: new Date().toISOString(),
    };
  }

  run(
    cluster: string,
    namespace: string,
    intent: OperationIntent,
    options: OperationOptions = {},
  ) {
    const replicas = intent.operation === 'scale' ? intent.replicas : undefined;
    return this.record({
      operation: intent.operation,
      cluster,
      namespace,
      replicas,
      options,
    });
  }

  async repair(
    cluster: string,
    namespace: string,
    entries: readonly JournalEntry[],
  ): Promise<RepairOutcome> {
    this.repairs.push({ cluster, namespace, entries });
    return this.reachable
      ? { done: true, restored: entries.length, leftAlone: [], errors: [] }
      : {
          done: false,
          restored: 0,
          leftAlone: [],
          errors: ['connect ECONNREFUSED'],
        };
  }

  private async record(call: FakeCall): Promise<OperationResult> {
    this.calls.push(call);
    const behaviour = this.behaviour(call);
    const { journal, dryRun } = call.options;
    if (!dryRun) {
      await journal?.planned(FAKE_JOURNAL);
      await this.gate;
    }
    if (behaviour === 'throw') throw new Error('engine exploded');
    if (behaviour === 'unresolved') await journal?.unresolved(FAKE_JOURNAL);
    return operationResult(call, {
      dryRun,
      repairPending: behaviour === 'unresolved',
      errors: behaviour === 'succeed' ? [] : ['deployment/api: HTTP 500'],
      originals:
        call.operation === 'sleep'
          ? [{ type: 'Deployment', name: 'api', value: 3 }]
          : [],
    });
  }
}

import type {
  NamespaceStatus,
  OperationIntent,
  OperationResult,
  OriginalValue,
} from '@namespace-scheduler/backstage-plugin-common';
import type { ClusterAccess } from '../clusters';
import { describeError } from './errors';
import type { RollbackRetry } from './execute/undo';
import { repairNamespace } from './repair';
import { Intent, refKey } from './plan/intent';
import { emptyResult } from './result/buildResult';
import { OperationDeps, runOperation } from './runOperation';
import { readWorkloads } from './snapshot/readWorkloads';
import { describeNamespace, unknownStatus } from './status/describeNamespace';
import type {
  EngineLogger,
  JournalEntry,
  OperationOptions,
  RepairOutcome,
} from './types';

/** Sleep, wake, scale and inspect namespaces. Operations never throw: failures are in the result. */
export interface NamespaceOperations {
  status(cluster: string, namespace: string): Promise<NamespaceStatus>;
  /** Does what the intent asks of every workload, atomically. */
  run(
    cluster: string,
    namespace: string,
    intent: OperationIntent,
    options?: OperationOptions,
  ): Promise<OperationResult>;
  /**
   * Undoes what a journal says an operation changed, where the change is
   * still there; changes someone else made since are left alone. Used for
   * operations whose rollback could not finish (the cluster stayed
   * unreachable) or whose process died.
   */
  repair(
    cluster: string,
    namespace: string,
    entries: readonly JournalEntry[],
    options?: { logger?: EngineLogger },
  ): Promise<RepairOutcome>;
}

export interface NamespaceEngineOptions {
  clusters: ClusterAccess;
  logger: EngineLogger;
  /** Writes in flight per operation; default 8. */
  concurrency?: number;
  /** How long a woken StatefulSet may take to accept its scale; default 60 s. */
  statefulSetAcceptTimeoutMs?: number;
  /**
   * How a failed operation is undone: each change is retried (200 ms doubling
   * to 3 s) for up to 60 s; what is still not undone then is marked for repair.
   */
  rollbackRetry?: Partial<RollbackRetry>;
  /** How long one repair attempt retries before leaving it to the next; default 15 s. */
  repairWindowMs?: number;
}

const DEFAULT_ROLLBACK_RETRY: RollbackRetry = {
  windowMs: 60_000,
  initialDelayMs: 200,
  maxDelayMs: 3_000,
};

export class NamespaceEngine implements NamespaceOperations {
  private constructor(private readonly deps: OperationDeps) {}

  static create(options: NamespaceEngineOptions): NamespaceEngine {
    return new NamespaceEngine({
      clusters: options.clusters,
      logger: options.logger,
      concurrency: Math.max(1, options.concurrency ?? 8),
      statefulSetAcceptTimeoutMs: options.statefulSetAcceptTimeoutMs ?? 60_000,
      rollbackRetry: { ...DEFAULT_ROLLBACK_RETRY, ...options.rollbackRetry },
      repairWindowMs: options.repairWindowMs ?? 15_000,
    });
  }

  async status(cluster: string, namespace: string): Promise<NamespaceStatus> {
    try {
      const workloads = await readWorkloads(
        this.deps.clusters.get(cluster),
        namespace,
      );
      return describeNamespace(cluster, namespace, workloads);
    } catch (error) {
      return unknownStatus(cluster, namespace, describeError(error));
    }
  }

  async run(
    cluster: string,
    namespace: string,
    intent: OperationIntent,
    options: OperationOptions = {},
  ): Promise<OperationResult> {
    if (intent.operation === 'scale' && !isReplicaCount(intent.replicas)) {
      const base = {
        operation: intent.operation,
        cluster,
        namespace,
        dryRun: options.dryRun ?? false,
        startedAt: new Date(),
      };
      return emptyResult(base, [
        `replicas must be a non-negative integer, got ${intent.replicas}`,
      ]);
    }
    return runOperation(this.deps, {
      cluster,
      namespace,
      intent: planIntent(intent, options.storedOriginals),
      options,
    });
  }

  async repair(
    cluster: string,
    namespace: string,
    entries: readonly JournalEntry[],
    options: { logger?: EngineLogger } = {},
  ): Promise<RepairOutcome> {
    return repairNamespace(
      { ...this.deps, logger: options.logger ?? this.deps.logger },
      cluster,
      namespace,
      entries,
    );
  }
}

function isReplicaCount(replicas: number): boolean {
  return Number.isInteger(replicas) && replicas >= 0;
}

/** The intent as planning reads it: with the stored originals by workload. */
function planIntent(
  intent: OperationIntent,
  originals: OriginalValue[] = [],
): Intent {
  if (intent.operation === 'sleep') return intent;
  const storedOriginals = new Map(
    originals.map(o => [refKey(o.type, o.name), o.value]),
  );
  return { ...intent, storedOriginals };
}

import type {
  NamespaceStatus,
  OperationResult,
  OriginalValue,
} from '@namespace-scheduler/backstage-plugin-common';
import type { ClusterAccess } from '../clusters';
import { describeError } from './errors';
import type { RollbackRetry } from './execute/undo';
import { repairNamespace } from './repair';
import { refKey } from './plan/intent';
import { emptyResult } from './result/buildResult';
import { OperationDeps, runOperation } from './runOperation';
import { readWorkloads } from './snapshot/readWorkloads';
import { describeNamespace, unknownStatus } from './status/describeNamespace';
import type {
  EngineLogger,
  JournalEntry,
  OperationOptions,
  RepairOutcome,
  WakeOptions,
} from './types';

/** Sleep, wake, scale and inspect namespaces. Operations never throw: failures are in the result. */
export interface NamespaceOperations {
  status(cluster: string, namespace: string): Promise<NamespaceStatus>;
  sleep(
    cluster: string,
    namespace: string,
    options?: OperationOptions,
  ): Promise<OperationResult>;
  wake(
    cluster: string,
    namespace: string,
    options?: WakeOptions,
  ): Promise<OperationResult>;
  scale(
    cluster: string,
    namespace: string,
    replicas: number,
    options?: WakeOptions,
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

  sleep(
    cluster: string,
    namespace: string,
    options: OperationOptions = {},
  ): Promise<OperationResult> {
    return runOperation(this.deps, {
      cluster,
      namespace,
      intent: { operation: 'sleep' },
      options,
    });
  }

  wake(
    cluster: string,
    namespace: string,
    options: WakeOptions = {},
  ): Promise<OperationResult> {
    const storedOriginals = byKey(options.storedOriginals);
    return runOperation(this.deps, {
      cluster,
      namespace,
      intent: { operation: 'wake', storedOriginals },
      options,
    });
  }

  async scale(
    cluster: string,
    namespace: string,
    replicas: number,
    options: WakeOptions = {},
  ): Promise<OperationResult> {
    if (!Number.isInteger(replicas) || replicas < 0) {
      const base = {
        operation: 'scale' as const,
        cluster,
        namespace,
        dryRun: options.dryRun ?? false,
        startedAt: new Date(),
      };
      return emptyResult(base, [
        `replicas must be a non-negative integer, got ${replicas}`,
      ]);
    }
    const intent = {
      operation: 'scale' as const,
      replicas,
      storedOriginals: byKey(options.storedOriginals),
    };
    return runOperation(this.deps, { cluster, namespace, intent, options });
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

function byKey(originals: OriginalValue[] = []): ReadonlyMap<string, number> {
  return new Map(originals.map(o => [refKey(o.type, o.name), o.value]));
}

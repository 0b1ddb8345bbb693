import type {
  NamespaceStatus,
  OperationResult,
  OriginalValue,
} from '@namespace-scheduler/backstage-plugin-common';
import type { ClusterAccess } from '../clusters';
import { describeError } from './errors';
import type { RollbackRetry } from './execute/rollback';
import { refKey } from './plan/intent';
import { emptyResult } from './result/buildResult';
import { OperationDeps, runOperation } from './runOperation';
import { readWorkloads } from './snapshot/readWorkloads';
import { describeNamespace, unknownStatus } from './status/describeNamespace';
import type { EngineLogger, OperationOptions, WakeOptions } from './types';

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
}

export interface NamespaceEngineOptions {
  clusters: ClusterAccess;
  logger: EngineLogger;
  /** Writes in flight per operation; default 8. */
  concurrency?: number;
  /** How long a woken StatefulSet may take to accept its scale; default 60 s. */
  statefulSetAcceptTimeoutMs?: number;
  /** Retries of each rollback write; default 3 retries, 200 ms doubling to 3 s. */
  rollbackRetry?: Partial<RollbackRetry>;
}

const DEFAULT_ROLLBACK_RETRY: RollbackRetry = {
  maxAttempts: 3,
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
}

function byKey(originals: OriginalValue[] = []): ReadonlyMap<string, number> {
  return new Map(originals.map(o => [refKey(o.type, o.name), o.value]));
}

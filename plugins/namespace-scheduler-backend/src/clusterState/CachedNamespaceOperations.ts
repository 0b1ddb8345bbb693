import {
  formatNamespaceRef,
  type NamespaceStatus,
  type OperationIntent,
  type OperationResult,
} from '@namespace-scheduler/backstage-plugin-common';
import {
  describeNamespace,
  NamespaceOperations,
  OperationOptions,
  Workload,
} from '../engine';
import type {
  EngineLogger,
  JournalEntry,
  RepairOutcome,
} from '../engine/types';
import type { ClusterStateCache } from './ClusterStateCache';

/**
 * The engine with status served from the cluster-state cache. Reported state
 * must equal the live cluster, and the cache learns of writes only when their
 * watch events arrive, so a namespace this backend writes to is read live
 * from the first write until a live read matches the cache again. Changes made by others reach the cache within the watch's
 * latency. A cluster whose cache is not synced is read live, so an
 * unreachable cluster reports `unknown`, never its last known state.
 */
export class CachedNamespaceOperations implements NamespaceOperations {
  /** Namespaces written by an operation in flight: key → operations running. */
  private readonly writing = new Map<string, number>();
  /** Namespaces written since the cache last matched a live read. */
  private readonly unverified = new Set<string>();
  /** Descriptions of unchanged workload lists (the cache returns the same array until a change). */
  private readonly described = new WeakMap<
    readonly Workload[],
    NamespaceStatus
  >();

  static create(options: {
    engine: NamespaceOperations;
    cache: ClusterStateCache;
  }): CachedNamespaceOperations {
    return new CachedNamespaceOperations(options.engine, options.cache);
  }

  private constructor(
    private readonly engine: NamespaceOperations,
    private readonly cache: ClusterStateCache,
  ) {}

  async status(cluster: string, namespace: string): Promise<NamespaceStatus> {
    const key = formatNamespaceRef({ cluster, namespace });
    const fresh = !this.writing.has(key) && !this.unverified.has(key);
    const cached = fresh ? this.fromCache(cluster, namespace) : undefined;
    if (cached) return cached;
    const live = await this.engine.status(cluster, namespace);
    if (!this.writing.has(key) && this.unverified.has(key)) {
      const now = this.fromCache(cluster, namespace);
      if (now && sameState(now, live)) this.unverified.delete(key);
    }
    return live;
  }

  run(
    cluster: string,
    namespace: string,
    intent: OperationIntent,
    options: OperationOptions = {},
  ): Promise<OperationResult> {
    return this.writes(cluster, namespace, options, () =>
      this.engine.run(cluster, namespace, intent, options),
    );
  }

  /** A repair writes like an operation: its namespace is read live until the cache agrees. */
  repair(
    cluster: string,
    namespace: string,
    entries: readonly JournalEntry[],
    options?: { logger?: EngineLogger },
  ): Promise<RepairOutcome> {
    return this.writes(cluster, namespace, {}, () =>
      this.engine.repair(cluster, namespace, entries, options),
    );
  }

  private fromCache(
    cluster: string,
    namespace: string,
  ): NamespaceStatus | undefined {
    const workloads = this.cache.workloads(cluster, namespace);
    if (!workloads) return undefined;
    let status = this.described.get(workloads);
    if (!status) {
      status = describeNamespace(cluster, namespace, workloads);
      this.described.set(workloads, status);
    }
    return { ...status, observedAt: new Date().toISOString() };
  }

  /** Dry runs change nothing, so only real operations take the namespace off the cache. */
  private async writes<T>(
    cluster: string,
    namespace: string,
    options: OperationOptions,
    run: () => Promise<T>,
  ): Promise<T> {
    if (options.dryRun) return run();
    const key = formatNamespaceRef({ cluster, namespace });
    this.writing.set(key, (this.writing.get(key) ?? 0) + 1);
    this.unverified.add(key);
    try {
      return await run();
    } finally {
      const left = (this.writing.get(key) ?? 1) - 1;
      if (left > 0) this.writing.set(key, left);
      else this.writing.delete(key);
    }
  }
}

/** Equal as reported: state, counts and every workload's fields (order aside). */
function sameState(a: NamespaceStatus, b: NamespaceStatus): boolean {
  const comparable = (status: NamespaceStatus) =>
    JSON.stringify({
      state: status.state,
      counts: status.counts,
      error: status.error,
      workloads: status.workloads.map(w => JSON.stringify(w)).sort(),
    });
  return comparable(a) === comparable(b);
}

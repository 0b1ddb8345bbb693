import type { ClusterAccess, ClusterClient } from '../clusters';
import type { Workload } from '../engine';
import { Reflector, ReflectorOptions } from './Reflector';
import { namespaceSource, workloadSources } from './watchedKinds';

/** What the cache logs: failures of lists and watches, which it retries. */
export interface ClusterStateLogger {
  warn(message: string, meta?: Record<string, string>): void;
}

export interface ClusterStateCacheOptions {
  clusters: ClusterAccess;
  logger: ClusterStateLogger;
  /** See ReflectorOptions.watchTimeoutSeconds. Default 60. */
  watchTimeoutSeconds?: number;
  /** Backoff between failed lists/watches. Default 500 ms doubling to 30 s. */
  backoff?: ReflectorOptions['backoff'];
}

/** One cluster: a reflector per collection, ScaledObjects once discovery shows KEDA. */
class ClusterMirror {
  private readonly namespaces: Reflector<true>;
  private workloadReflectors: Reflector<Workload>[] = [];
  /** Each namespace's workloads joined across kinds; the same array while no kind changed. */
  private readonly joined = new Map<
    string,
    { parts: readonly (readonly Workload[])[]; workloads: readonly Workload[] }
  >();
  private discovered = false;
  private stopped = false;
  private discovery?: Promise<void>;
  private cancelPause?: () => void;

  constructor(
    private readonly client: ClusterClient,
    private readonly options: ReflectorOptions,
  ) {
    this.namespaces = new Reflector(
      namespaceSource(client),
      client.watch,
      options,
    );
  }

  start(): void {
    this.stopped = false;
    this.namespaces.start();
    this.discovery = this.discover();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelPause?.();
    await this.discovery;
    await Promise.all(
      [this.namespaces, ...this.workloadReflectors].map(r => r.stop()),
    );
  }

  isSynced(): boolean {
    return (
      this.discovered &&
      this.namespaces.isSynced() &&
      this.workloadReflectors.every(r => r.isSynced())
    );
  }

  workloads(namespace: string): readonly Workload[] | undefined {
    if (!this.isSynced() || !this.namespaces.get('', namespace)) {
      return undefined;
    }
    const parts = this.workloadReflectors.map(r => r.list(namespace));
    const known = this.joined.get(namespace);
    if (known && known.parts.every((part, i) => part === parts[i])) {
      return known.workloads;
    }
    const workloads = parts.flat();
    this.joined.set(namespace, { parts, workloads });
    return workloads;
  }

  /** Learns whether the cluster serves keda.sh (retrying), then starts the workload reflectors. */
  private async discover(): Promise<void> {
    for (let failures = 0; !this.stopped; failures++) {
      try {
        const { groups } = await this.client.apis.getAPIVersions();
        const keda = groups.some(group => group.name === 'keda.sh');
        if (this.stopped) return;
        this.workloadReflectors = workloadSources(this.client, keda).map(
          source => new Reflector(source, this.client.watch, this.options),
        );
        this.workloadReflectors.forEach(r => r.start());
        this.discovered = true;
        return;
      } catch (error) {
        this.options.onError(
          'discovery',
          error instanceof Error ? error : new Error(String(error)),
        );
        await this.pause(
          Math.min(
            this.options.backoff.maxMs,
            this.options.backoff.initialMs * 2 ** failures,
          ),
        );
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise(resolve => {
      const timer = setTimeout(resolve, ms);
      this.cancelPause = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/**
 * Every configured cluster's namespaces and workloads, mirrored in memory by
 * list+watch, so status reads need no request. A cluster's mirror is only
 * served while every one of its collections is synced.
 */
export class ClusterStateCache {
  private readonly mirrors: ReadonlyMap<string, ClusterMirror>;

  static create(options: ClusterStateCacheOptions): ClusterStateCache {
    return new ClusterStateCache(options);
  }

  private constructor(options: ClusterStateCacheOptions) {
    const reflectorOptions = (cluster: string): ReflectorOptions => ({
      watchTimeoutSeconds: options.watchTimeoutSeconds ?? 60,
      backoff: options.backoff ?? { initialMs: 500, maxMs: 30_000 },
      onError: (resource, error) =>
        options.logger.warn(
          `Cluster state of ${cluster}: ${resource} list/watch failed, retrying: ${error.message}`,
        ),
    });
    this.mirrors = new Map(
      options.clusters
        .clusterNames()
        .map(name => [
          name,
          new ClusterMirror(options.clusters.get(name), reflectorOptions(name)),
        ]),
    );
  }

  /** Starts listing and watching every cluster; returns at once. */
  start(): void {
    for (const mirror of this.mirrors.values()) mirror.start();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.mirrors.values()].map(m => m.stop()));
  }

  isSynced(cluster: string): boolean {
    return this.mirrors.get(cluster)?.isSynced() ?? false;
  }

  /**
   * A namespace's workloads in the engine's reading order, the same array
   * while nothing in the namespace changed; undefined when the cluster's
   * mirror is not synced, or it holds no such namespace (the caller reads
   * the cluster, which says why).
   */
  workloads(
    cluster: string,
    namespace: string,
  ): readonly Workload[] | undefined {
    return this.mirrors.get(cluster)?.workloads(namespace);
  }
}

import type { Config } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  kubeConfigFromSpec,
  kubeConfigFromYaml,
} from './config/kubeConfigFromSpec';
import { readClusterAccessOptions } from './config/readClusterAccessOptions';
import { readClusterSpecs } from './config/readClusterSpecs';
import {
  createClusterClient,
  ManagedClusterClient,
} from './createClusterClient';
import {
  ClusterAccess,
  ClusterAccessOptions,
  ClusterClient,
  ClusterRequestObserver,
  DEFAULT_CLUSTER_ACCESS_OPTIONS,
  KubeConfigYaml,
  NamedKubeConfig,
} from './types';

/** The configured clusters, each with its own connection pool, rate limit and breaker. */
export class ClusterRegistry implements ClusterAccess {
  private constructor(
    private readonly clusters: ReadonlyMap<string, ManagedClusterClient>,
  ) {}

  /**
   * From `kubernetes.clusterLocatorMethods`, `namespaceScheduler.clusters` and
   * `.clusterAccess`, plus clusters given as kubeconfig YAML (which win on a name clash).
   */
  static fromConfig(
    config: Config,
    options: {
      logger: LoggerService;
      extraClusters?: KubeConfigYaml[];
      /** Told about every request (metrics). */
      observer?: ClusterRequestObserver;
    },
  ): ClusterRegistry {
    const configured = readClusterSpecs(config, options.logger).map(spec => ({
      name: spec.name,
      kubeConfig: kubeConfigFromSpec(spec),
    }));
    const extra = (options.extraClusters ?? []).map(({ name, kubeConfig }) => ({
      name,
      kubeConfig: kubeConfigFromYaml(kubeConfig),
    }));
    const byName = new Map([...configured, ...extra].map(c => [c.name, c]));
    return ClusterRegistry.fromKubeConfigs(
      [...byName.values()],
      readClusterAccessOptions(config),
      options.observer,
    );
  }

  /** From KubeConfigs built by the caller (dev backend, tests, benchmarks). */
  static fromKubeConfigs(
    clusters: NamedKubeConfig[],
    options: Partial<ClusterAccessOptions> = {},
    observer?: ClusterRequestObserver,
  ): ClusterRegistry {
    const resolved = { ...DEFAULT_CLUSTER_ACCESS_OPTIONS, ...options };
    return new ClusterRegistry(
      new Map(
        clusters.map(({ name, kubeConfig }) => [
          name,
          createClusterClient(name, kubeConfig, resolved, observer),
        ]),
      ),
    );
  }

  clusterNames(): string[] {
    return [...this.clusters.keys()];
  }

  get(name: string): ClusterClient {
    const cluster = this.clusters.get(name);
    if (!cluster) {
      throw new NotFoundError(`Cluster "${name}" is not configured`);
    }
    return cluster.client;
  }

  /** Each cluster and whether its circuit breaker fails requests fast now. */
  circuitStates(): Array<{ cluster: string; open: boolean }> {
    return [...this.clusters].map(([cluster, managed]) => ({
      cluster,
      open: managed.circuitOpen(),
    }));
  }

  /** Closes every cluster's pooled connections. */
  async close(): Promise<void> {
    await Promise.all(
      [...this.clusters.values()].map(cluster => cluster.close()),
    );
  }
}

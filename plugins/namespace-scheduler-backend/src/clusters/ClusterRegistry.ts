import type { Config } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { lazyAuthStrategy } from './auth/loadAuthStrategy';
import {
  connectionFromSpec,
  kubeConfigFromYaml,
  unresolvedConnection,
} from './config/kubeConfigFromSpec';
import { readClusterAccessOptions } from './config/readClusterAccessOptions';
import { readClusterSpecs } from './config/readClusterSpecs';
import {
  createClusterClient,
  ManagedClusterClient,
} from './createClusterClient';
import { describeCause } from './errors';
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
   * `.clusterAccess`, plus clusters given as kubeconfig YAML (which win on a
   * name clash). Clusters whose credentials need one of the kubernetes
   * plugin's auth strategies (`aws`, `azure`, `googleServiceAccount`) get
   * their token from it. A cluster whose connection cannot be set up is kept,
   * failing each request with the reason (and so reported by readiness).
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
    const { logger } = options;
    const strategy = lazyAuthStrategy(config, logger);
    const configured = readClusterSpecs(config, logger).map(spec =>
      orUnresolved(spec.name, logger, () => connectionFromSpec(spec, strategy)),
    );
    const extra = (options.extraClusters ?? []).map(({ name, kubeConfig }) =>
      orUnresolved(name, logger, () => ({
        name,
        kubeConfig: kubeConfigFromYaml(kubeConfig),
      })),
    );
    const byName = new Map([...configured, ...extra].map(c => [c.name, c]));
    return ClusterRegistry.fromKubeConfigs(
      [...byName.values()],
      readClusterAccessOptions(config),
      options.observer,
      logger,
    );
  }

  /** From KubeConfigs built by the caller (dev backend, tests, benchmarks). */
  static fromKubeConfigs(
    clusters: NamedKubeConfig[],
    options: Partial<ClusterAccessOptions> = {},
    observer?: ClusterRequestObserver,
    logger?: LoggerService,
  ): ClusterRegistry {
    const resolved = { ...DEFAULT_CLUSTER_ACCESS_OPTIONS, ...options };
    const clientOf = (cluster: NamedKubeConfig) => {
      try {
        return createClusterClient(cluster, resolved, observer);
      } catch (error) {
        const reason = describeCause(error);
        logger?.warn(
          `Cluster "${cluster.name}": ${reason}; its requests fail until this is fixed (see /health/ready)`,
        );
        return createClusterClient(
          unresolvedConnection(cluster.name, reason),
          resolved,
          observer,
        );
      }
    };
    return new ClusterRegistry(
      new Map(clusters.map(cluster => [cluster.name, clientOf(cluster)])),
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

/** The cluster's connection, or one failing every request with why it could not be built. */
function orUnresolved(
  name: string,
  logger: LoggerService,
  build: () => NamedKubeConfig,
): NamedKubeConfig {
  try {
    return build();
  } catch (error) {
    const reason = describeCause(error);
    logger.warn(
      `Cluster "${name}": ${reason}; its requests fail until this is fixed (see /health/ready)`,
    );
    return unresolvedConnection(name, reason);
  }
}

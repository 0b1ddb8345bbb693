import type { Config } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { kubeConfigFromSpec } from './config/kubeConfigFromSpec';
import { readClusterAccessOptions } from './config/readClusterAccessOptions';
import { readClusterSpecs } from './config/readClusterSpecs';
import { createClusterClient, ManagedClusterClient } from './createClusterClient';
import {
  ClusterAccess,
  ClusterAccessOptions,
  ClusterClient,
  DEFAULT_CLUSTER_ACCESS_OPTIONS,
  NamedKubeConfig,
} from './types';

/** The configured clusters, each with its own connection pool, rate limit and breaker. */
export class ClusterRegistry implements ClusterAccess {
  private constructor(private readonly clusters: ReadonlyMap<string, ManagedClusterClient>) {}

  /** From `kubernetes.clusterLocatorMethods`, `namespaceScheduler.clusters` and `.clusterAccess`. */
  static fromConfig(config: Config, options: { logger: LoggerService }): ClusterRegistry {
    const specs = readClusterSpecs(config, options.logger);
    return ClusterRegistry.fromKubeConfigs(
      specs.map(spec => ({ name: spec.name, kubeConfig: kubeConfigFromSpec(spec) })),
      readClusterAccessOptions(config),
    );
  }

  /** From KubeConfigs built by the caller (dev backend, tests, benchmarks). */
  static fromKubeConfigs(
    clusters: NamedKubeConfig[],
    options: Partial<ClusterAccessOptions> = {},
  ): ClusterRegistry {
    const resolved = { ...DEFAULT_CLUSTER_ACCESS_OPTIONS, ...options };
    return new ClusterRegistry(
      new Map(
        clusters.map(({ name, kubeConfig }) => [
          name,
          createClusterClient(name, kubeConfig, resolved),
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

  /** Closes every cluster's pooled connections. */
  async close(): Promise<void> {
    await Promise.all([...this.clusters.values()].map(cluster => cluster.close()));
  }
}

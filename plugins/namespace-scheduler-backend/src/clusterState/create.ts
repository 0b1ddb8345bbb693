import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { ClusterAccess } from '../clusters';
import {
  NamespaceEngine,
  NamespaceOperations,
  readEngineConfig,
} from '../engine';
import { CachedNamespaceOperations } from './CachedNamespaceOperations';
import { ClusterStateCache } from './ClusterStateCache';
import { readClusterStateConfig } from './config';

/**
 * The namespace operations the plugin runs: the engine, read through the
 * cluster-state cache unless `namespaceScheduler.cache.enabled` is false.
 * The cache is returned too, for the plugin to start and stop it.
 */
export function createClusterState(deps: {
  config: Config;
  clusters: ClusterAccess;
  logger: LoggerService;
}): { engine: NamespaceOperations; cache?: ClusterStateCache } {
  const { config, clusters, logger } = deps;
  const engine = NamespaceEngine.create({
    clusters,
    logger,
    ...readEngineConfig(config),
  });
  const settings = readClusterStateConfig(config);
  if (!settings.enabled) return { engine };
  const cache = ClusterStateCache.create({
    clusters,
    logger,
    watchTimeoutSeconds: settings.watchTimeoutSeconds,
  });
  return {
    engine: CachedNamespaceOperations.create({ engine, cache }),
    cache,
  };
}

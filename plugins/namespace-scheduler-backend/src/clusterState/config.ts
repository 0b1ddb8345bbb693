import type { Config } from '@backstage/config';

export interface ClusterStateConfig {
  enabled: boolean;
  watchTimeoutSeconds: number;
}

/** `namespaceScheduler.cache` (see config.d.ts). */
export function readClusterStateConfig(config: Config): ClusterStateConfig {
  const cache = config.getOptionalConfig('namespaceScheduler.cache');
  return {
    enabled: cache?.getOptionalBoolean('enabled') ?? true,
    watchTimeoutSeconds: cache?.getOptionalNumber('watchTimeoutSeconds') ?? 60,
  };
}

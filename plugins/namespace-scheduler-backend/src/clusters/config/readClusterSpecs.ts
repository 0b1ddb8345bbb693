import type { Config } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ClusterSpec } from './clusterSpecs';

const KUBECTL_PROXY: ClusterSpec = {
  source: 'url',
  name: 'local',
  url: 'http://127.0.0.1:8001',
  skipTLSVerify: true,
};

/**
 * The clusters of `kubernetes.clusterLocatorMethods` (the Backstage kubernetes
 * plugin's config, reused) and of `namespaceScheduler.clusters`; the latter win
 * on a name clash. Entries this plugin cannot authenticate are logged and skipped.
 */
export function readClusterSpecs(
  config: Config,
  logger: LoggerService,
): ClusterSpec[] {
  const byName = new Map<string, ClusterSpec>();
  for (const spec of readLocatorMethods(config, logger)) {
    byName.set(spec.name, spec);
  }
  for (const spec of readOwnClusters(config)) {
    if (byName.has(spec.name)) {
      logger.info(
        `namespaceScheduler.clusters overrides cluster "${spec.name}"`,
      );
    }
    byName.set(spec.name, spec);
  }
  return [...byName.values()];
}

function readLocatorMethods(
  config: Config,
  logger: LoggerService,
): ClusterSpec[] {
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  return methods.flatMap(method => {
    const type = method.getString('type');
    if (type === 'localKubectlProxy') {
      return [KUBECTL_PROXY];
    }
    if (type !== 'config') {
      logger.warn(`Cluster locator type "${type}" is not supported; skipped`);
      return [];
    }
    return (method.getOptionalConfigArray('clusters') ?? []).flatMap(cluster =>
      readConfigCluster(cluster, logger),
    );
  });
}

function readConfigCluster(
  cluster: Config,
  logger: LoggerService,
): ClusterSpec[] {
  const name = cluster.getString('name');
  const authProvider =
    cluster.getOptionalString('authProvider') ?? 'serviceAccount';
  if (authProvider === 'inCluster') {
    return [{ source: 'inCluster', name }];
  }
  if (
    authProvider !== 'serviceAccount' &&
    authProvider !== 'localKubectlProxy'
  ) {
    logger.warn(
      `Cluster "${name}": authProvider "${authProvider}" is not supported; skipped`,
    );
    return [];
  }
  return [
    {
      source: 'url',
      name,
      url: cluster.getString('url'),
      serviceAccountToken: cluster.getOptionalString('serviceAccountToken'),
      skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
      caData: cluster.getOptionalString('caData'),
      caFile: cluster.getOptionalString('caFile'),
    },
  ];
}

function readOwnClusters(config: Config): ClusterSpec[] {
  return (
    config.getOptionalConfigArray('namespaceScheduler.clusters') ?? []
  ).map((cluster): ClusterSpec => {
    const name = cluster.getString('name');
    if (cluster.getOptionalBoolean('inCluster')) {
      return { source: 'inCluster', name };
    }
    return {
      source: 'kubeconfig',
      name,
      context: cluster.getOptionalString('kubeconfigContext'),
      path: cluster.getOptionalString('kubeconfigPath'),
    };
  });
}

import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * A cluster given by a backend module, as a kubeconfig.
 *
 * @public
 */
export interface ExtraCluster {
  name: string;
  /** A kubeconfig (YAML) whose current context reaches the cluster. */
  kubeConfig: string;
}

/**
 * Lets backend modules add clusters beyond app-config, e.g. the demo
 * portal's in-process sandbox.
 *
 * @public
 */
export interface NamespaceSchedulerClustersExtensionPoint {
  addCluster(cluster: ExtraCluster): void;
}

/** @public */
export const namespaceSchedulerClustersExtensionPoint =
  createExtensionPoint<NamespaceSchedulerClustersExtensionPoint>({
    id: 'namespace-scheduler.clusters',
  });

import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { NamespaceSchedulerStores } from './stores';

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

/**
 * Lets one backend module keep the activity log (and, optionally,
 * cost-center permissions) somewhere else than the portal database, e.g.
 * `@namespace-scheduler/backstage-plugin-backend-module-dynamodb`. The module
 * owns its stores' lifecycle (connections, shutdown); the plugin wraps the
 * activity store in its outbox when `outbox` is given.
 *
 * @public
 */
export interface NamespaceSchedulerStoresExtensionPoint {
  /** Called by at most one module; a second call fails startup. */
  setStores(stores: NamespaceSchedulerStores): void;
}

/**
 * The stores extension point; see {@link NamespaceSchedulerStoresExtensionPoint}.
 *
 * @public
 */
export const namespaceSchedulerStoresExtensionPoint =
  createExtensionPoint<NamespaceSchedulerStoresExtensionPoint>({
    id: 'namespace-scheduler.stores',
  });

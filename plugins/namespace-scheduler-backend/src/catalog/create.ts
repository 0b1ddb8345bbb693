import type { AuthService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ClusterAccess } from '../clusters';
import { NamespaceCatalog } from './NamespaceCatalog';

/**
 * The claim index over the catalog. A claim naming no cluster means
 * `namespaceScheduler.defaultCluster`, else the first configured one.
 */
export function createCatalog(deps: {
  config: Config;
  catalog: CatalogService;
  auth: AuthService;
  clusters: Pick<ClusterAccess, 'clusterNames'>;
}): NamespaceCatalog {
  return NamespaceCatalog.create({
    catalog: deps.catalog,
    auth: deps.auth,
    defaultCluster:
      deps.config.getOptionalString('namespaceScheduler.defaultCluster') ??
      deps.clusters.clusterNames()[0] ??
      'default',
  });
}

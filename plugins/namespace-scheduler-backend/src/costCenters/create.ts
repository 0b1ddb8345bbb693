import { AuthService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NamespaceCatalog } from '../catalog/NamespaceCatalog';
import { NamespaceAuthorizer } from '../permissions';
import { Clock } from '../time/Clock';
import { CostCenterAdmin } from './CostCenterAdmin';
import { CostCenterAuthorization } from './CostCenterAuthorization';
import { CostCenterCatalog, CostCenterDirectory } from './CostCenterCatalog';
import { CostCenterGuard } from './CostCenterGuard';
import { readCostCenterConfig } from './config';
import { ValidCostCenters } from './ValidCostCenters';
import { CostCenterPermissionStore } from '@namespace-scheduler/backstage-plugin-node';

/** Cost-center governance, one piece per question. */
export type CostCenters = {
  /** Which cost centers a namespace may be charged to (the catalog's answer). */
  valid: ValidCostCenters;
  /** Whether a user may charge one. */
  authorization: CostCenterAuthorization;
  /** Permission records, for the admin page. */
  admin: CostCenterAdmin;
  /** The check of every operation and schedule save. */
  guard: CostCenterGuard;
};

/**
 * Governance as the plugin runs it: cost centers from catalog annotations,
 * `namespaceScheduler.costCenters` read once, and its permission records
 * written where none exists yet.
 */
export async function createCostCenters(deps: {
  config: Config;
  catalog: CatalogService;
  auth: AuthService;
  claims: Pick<NamespaceCatalog, 'claimOf' | 'allClaims'>;
  store: CostCenterPermissionStore;
  authorizer: NamespaceAuthorizer;
}): Promise<CostCenters> {
  const { config, catalog, auth, claims, store, authorizer } = deps;
  const settings = readCostCenterConfig(config, new Date());
  await store.seed(settings.seeds);
  return assembleCostCenters({
    directory: CostCenterCatalog.create({ catalog, auth, claims }),
    claims,
    store,
    authorizer,
    defaultAuthorized: settings.defaultAuthorized,
  });
}

/** The pieces over any directory (tests give a fake catalog and clock). */
export function assembleCostCenters(deps: {
  directory: CostCenterDirectory;
  claims: Pick<NamespaceCatalog, 'claimOf' | 'allClaims'>;
  store: CostCenterPermissionStore;
  authorizer: NamespaceAuthorizer;
  defaultAuthorized: boolean;
  clock?: Clock;
}): CostCenters {
  const { directory, claims, store, authorizer, defaultAuthorized } = deps;
  const valid = ValidCostCenters.create({ directory, claims });
  const authorization = CostCenterAuthorization.create({
    valid,
    directory,
    store,
    authorizer,
    claims,
    defaultAuthorized,
  });
  return {
    valid,
    authorization,
    admin: CostCenterAdmin.create({
      valid,
      store,
      authorizer,
      defaultAuthorized,
      clock: deps.clock,
    }),
    guard: CostCenterGuard.create({ authorization }),
  };
}

import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import {
  CostCenter,
  costCenterManagePermission,
} from '@namespace-scheduler/backstage-plugin-common';
import { ManagedNamespaceRef } from '../catalog/NamespaceCatalog';
import { NamespaceAuthorizer } from '../permissions';
import { Clock, systemClock } from '../time/Clock';
import { CostCenterSource } from './CostCenterCatalog';
import { permissionOf } from './permissionOf';
import { normalizeGroupRefs } from './groupRefs';
import { declarationsOf, ValidCostCenters } from './ValidCostCenters';
import {
  CostCenterPermissionStore,
  CostCenterRecord,
} from '@namespace-scheduler/backstage-plugin-node';

type Deps = {
  valid: ValidCostCenters;
  store: CostCenterPermissionStore;
  authorizer: NamespaceAuthorizer;
  defaultAuthorized: boolean;
  clock: Clock;
};

type Overview = {
  declarations: CostCenterSource[];
  records: Map<string, CostCenterRecord>;
  namespaces: Map<string, ManagedNamespaceRef[]>;
};

/** The body of `POST /cost-centers/{cc}/permissions`. */
export type PermissionInput = {
  is_authorized: boolean;
  allowed_groups?: string[];
  note?: string;
};

/**
 * The admin page's view of cost centers: every one the catalog declares or a
 * permission record names, with its record; records are written by admins
 * only (costCenterManagePermission).
 */
export class CostCenterAdmin {
  static create(options: Omit<Deps, 'clock'> & { clock?: Clock }) {
    return new CostCenterAdmin({
      ...options,
      clock: options.clock ?? systemClock,
    });
  }

  private constructor(private readonly deps: Deps) {}

  /** Every cost center the catalog declares or a record names, by name. */
  async list(): Promise<CostCenter[]> {
    const overview = await this.overview();
    const names = new Set([
      ...overview.declarations.map(source => source.costCenter),
      ...overview.records.keys(),
      ...overview.namespaces.keys(),
    ]);
    return [...names].sort().map(name => this.costCenterOf(name, overview));
  }

  /** Creates or replaces the cost center's record. */
  async setPermission(
    costCenter: string,
    input: PermissionInput,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<CostCenter> {
    await this.deps.authorizer.assert(credentials, costCenterManagePermission);
    const allowedGroups = normalizeGroupRefs(
      input.allowed_groups ?? [],
      'allowed_groups',
    );
    await this.deps.store.put({
      costCenter,
      isAuthorized: input.is_authorized,
      allowedGroups,
      ...(input.note !== undefined && { note: input.note }),
      changedBy: credentials.principal.userEntityRef,
      changedAt: this.deps.clock.now(),
    });
    return this.costCenterOf(costCenter, await this.overview());
  }

  private async overview(): Promise<Overview> {
    const [declarations, records, namespaces] = await Promise.all([
      this.deps.valid.declarations(),
      this.deps.store.list(),
      this.deps.valid.namespacesByCostCenter(),
    ]);
    return {
      declarations,
      records: new Map(records.map(record => [record.costCenter, record])),
      namespaces,
    };
  }

  private costCenterOf(costCenter: string, overview: Overview): CostCenter {
    return {
      cost_center: costCenter,
      ...permissionOf(
        overview.records.get(costCenter),
        this.deps.defaultAuthorized,
      ),
      declared_by: declarationsOf(costCenter, overview.declarations),
      namespaces: overview.namespaces.get(costCenter) ?? [],
    };
  }
}

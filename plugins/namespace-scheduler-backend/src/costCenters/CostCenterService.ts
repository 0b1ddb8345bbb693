import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  CostCenter,
  CostCenterDeclaration,
  CostCenterPermission,
  CostCenterValidation,
  costCenterManagePermission,
  NamespaceCostCenter,
  namespaceReadPermission,
} from '@namespace-scheduler/backstage-plugin-common';
import {
  ManagedNamespaceRef,
  NamespaceCatalog,
} from '../catalog/NamespaceCatalog';
import { NamespaceAuthorizer } from '../permissions';
import { Clock, systemClock } from '../time/Clock';
import { CostCenterDirectory, CostCenterSource } from './CostCenterCatalog';
import {
  CostCenterPermissionStore,
  CostCenterRecord,
} from './CostCenterPermissionStore';
import { normalizeGroupRefs } from './groupRefs';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

type Overview = {
  declarations: CostCenterSource[];
  records: Map<string, CostCenterRecord>;
  namespaces: Map<string, ManagedNamespaceRef[]>;
};

/** Charging a namespace's operation or schedule to a cost center, on behalf of `user`. */
export type Charge = {
  costCenter: string;
  cluster?: string;
  namespace?: string;
  /** A user entity ref; anything else (`scheduler`) skips the allowed-groups check. */
  user?: string;
};

/** The body of seed 000 `POST /api/cost-centers/{cc}/permissions`. */
export type PermissionInput = {
  is_authorized: boolean;
  allowed_groups?: string[];
  note?: string;
};

/**
 * Cost-center governance (seed 000 property 2): a cost center may be charged
 * for a namespace when an entity claiming the namespace declares it (valid),
 * its permission record authorizes it (or, without a record, the configured
 * default does), and the user is a member of one of its allowed groups, if it
 * names any.
 */
export class CostCenterService {
  static create(options: {
    directory: CostCenterDirectory;
    store: CostCenterPermissionStore;
    authorizer: NamespaceAuthorizer;
    claims: Pick<NamespaceCatalog, 'claimOf' | 'allClaims'>;
    defaultAuthorized: boolean;
    clock?: Clock;
  }): CostCenterService {
    return new CostCenterService({
      ...options,
      clock: options.clock ?? systemClock,
    });
  }

  private constructor(
    private readonly deps: {
      directory: CostCenterDirectory;
      store: CostCenterPermissionStore;
      authorizer: NamespaceAuthorizer;
      claims: Pick<NamespaceCatalog, 'claimOf' | 'allClaims'>;
      defaultAuthorized: boolean;
      clock: Clock;
    },
  ) {}

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

  /** A claimed namespace's valid cost centers, and whether the caller may charge each. */
  async forNamespace(
    ref: ManagedNamespaceRef,
    credentials: BackstageCredentials,
  ): Promise<NamespaceCostCenter[]> {
    await this.assertReadable(ref, credentials);
    const sources = await this.deps.directory.validFor(ref);
    const user = userOf(credentials);
    const names = [...new Set(sources.map(source => source.costCenter))];
    return Promise.all(
      names.map(async costCenter => {
        const permission = this.permissionOf(
          await this.deps.store.get(costCenter),
        );
        const userAllowed = await this.userAllowed(permission, user);
        return {
          cost_center: costCenter,
          ...permission,
          declared_by: declarationsOf(costCenter, sources),
          chargeable: permission.is_authorized && userAllowed,
        };
      }),
    );
  }

  /** Seed 000's validate: for the calling user and, when given, a namespace. */
  async validate(
    costCenter: string,
    ref: ManagedNamespaceRef | undefined,
    credentials: UserCredentials,
  ): Promise<CostCenterValidation> {
    if (ref) await this.assertReadable(ref, credentials);
    return this.evaluate({ costCenter, ...ref, user: userOf(credentials) });
  }

  /** Creates or replaces the cost center's record; admins only (costCenterManagePermission). */
  async setPermission(
    costCenter: string,
    input: PermissionInput,
    credentials: UserCredentials,
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

  /** Throws a NotAllowedError naming the cost center and every reason it cannot be charged. */
  async assertChargeable(charge: Charge): Promise<void> {
    const { allowed, reasons } = await this.evaluate(charge);
    if (!allowed) {
      throw new NotAllowedError(
        `Cost center ${charge.costCenter} ${reasons.join('; ')}`,
      );
    }
  }

  /**
   * Throws a NotAllowedError when the cost center is not valid for the
   * namespace. Enough for operations that stop charges: sleeping must stay
   * possible after a cost center loses its authorization.
   */
  async assertValid(charge: Charge): Promise<void> {
    const { invalid } = await this.validity(charge);
    if (invalid) {
      throw new NotAllowedError(`Cost center ${charge.costCenter} ${invalid}`);
    }
  }

  /** The namespace's valid cost centers, in declaration order. */
  async validFor(ref: ManagedNamespaceRef): Promise<string[]> {
    const sources = await this.deps.directory.validFor(ref);
    return [...new Set(sources.map(source => source.costCenter))];
  }

  private async evaluate(charge: Charge): Promise<CostCenterValidation> {
    const { costCenter, cluster, namespace } = charge;
    const permission = this.permissionOf(await this.deps.store.get(costCenter));
    const [validity, userAllowed] = await Promise.all([
      this.validity(charge),
      this.userAllowed(permission, charge.user),
    ]);
    const reasons = [
      ...(validity.invalid ? [validity.invalid] : []),
      ...(permission.is_authorized ? [] : [unauthorizedReason(permission)]),
      ...(userAllowed ? [] : [groupsReason(permission)]),
    ];
    return {
      cost_center: costCenter,
      ...(cluster && namespace && { cluster, namespace }),
      valid: !validity.invalid,
      is_authorized: permission.is_authorized,
      user_allowed: userAllowed,
      allowed: reasons.length === 0,
      reasons,
      ...(validity.names && { valid_cost_centers: validity.names }),
    };
  }

  /** The namespace's valid cost centers, and why the charged one is not among them. */
  private async validity(
    charge: Charge,
  ): Promise<{ invalid?: string; names?: string[] }> {
    const { cluster, namespace, costCenter } = charge;
    if (!cluster || !namespace) return {};
    const sources = await this.deps.directory.validFor({ cluster, namespace });
    const names = [...new Set(sources.map(source => source.costCenter))];
    if (names.includes(costCenter)) return { names };
    const declared = names.length
      ? `declare ${names.join(', ')}`
      : 'declare no cost centers';
    return {
      invalid: `is not valid for ${cluster}/${namespace}: the entities claiming it ${declared}`,
      names,
    };
  }

  private async userAllowed(permission: CostCenterPermission, user?: string) {
    if (permission.allowed_groups.length === 0) return true;
    // Without a user (a service) membership cannot be shown.
    if (user === undefined) return false;
    // The runner's own operations (`scheduler`) are not a person's charge.
    if (!isUserRef(user)) return true;
    const membership = await this.deps.directory.membershipOf(user);
    return permission.allowed_groups.some(group => membership.includes(group));
  }

  private permissionOf(record?: CostCenterRecord): CostCenterPermission {
    if (!record) {
      return {
        is_authorized: this.deps.defaultAuthorized,
        allowed_groups: [],
        source: 'default',
      };
    }
    return {
      is_authorized: record.isAuthorized,
      allowed_groups: record.allowedGroups,
      source: 'record',
      ...(record.note !== undefined && { note: record.note }),
      changed_by: record.changedBy,
      changed_at: record.changedAt.toISOString(),
    };
  }

  private async overview(): Promise<Overview> {
    const [declarations, records, namespaces] = await Promise.all([
      this.deps.directory.declarations(),
      this.deps.store.list(),
      this.namespacesByCostCenter(),
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
      ...this.permissionOf(overview.records.get(costCenter)),
      declared_by: declarationsOf(costCenter, overview.declarations),
      namespaces: overview.namespaces.get(costCenter) ?? [],
    };
  }

  private async namespacesByCostCenter() {
    const claims = await this.deps.claims.allClaims();
    const result = new Map<string, ManagedNamespaceRef[]>();
    for (const { cluster, namespace } of claims) {
      const sources = await this.deps.directory.validFor({
        cluster,
        namespace,
      });
      for (const costCenter of new Set(
        sources.map(source => source.costCenter),
      )) {
        result.set(costCenter, [
          ...(result.get(costCenter) ?? []),
          { cluster, namespace },
        ]);
      }
    }
    return result;
  }

  private async assertReadable(
    ref: ManagedNamespaceRef,
    credentials: BackstageCredentials,
  ) {
    if (!(await this.deps.claims.claimOf(ref))) {
      throw new NotFoundError(
        `Namespace ${ref.namespace} on cluster ${ref.cluster} is not claimed by any catalog entity`,
      );
    }
    await this.deps.authorizer.assertNamespace(
      credentials,
      namespaceReadPermission,
      ref,
    );
  }
}

function declarationsOf(
  costCenter: string,
  sources: CostCenterSource[],
): CostCenterDeclaration[] {
  return sources
    .filter(source => source.costCenter === costCenter)
    .map(source => ({
      entity_ref: source.entityRef,
      ...(source.inheritedFrom && { inherited_from: source.inheritedFrom }),
    }));
}

function userOf(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
  };
  return principal.type === 'user' ? principal.userEntityRef : undefined;
}

function isUserRef(ref: string): boolean {
  try {
    return parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'user';
  } catch {
    return false;
  }
}

function unauthorizedReason(permission: CostCenterPermission): string {
  if (permission.source === 'default') {
    return 'is not authorized: it has no permission record, and cost centers without one are not authorized';
  }
  const note = permission.note ? `: ${permission.note}` : '';
  return `is not authorized (set by ${permission.changed_by} at ${permission.changed_at}${note})`;
}

function groupsReason(permission: CostCenterPermission): string {
  return `may only be charged by members of ${permission.allowed_groups.join(
    ', ',
  )}`;
}

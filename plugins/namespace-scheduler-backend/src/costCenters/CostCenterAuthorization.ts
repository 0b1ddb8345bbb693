import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  CostCenterPermission,
  CostCenterValidation,
  NamespaceCostCenter,
  namespaceReadPermission,
} from '@namespace-scheduler/backstage-plugin-common';
import {
  ManagedNamespaceRef,
  NamespaceCatalog,
} from '../catalog/NamespaceCatalog';
import { actingRefOf, NamespaceAuthorizer, userRefOf } from '../permissions';
import { CostCenterDirectory } from './CostCenterCatalog';
import { permissionOf } from './permissionOf';
import { ValidCostCenters } from './ValidCostCenters';
import { CostCenterPermissionStore } from '@namespace-scheduler/backstage-plugin-node';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/** Charging a namespace's operation or schedule to a cost center, on behalf of `user`. */
export type Charge = {
  costCenter: string;
  cluster?: string;
  namespace?: string;
  /** Who charges: a requester (a user, or a service acting as a group); anything else (`scheduler`) skips the allowed-groups check. */
  user?: string;
};

type Deps = {
  valid: ValidCostCenters;
  directory: Pick<CostCenterDirectory, 'membershipOf'>;
  store: Pick<CostCenterPermissionStore, 'get'>;
  authorizer: NamespaceAuthorizer;
  claims: Pick<NamespaceCatalog, 'claimOf'>;
  defaultAuthorized: boolean;
};

/**
 * May this charge be made: the cost center is valid for the namespace
 * (ValidCostCenters), its permission record authorizes it (or, without a
 * record, the configured default does), and the user is a member
 * of one of its allowed groups, if it names any.
 */
export class CostCenterAuthorization {
  static create(deps: Deps): CostCenterAuthorization {
    return new CostCenterAuthorization(deps);
  }

  private constructor(private readonly deps: Deps) {}

  /** A claimed namespace's valid cost centers, and whether the caller may charge each. */
  async forNamespace(
    ref: ManagedNamespaceRef,
    credentials: BackstageCredentials,
  ): Promise<NamespaceCostCenter[]> {
    await this.assertReadable(ref, credentials);
    const user = userRefOf(credentials);
    const declared = await this.deps.valid.declaredFor(ref);
    return Promise.all(
      declared.map(async ({ costCenter, declaredBy }) => {
        const permission = await this.permission(costCenter);
        const userAllowed = await this.userAllowed(permission, user);
        return {
          cost_center: costCenter,
          ...permission,
          declared_by: declaredBy,
          chargeable: permission.is_authorized && userAllowed,
        };
      }),
    );
  }

  /** `GET /cost-centers/{cc}/validate`: for the calling user and, when given, a namespace. */
  async validate(
    costCenter: string,
    ref: ManagedNamespaceRef | undefined,
    credentials: UserCredentials,
  ): Promise<CostCenterValidation> {
    if (ref) await this.assertReadable(ref, credentials);
    return this.evaluate({ costCenter, ...ref, user: userRefOf(credentials) });
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

  private async evaluate(charge: Charge): Promise<CostCenterValidation> {
    const { costCenter, cluster, namespace } = charge;
    const permission = await this.permission(costCenter);
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

  /** A charge without a namespace is valid: there is nothing to check it against. */
  private async validity(
    charge: Charge,
  ): Promise<{ invalid?: string; names?: string[] }> {
    const { cluster, namespace, costCenter } = charge;
    if (!cluster || !namespace) return {};
    return this.deps.valid.check(costCenter, { cluster, namespace });
  }

  private async permission(costCenter: string): Promise<CostCenterPermission> {
    const record = await this.deps.store.get(costCenter);
    return permissionOf(record, this.deps.defaultAuthorized);
  }

  private async userAllowed(permission: CostCenterPermission, user?: string) {
    if (permission.allowed_groups.length === 0) return true;
    // Without a user (a service) membership cannot be shown.
    if (user === undefined) return false;
    // The runner's own operations (`scheduler`) are not a person's charge; a
    // service acting as a group (ServiceCallers) charges as its member.
    const actor = actingRefOf(user);
    if (!isMemberRef(actor)) return true;
    const membership = await this.deps.directory.membershipOf(actor);
    return permission.allowed_groups.some(group => membership.includes(group));
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

/** A user, or a group (its own ref is in its membership). */
function isMemberRef(ref: string): boolean {
  try {
    const kind = parseEntityRef(ref).kind.toLocaleLowerCase('en-US');
    return kind === 'user' || kind === 'group';
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

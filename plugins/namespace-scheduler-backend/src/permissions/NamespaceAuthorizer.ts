import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  createServiceRef,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  NAMESPACE_RESOURCE_TYPE,
  toNamespaceResourceRef,
} from '@namespace-scheduler/backstage-plugin-common';
import { serviceSubjectOf, ServiceCallers } from './ServiceCallers';

type NamespacePermission = ResourcePermission<typeof NAMESPACE_RESOURCE_TYPE>;
type NamespaceRef = { cluster: string; namespace: string };

/** The owners of the entities claiming a namespace (the catalog's claim index). */
export type NamespaceOwners = {
  claimOf(ref: NamespaceRef): Promise<{ ownerRefs: string[] } | undefined>;
};

/**
 * The one place the plugin asks the permission framework, and decides who
 * a caller is. The framework allows service principals everything their
 * access restrictions allow, so a service's changes are decided here: by
 * the owners of the namespace, for the entity the service acts as
 * (ServiceCallers).
 */
export class NamespaceAuthorizer {
  static create(options: {
    permissions: PermissionsService;
    callers?: ServiceCallers;
    owners?: NamespaceOwners;
  }) {
    return new NamespaceAuthorizer(
      options.permissions,
      options.callers ?? ServiceCallers.none(),
      options.owners,
    );
  }

  private constructor(
    private readonly permissions: PermissionsService,
    private readonly callers: ServiceCallers,
    private readonly owners?: NamespaceOwners,
  ) {}

  /** The same authorizer, deciding services' changes by the claims' owners. */
  withOwners(owners: NamespaceOwners): NamespaceAuthorizer {
    return new NamespaceAuthorizer(this.permissions, this.callers, owners);
  }

  /**
   * The entity whose ownership counts for the caller: the user, or the entity
   * a service acts as; a NotAllowedError for a service that may only read.
   */
  actorOf(credentials: BackstageCredentials): string {
    return this.callers.actorOf(credentials);
  }

  /**
   * Who is asking, as activities and schedules record it (the user, or
   * `service:<subject> (as <entity>)`); a NotAllowedError for a service that
   * may only read.
   */
  requesterOf(credentials: BackstageCredentials): string {
    return this.callers.requesterOf(credentials);
  }

  /** Which of the namespaces the user may act on with `permission`. */
  async filter<T extends { cluster: string; namespace: string }>(
    credentials: BackstageCredentials,
    permission: NamespacePermission,
    namespaces: T[],
  ): Promise<T[]> {
    if (namespaces.length === 0) return [];
    const decisions = await this.permissions.authorize(
      namespaces.map(ns => ({
        permission,
        resourceRef: toNamespaceResourceRef(ns),
      })),
      { credentials },
    );
    const allowed = namespaces.filter(
      (_, i) => decisions[i].result === AuthorizeResult.ALLOW,
    );
    const subject = serviceSubjectOf(credentials);
    if (!isChange(permission) || subject === undefined) return allowed;
    return this.ownedBy(this.callers.actsAs(subject), allowed);
  }

  private async ownedBy<T extends NamespaceRef>(
    actor: string | undefined,
    namespaces: T[],
  ): Promise<T[]> {
    const owners = this.owners;
    if (!owners || !actor) return [];
    const owned = await Promise.all(
      namespaces.map(async ns =>
        (await owners.claimOf(ns))?.ownerRefs.includes(actor),
      ),
    );
    return namespaces.filter((_, i) => owned[i]);
  }

  /** Throws NotAllowedError unless the user may act on the namespace. */
  async assertNamespace(
    credentials: BackstageCredentials,
    permission: NamespacePermission,
    ref: { cluster: string; namespace: string },
  ): Promise<void> {
    // An unmapped service is told how to map it.
    if (isChange(permission)) this.callers.actorOf(credentials);
    const allowed = await this.filter(credentials, permission, [ref]);
    if (allowed.length === 0) {
      throw new NotAllowedError(
        `${permission.name} is not allowed on ${toNamespaceResourceRef(ref)}`,
      );
    }
  }

  /** Throws NotAllowedError unless the user holds the basic permission. */
  async assert(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<void> {
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`${permission.name} is not allowed`);
    }
  }
}

function isChange(permission: NamespacePermission): boolean {
  return permission.attributes.action !== 'read';
}

/**
 * The authorizer as a plugin-scoped service, so routes and modules share one
 * and tests can replace it.
 */
export const namespaceAuthorizerServiceRef =
  createServiceRef<NamespaceAuthorizer>({
    id: 'namespace-scheduler.authorizer',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          permissions: coreServices.permissions,
          config: coreServices.rootConfig,
        },
        factory: ({ permissions, config }) =>
          NamespaceAuthorizer.create({
            permissions,
            callers: ServiceCallers.fromConfig(config),
          }),
      }),
  });

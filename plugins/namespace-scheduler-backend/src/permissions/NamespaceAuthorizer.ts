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

type NamespacePermission = ResourcePermission<typeof NAMESPACE_RESOURCE_TYPE>;

/** The one place the plugin asks the permission framework. */
export class NamespaceAuthorizer {
  static create(options: { permissions: PermissionsService }) {
    return new NamespaceAuthorizer(options.permissions);
  }

  private constructor(private readonly permissions: PermissionsService) {}

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
    return namespaces.filter(
      (_, i) => decisions[i].result === AuthorizeResult.ALLOW,
    );
  }

  /** Throws NotAllowedError unless the user may act on the namespace. */
  async assertNamespace(
    credentials: BackstageCredentials,
    permission: NamespacePermission,
    ref: { cluster: string; namespace: string },
  ): Promise<void> {
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
        deps: { permissions: coreServices.permissions },
        factory: deps => NamespaceAuthorizer.create(deps),
      }),
  });

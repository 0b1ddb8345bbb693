import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  NAMESPACE_RESOURCE_TYPE,
  namespaceReadPermission,
  namespaceSchedulerPermissions,
} from '@namespace-scheduler/backstage-plugin-common';
import {
  createNamespaceSchedulerConditionalDecision,
  namespaceSchedulerConditions,
} from '@namespace-scheduler/backstage-plugin-node';

/** @public */
export interface NamespaceSchedulerPolicyOptions {
  /** Entity refs of the groups (or users) that may do everything. */
  adminGroups: string[];
  userInfo: UserInfoService;
}

/**
 * Decides the Namespace Scheduler's permissions, or answers undefined for
 * any other permission, so that a portal's own policy can call it first:
 * - members of an admin group may do everything;
 * - anyone signed in may read namespaces;
 * - the owners of an entity claiming a namespace (the user or one of their
 *   groups) may operate it and manage its schedules;
 * - nobody else may use the plugin's other permissions.
 *
 * @public
 */
export async function decideNamespaceSchedulerPermission(
  options: NamespaceSchedulerPolicyOptions,
  request: PolicyQuery,
  user?: PolicyQueryUser,
): Promise<PolicyDecision | undefined> {
  const { permission } = request;
  if (!namespaceSchedulerPermissions.some(p => p.name === permission.name)) {
    return undefined;
  }
  if (permission.name === namespaceReadPermission.name) {
    return { result: AuthorizeResult.ALLOW };
  }
  if (!user) return { result: AuthorizeResult.DENY };
  const { ownershipEntityRefs: claims } = await options.userInfo.getUserInfo(
    user.credentials,
  );
  if (claims.some(ref => options.adminGroups.includes(ref))) {
    return { result: AuthorizeResult.ALLOW };
  }
  if (!isResourcePermission(permission, NAMESPACE_RESOURCE_TYPE)) {
    return { result: AuthorizeResult.DENY };
  }
  return createNamespaceSchedulerConditionalDecision(
    permission,
    namespaceSchedulerConditions.isNamespaceOwner({ claims }),
  );
}

/**
 * A whole permission policy: the Namespace Scheduler's permissions as
 * {@link decideNamespaceSchedulerPermission} decides them, every other
 * permission allowed — what a portal created with `@backstage/create-app`
 * (allow-all policy) gets when it adds this module.
 *
 * @public
 */
export class NamespaceSchedulerPolicy implements PermissionPolicy {
  constructor(private readonly options: NamespaceSchedulerPolicyOptions) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    return (
      (await decideNamespaceSchedulerPermission(
        this.options,
        request,
        user,
      )) ?? { result: AuthorizeResult.ALLOW }
    );
  }
}

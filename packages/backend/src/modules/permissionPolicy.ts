import {
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
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
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  NAMESPACE_RESOURCE_TYPE,
  namespaceReadPermission,
  namespaceSchedulerPermissions,
} from '@namespace-scheduler/backstage-plugin-common';
import {
  createNamespaceSchedulerConditionalDecision,
  namespaceSchedulerConditions,
} from '@namespace-scheduler/backstage-plugin-backend';

/**
 * The demo portal's policy for the Namespace Scheduler:
 * - members of an admin group may do everything;
 * - anyone may read namespaces;
 * - owners (the user or one of their groups owns an entity claiming the
 *   namespace) may operate and schedule it;
 * - nobody else may use the plugin's other permissions.
 * Permissions of other plugins are allowed (a demo portal).
 */
export class NamespaceSchedulerDemoPolicy implements PermissionPolicy {
  constructor(
    private readonly adminGroups: string[],
    private readonly userInfo: UserInfoService,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!namespaceSchedulerPermissions.some(p => p.name === permission.name)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (permission.name === namespaceReadPermission.name) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!user) return { result: AuthorizeResult.DENY };
    const { ownershipEntityRefs: claims } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    if (claims.some(ref => this.adminGroups.includes(ref))) {
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
}

/** Installs the demo policy; admin groups from `namespaceScheduler.adminGroups`. */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'namespace-scheduler-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, userInfo }) {
        const adminGroups = config.getOptionalStringArray(
          'namespaceScheduler.adminGroups',
        ) ?? ['group:default/platform-team'];
        policy.setPolicy(
          new NamespaceSchedulerDemoPolicy(adminGroups, userInfo),
        );
      },
    });
  },
});

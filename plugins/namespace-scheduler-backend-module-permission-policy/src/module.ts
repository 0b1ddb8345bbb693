import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { NamespaceSchedulerPolicy } from './NamespaceSchedulerPolicy';

/** Admins when `namespaceScheduler.adminGroups` is not set. */
const DEFAULT_ADMIN_GROUPS = ['group:default/platform-team'];

/**
 * Installs {@link NamespaceSchedulerPolicy} as the portal's permission
 * policy, with the admin groups of `namespaceScheduler.adminGroups`.
 *
 * @public
 */
export const permissionModuleNamespaceSchedulerPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'namespace-scheduler-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, userInfo }) {
        const adminGroups =
          config.getOptionalStringArray('namespaceScheduler.adminGroups') ??
          DEFAULT_ADMIN_GROUPS;
        policy.setPolicy(
          new NamespaceSchedulerPolicy({ adminGroups, userInfo }),
        );
      },
    });
  },
});

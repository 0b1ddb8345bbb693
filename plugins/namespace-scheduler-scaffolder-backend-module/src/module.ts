import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createNamespaceSchedulerActions } from './actions';
import { SchedulerApi } from './api/SchedulerApi';

/**
 * Adds the Namespace Scheduler's actions to the scaffolder:
 * `namespace-scheduler:schedule:create`, `namespace-scheduler:sleep` and
 * `namespace-scheduler:wake`. They call the plugin's API on behalf of the
 * user running the template.
 *
 * @public
 */
export const scaffolderModuleNamespaceScheduler = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'namespace-scheduler',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, discovery, auth, config }) {
        scaffolder.addActions(
          ...createNamespaceSchedulerActions({
            api: SchedulerApi.create({ discovery, auth }),
            defaultCluster: config.getOptionalString(
              'namespaceScheduler.defaultCluster',
            ),
          }),
        );
      },
    });
  },
});

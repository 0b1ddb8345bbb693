import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ScheduleAnnotationProcessor } from './ScheduleAnnotationProcessor';

/**
 * Adds {@link ScheduleAnnotationProcessor} to the catalog.
 *
 * @public
 */
export const catalogModuleNamespaceSchedulerSchedules = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'namespace-scheduler-schedules',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ catalog, config }) {
        catalog.addProcessor(ScheduleAnnotationProcessor.fromConfig(config));
      },
    });
  },
});

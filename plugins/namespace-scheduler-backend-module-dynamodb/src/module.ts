import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { namespaceSchedulerStoresExtensionPoint } from '@namespace-scheduler/backstage-plugin-node';
import { createDynamoDbStores } from './createDynamoDbStores';

/**
 * Keeps the Namespace Scheduler's activity log (and, with
 * `namespaceScheduler.dynamodb.tables.costCenterPermissions`, cost-center
 * permissions) in DynamoDB. Installing the module is the choice; its config
 * is `namespaceScheduler.dynamodb` (docs/dynamodb.md).
 *
 * @public
 */
export const namespaceSchedulerModuleDynamoDb = createBackendModule({
  pluginId: 'namespace-scheduler',
  moduleId: 'dynamodb',
  register(reg) {
    reg.registerInit({
      deps: {
        stores: namespaceSchedulerStoresExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
      },
      async init({ stores, config, logger, lifecycle }) {
        const dynamo = await createDynamoDbStores({ config, logger });
        lifecycle.addShutdownHook(() => dynamo.close());
        stores.setStores(dynamo.stores);
      },
    });
  },
});

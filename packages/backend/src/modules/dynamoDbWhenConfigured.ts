import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';
import dynamoDbModule from '@namespace-scheduler/backstage-plugin-backend-module-dynamodb';

/**
 * The demo's image serves every overlay: the DynamoDB activity store module
 * is loaded only when the config has a `namespaceScheduler.dynamodb` block
 * (manifests/overlays/production shows one). A portal of your own that
 * wants DynamoDB just adds the module, unconditionally.
 */
export default createBackendFeatureLoader({
  deps: { config: coreServices.rootConfig },
  *loader({ config }) {
    if (config.has('namespaceScheduler.dynamodb')) {
      yield dynamoDbModule;
    }
  },
});

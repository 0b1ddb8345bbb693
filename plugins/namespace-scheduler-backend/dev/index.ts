import { createBackend } from '@backstage/backend-defaults';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { startKubeSandbox } from '@namespace-scheduler/kube-sandbox';
import path from 'node:path';
import { namespaceSchedulerClustersExtensionPoint } from '@namespace-scheduler/backstage-plugin-node';

/*
 * The plugin on its own, for working on the backend without the portal:
 * `yarn start` in this package. Auth and permissions are mocked (every
 * request is the mock user and allowed; cost centers without a record are
 * authorized), the catalog holds
 * one component claiming the sandbox's shop-dev, and the cluster is the
 * in-process sandbox seeded from examples/sandbox. Try:
 *
 *   curl localhost:7007/api/namespace-scheduler/namespaces/sandbox/shop-dev
 *   curl -X POST localhost:7007/api/namespace-scheduler/namespaces/sandbox/shop-dev/sleep \
 *     -H 'Content-Type: application/json' -d '{"costCenter": "CC-1001", "dryRun": true}'
 */
const sandboxCluster = createBackendModule({
  pluginId: 'namespace-scheduler',
  moduleId: 'dev-sandbox',
  register(reg) {
    reg.registerInit({
      deps: { clusters: namespaceSchedulerClustersExtensionPoint },
      async init({ clusters }) {
        const sandbox = await startKubeSandbox({
          name: 'sandbox',
          seedDir: path.resolve(__dirname, '../../../examples/sandbox'),
        });
        clusters.addCluster({
          name: 'sandbox',
          kubeConfig: sandbox.kubeConfigYaml(),
        });
      },
    });
  },
});

const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(mockServices.permissions.factory());
backend.add(
  mockServices.rootConfig.factory({
    data: {
      backend: {
        baseUrl: 'http://localhost:7007',
        listen: { port: 7007 },
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
      namespaceScheduler: {
        defaultCluster: 'sandbox',
        costCenters: { defaultAuthorized: true },
      },
    },
  }),
);
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'shop-api',
          annotations: {
            'backstage.io/kubernetes-namespace': 'shop-dev',
            'namespace-scheduler/cost-centers': 'CC-1001',
          },
        },
        spec: { type: 'service', owner: 'group:default/team-commerce' },
      },
    ],
  }),
);
backend.add(sandboxCluster);
backend.add(import('../src'));
backend.start();

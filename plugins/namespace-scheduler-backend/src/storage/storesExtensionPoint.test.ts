import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  ActivityStore,
  namespaceSchedulerStoresExtensionPoint,
} from '@namespace-scheduler/backstage-plugin-node';
import request from 'supertest';
import { namespaceSchedulerPlugin } from '../plugin';

/** An activity store that knows one activity list: empty, from a module. */
const moduleActivities: ActivityStore = {
  record: jest.fn(),
  get: jest.fn(),
  list: jest.fn(async () => ({ items: [], next_cursor: 'from-the-module' })),
  periodRecords: jest.fn(async () => []),
};

function storesModule(moduleId: string) {
  return createBackendModule({
    pluginId: 'namespace-scheduler',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: { stores: namespaceSchedulerStoresExtensionPoint },
        async init({ stores }) {
          stores.setStores({ activities: moduleActivities });
        },
      });
    },
  });
}

const config = mockServices.rootConfig.factory({
  data: { namespaceScheduler: {} },
});

describe('namespaceSchedulerStoresExtensionPoint', () => {
  it('serves the activity log from the store a module sets', async () => {
    const { server } = await startTestBackend({
      features: [namespaceSchedulerPlugin, storesModule('remote'), config],
    });
    const res = await request(server)
      .get('/api/namespace-scheduler/activities')
      .set('Authorization', mockCredentials.user.header());
    expect(res.body).toEqual({ items: [], next_cursor: 'from-the-module' });
  });

  it('fails startup when two modules set stores', async () => {
    await expect(
      startTestBackend({
        features: [
          namespaceSchedulerPlugin,
          storesModule('one'),
          storesModule('two'),
          config,
        ],
      }),
    ).rejects.toThrow(/already set by another module/);
  });
});

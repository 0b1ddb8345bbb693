import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  ActivityStore,
  CostCenterPermissionStore,
  NamespaceSchedulerStores,
  ReplayableActivityStore,
} from '@namespace-scheduler/backstage-plugin-node';
import { KnexActivityStore } from '../activity';
import { QueueingActivityStore } from '../activity/outbox';
import { KnexCostCenterPermissionStore } from '../costCenters';
import { migrateUp } from '../database/migrations';
import { createStores } from './createStores';

// Stand-ins: createStores only passes a module's stores on, it never calls them.
const moduleActivities: ReplayableActivityStore = {
  prepare: jest.fn(),
  write: jest.fn(),
  record: jest.fn(),
  get: jest.fn(),
  list: jest.fn(),
  periodRecords: jest.fn(),
};
const modulePermissions: CostCenterPermissionStore = {
  get: jest.fn(),
  list: jest.fn(),
  put: jest.fn(),
  seed: jest.fn(),
};
const readiness = { name: 'remote', check: async () => {} };

describe('createStores', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function open(
    namespaceScheduler: object,
    fromModule?: NamespaceSchedulerStores,
  ) {
    const knex = await databases.init('SQLITE_3');
    await migrateUp(knex);
    return createStores({
      config: new ConfigReader({ namespaceScheduler }),
      logger: mockServices.logger.mock(),
      knex,
      fromModule,
    });
  }

  it('keeps everything in the portal database when no module sets stores', async () => {
    const stores = await open({});
    expect(stores.activities).toBeInstanceOf(KnexActivityStore);
    expect(stores.costCenterPermissions).toBeInstanceOf(
      KnexCostCenterPermissionStore,
    );
    expect(stores.outboxTask).toBeUndefined();
    expect(stores.readinessChecks).toEqual([]);
  });

  it('puts a module activity store behind the outbox when the module asks, replayed on its schedule', async () => {
    const queued = await open(
      {},
      {
        activities: moduleActivities,
        outbox: { isWorthQueueing: () => true, replaySeconds: 5 },
        readinessChecks: [readiness],
      },
    );
    expect(queued.activities).toBeInstanceOf(QueueingActivityStore);
    expect(queued.outboxTask).toMatchObject({ frequency: { seconds: 5 } });
    expect(queued.readinessChecks).toEqual([readiness]);
    // Permissions stay in the portal database unless the module sets them.
    expect(queued.costCenterPermissions).toBeInstanceOf(
      KnexCostCenterPermissionStore,
    );

    const plain: ActivityStore = moduleActivities;
    const direct = await open(
      {},
      { activities: plain, costCenterPermissions: modulePermissions },
    );
    expect(direct.activities).toBe(plain);
    expect(direct.costCenterPermissions).toBe(modulePermissions);
    expect(direct.outboxTask).toBeUndefined();
  });

  it('fails startup when activityStore disagrees with the modules installed', async () => {
    await expect(open({ activityStore: 'dynamodb' })).rejects.toThrow(
      /activityStore is "dynamodb", but no activity store module is installed: add @namespace-scheduler\/backstage-plugin-backend-module-dynamodb/,
    );
    await expect(
      open({ activityStore: 'database' }, { activities: moduleActivities }),
    ).rejects.toThrow(/a module sets the activity store/);
    await expect(open({ activityStore: 'cassandra' })).rejects.toThrow(
      /activityStore: must be "database" or "dynamodb"/,
    );
    await expect(
      open({ activityStore: 'dynamodb' }, { activities: moduleActivities }),
    ).resolves.toBeDefined();
  });
});

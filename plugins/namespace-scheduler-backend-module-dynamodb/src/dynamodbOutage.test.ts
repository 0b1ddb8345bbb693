import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Activity } from '@namespace-scheduler/backstage-plugin-common';
import { namespaceSchedulerClustersExtensionPoint } from '@namespace-scheduler/backstage-plugin-node';
import {
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import path from 'node:path';
import request from 'supertest';
// The plugin this module extends, to test the two together in one backend.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import namespaceSchedulerPlugin from '@namespace-scheduler/backstage-plugin-backend';
import namespaceSchedulerModuleDynamoDb from './index';
import {
  dynamoDbConfig,
  startDynamoDbLocal,
  TestDynamoDb,
} from './__testUtils__/dynamoDbLocal';

const SANDBOX_SEED_DIR = path.resolve(__dirname, '../../../examples/sandbox');

const ALWAYS = {
  days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  start: '00:00',
  end: '24:00',
};

/** A component claiming two sandbox namespaces, owned by a team with cost center CC-1001. */
const ENTITIES = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'shop-api',
      namespace: 'default',
      annotations: {
        'namespace-scheduler/namespaces':
          'sandbox/shop-staging, sandbox/payments-dev',
        'namespace-scheduler/cost-centers': 'CC-1001',
      },
    },
    spec: { type: 'service', owner: 'team-commerce' },
  },
];

/** The sandbox as the plugin's cluster `sandbox`. */
function sandboxCluster(sandbox: KubeSandbox) {
  return createBackendModule({
    pluginId: 'namespace-scheduler',
    moduleId: 'test-sandbox',
    register(reg) {
      reg.registerInit({
        deps: { clusters: namespaceSchedulerClustersExtensionPoint },
        async init({ clusters }) {
          clusters.addCluster({
            name: 'sandbox',
            kubeConfig: sandbox.kubeConfigYaml(),
          });
        },
      });
    },
  });
}

jest.setTimeout(90_000);

/**
 * DynamoDB goes away mid-run: the plugin, with this module installed, keeps
 * sleeping and waking namespaces, queues their activity records in the
 * portal database, and writes every one of them exactly once when DynamoDB
 * is back.
 */
describe('activity log on DynamoDB during an outage', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let sandbox: KubeSandbox;
  let dynamo: TestDynamoDb;

  beforeAll(async () => {
    dynamo = await startDynamoDbLocal({ persistent: true });
    sandbox = await startKubeSandbox({ seedDir: SANDBOX_SEED_DIR });
  });
  afterAll(async () => {
    await sandbox?.close();
    await dynamo?.dispose();
  });

  it('keeps operating, queues activity writes and flushes each exactly once', async () => {
    const knex = await databases.init('SQLITE_3');
    const config = dynamoDbConfig(dynamo);
    const { activities } = config.dynamodb.tables;
    const { server } = await startTestBackend({
      features: [
        namespaceSchedulerPlugin,
        namespaceSchedulerModuleDynamoDb,
        sandboxCluster(sandbox),
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: ENTITIES }),
        mockServices.rootConfig.factory({
          data: {
            namespaceScheduler: {
              defaultCluster: 'sandbox',
              costCenters: { defaultAuthorized: true },
              // Business hours never end: the off-hours limit stays out of the way.
              offHours: { businessHours: ALWAYS },
              // Permissions stay in the portal database, so governance keeps answering.
              dynamodb: {
                ...config.dynamodb,
                tables: { activities },
                outboxFlushSeconds: 1,
              },
            },
          },
        }),
      ],
    });
    const api = (method: 'get' | 'post', url: string) =>
      request(server)
        [method](`/api/namespace-scheduler${url}`)
        .set('Authorization', mockCredentials.user.header());
    const operate = async (namespace: string, operation: string) => {
      const res = await api(
        'post',
        `/namespaces/sandbox/${namespace}/${operation}`,
      ).send({ costCenter: 'CC-1001' });
      expect(res.status).toBe(200);
      expect(res.body.result.success).toBe(true);
      return res.body.activityId as string;
    };
    const listAll = () => api('get', '/activities?limit=500');

    const recorded = [
      await operate('shop-staging', 'wake'),
      await operate('payments-dev', 'wake'),
    ];

    await dynamo.stop();
    recorded.push(
      await operate('shop-staging', 'sleep'),
      await operate('payments-dev', 'sleep'),
      // A wake needs no activity read: originals come from the annotations.
      await operate('payments-dev', 'wake'),
    );
    expect((await listAll()).status).toBe(503);
    expect(await knex('ns_activity_outbox').count({ n: '*' })).toEqual([
      { n: 3 },
    ]);
    // Queued records can still be read one by one.
    const queued = await api('get', `/activities/${recorded[2]}`);
    expect(queued.body).toMatchObject({
      operation: 'sleep',
      status: 'completed',
    });

    await dynamo.start();
    recorded.push(await operate('shop-staging', 'wake'));

    const items = await waitForActivities(listAll, recorded.length);
    expect(items.map(a => a.id).sort()).toEqual([...recorded].sort());
    expect(await knex('ns_activity_outbox').count({ n: '*' })).toEqual([
      { n: 0 },
    ]);
    // Replayed in order: the sleeps completed the first wakes, the last wakes are open.
    const byId = new Map(items.map(a => [a.id, a]));
    expect(byId.get(recorded[0])).toMatchObject({
      status: 'completed',
      timestamp_end: byId.get(recorded[2])?.timestamp_end,
    });
    expect(byId.get(recorded[1])).toMatchObject({ status: 'completed' });
    expect(byId.get(recorded[4])).toMatchObject({ status: 'active' });
    expect(byId.get(recorded[5])).toMatchObject({ status: 'active' });
    expect(items.filter(a => a.status === 'active')).toHaveLength(2);
  });
});

/** Lists until `count` activities are there; reading also replays the queue. */
async function waitForActivities(
  listAll: () => request.Test,
  count: number,
): Promise<Activity[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await listAll();
    const items: Activity[] = res.status === 200 ? res.body.items : [];
    if (items.length >= count || Date.now() > deadline) return items;
    await new Promise(r => setTimeout(r, 250));
  }
}

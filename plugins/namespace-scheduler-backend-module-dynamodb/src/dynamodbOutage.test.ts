import { TestDatabases } from '@backstage/backend-test-utils';
import {
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import request from 'supertest';
import { Activity } from '@namespace-scheduler/backstage-plugin-common';
import {
  dynamoDbConfig,
  startDynamoDbLocal,
  TestDynamoDb,
} from '../__testUtils__/dynamoDbLocal';
import {
  componentClaiming,
  SANDBOX_SEED_DIR,
  startPluginBackend,
} from '../__testUtils__/startPluginBackend';
import { pluginApi } from '../__testUtils__/pluginApi';

jest.setTimeout(90_000);

/**
 * DynamoDB goes away mid-run: the plugin keeps sleeping and waking namespaces, queues
 * their activity records in the portal database, and writes every one of
 * them exactly once when DynamoDB is back.
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
    const server = await startPluginBackend({
      sandbox,
      database: knex,
      entities: [
        componentClaiming(
          'shop-api',
          'sandbox/shop-staging, sandbox/payments-dev',
        ),
      ],
      config: {
        ...config,
        // Permissions stay in the portal database, so governance keeps answering.
        dynamodb: {
          ...config.dynamodb,
          tables: { activities },
          outboxFlushSeconds: 1,
        },
      },
    });
    const api = pluginApi(server);
    const operate = async (namespace: string, operation: string) => {
      const res = await api.post(
        `/namespaces/sandbox/${namespace}/${operation}`,
        { costCenter: 'CC-1001' },
      );
      expect(res.status).toBe(200);
      expect(res.body.result.success).toBe(true);
      return res.body.activityId as string;
    };
    const listAll = () => api.get('/activities?limit=500');

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
    const queued = await api.get(`/activities/${recorded[2]}`);
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

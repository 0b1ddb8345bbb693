import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { ConfigReader } from '@backstage/config';
import { prepareActivity } from '@namespace-scheduler/backstage-plugin-node';
import { mockOperationResult } from '@namespace-scheduler/backstage-plugin-node/testUtils';
import { dynamoDbConfig } from './__testUtils__/dynamoDbLocal';
import { dynamoDbStores } from './__testUtils__/dynamoDbStores';
import { DynamoActivityStore } from './DynamoActivityStore';
import { readDynamoDbConfig } from './config';
import { DynamoDbAccess } from './DynamoDbAccess';
import { isWorthQueueing } from './errors';

jest.setTimeout(60_000);

const T0 = Date.parse('2026-11-23T07:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

const SHOP_DEV = { cluster: 'sandbox', namespace: 'shop-dev' };

const newActivity = (operation: 'wake' | 'sleep', minutes: number) => ({
  ...SHOP_DEV,
  operation,
  costCenter: 'CC-1001',
  requestedBy: 'scheduler',
  timestampStart: at(minutes),
  timestampEnd: at(minutes),
  result: mockOperationResult({ operation, ...SHOP_DEV }),
});

describe('DynamoDB stores', () => {
  const dynamo = dynamoDbStores();
  const { open } = dynamo;

  /** Another client on the tables `config` names, to write as a replay would. */
  function directStore(config: ReturnType<typeof dynamoDbConfig>) {
    const access = DynamoDbAccess.create(
      readDynamoDbConfig(new ConfigReader({ namespaceScheduler: config })),
    );
    return {
      store: DynamoActivityStore.create({
        access,
        tableName: config.dynamodb.tables.activities,
      }),
      access,
    };
  }

  it('fails startup with what to do when a table is missing or different, and creates tables when allowed', async () => {
    const config = dynamo.config();
    await expect(
      open({
        ...config,
        dynamodb: { ...config.dynamodb, createTables: false },
      }),
    ).rejects.toThrow(
      new RegExp(
        `DynamoDB table ${config.dynamodb.tables.activities} does not exist.*docs/dynamodb.md.*createTables: true`,
      ),
    );

    const { access } = directStore(config);
    await access.client.send(
      new CreateTableCommand({
        TableName: config.dynamodb.tables.activities,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'namespace_name', AttributeType: 'S' },
        ],
        KeySchema: [{ AttributeName: 'namespace_name', KeyType: 'HASH' }],
      }),
    );
    access.close();
    await expect(open(config)).rejects.toThrow(
      /does not match docs\/dynamodb.md: key schema is namespace_name HASH, expected namespace_name HASH, timestamp_start RANGE; global secondary index cost-center-timestamp-index/,
    );

    const fresh = dynamo.config();
    const stores = await open(fresh);
    expect(stores.outbox).toMatchObject({ replaySeconds: 15 });
    // A second start finds the tables as they should be.
    await open({
      ...fresh,
      dynamodb: { ...fresh.dynamodb, createTables: false },
    });
  });

  it('lands a replayed write once, and a late replay never completes a newer record', async () => {
    const config = dynamo.config();
    await open(config);
    const { store, access } = directStore(config);
    try {
      const wake = prepareActivity(newActivity('wake', 0), 'open');
      await store.write(wake, 'open');
      await store.write(wake, 'open');
      const sleep = prepareActivity(newActivity('sleep', 60), 'close');
      const newerWake = prepareActivity(newActivity('wake', 120), 'open');
      await store.write(newerWake, 'open');
      // Written after the newer wake, as a replay from the outbox might be.
      await store.write(sleep, 'close');
      await store.write(sleep, 'close');

      const { items } = await store.list({});
      expect(items.map(a => a.id)).toEqual([newerWake.id, sleep.id, wake.id]);
      expect(await store.get(newerWake.id)).toMatchObject({ status: 'active' });
      expect(await store.get(wake.id)).toMatchObject({
        status: 'completed',
        duration_minutes: 120,
      });

      // A wake older than the open record is recorded as superseded by it.
      const lateWake = prepareActivity(newActivity('wake', 90), 'open');
      await store.write(lateWake, 'open');
      expect(await store.get(lateWake.id)).toMatchObject({
        status: 'completed',
        timestamp_end: at(120).toISOString(),
        duration_minutes: 30,
      });
      expect(await store.get(newerWake.id)).toMatchObject({ status: 'active' });
    } finally {
      access.close();
    }
  });

  it('starts while DynamoDB cannot be reached, and fails writes fast with errors worth queueing', async () => {
    const config = dynamo.config();
    // Tables cannot be checked: startup warns instead of failing.
    const cut = await open({
      ...config,
      dynamodb: { ...config.dynamodb, endpoint: 'http://127.0.0.1:9' },
    });
    const started = Date.now();
    for (let i = 0; i < 6; i++) {
      const failure = await cut.activities
        .record(newActivity('wake', i), 'open')
        .catch(error => error);
      expect(isWorthQueueing(failure)).toBe(true);
    }
    // The breaker opens after a few failures: the plugin queues the rest at once.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('asks /health/ready to check the permission table only when permissions live in DynamoDB', async () => {
    const config = dynamo.config();
    const { activities } = config.dynamodb.tables;
    const alone = await open({
      ...config,
      dynamodb: { ...config.dynamodb, tables: { activities } },
    });
    expect(alone.readinessChecks).toBeUndefined();

    const both = await open(config);
    const [check] = both.readinessChecks ?? [];
    expect(check.name).toBe('dynamodb');
    await check.check(new AbortController().signal);
  });
});

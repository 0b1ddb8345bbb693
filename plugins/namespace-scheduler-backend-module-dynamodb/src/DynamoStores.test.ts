import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import { awakeRecordOf } from '@namespace-scheduler/backstage-plugin-common';
import { KnexActivityOutbox } from '../activity/outbox';
import { prepareActivity } from '../activity/prepareActivity';
import { KnexCostCenterPermissionStore } from '../costCenters';
import { CostCenterPermissionStore } from '../costCenters/CostCenterPermissionStore';
import { migrateUp } from '../database/migrations';
import { dynamoDbConfig } from '../__testUtils__/dynamoDbLocal';
import { dynamoDbStores } from '../__testUtils__/dynamoDbStores';
import { operationResult } from '../__testUtils__/fakeEngine';
import { DynamoActivityStore } from './DynamoActivityStore';
import { readDynamoDbConfig } from './config';
import { DynamoDbAccess } from './DynamoDbAccess';

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
  result: operationResult({ operation, ...SHOP_DEV }),
});

describe('DynamoDB stores', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const dynamo = dynamoDbStores(databases);
  const { open } = dynamo;

  /** The DynamoDB store behind the queue, on the tables `config` names. */
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

  it('keeps activities in the portal database unless app-config says dynamodb', async () => {
    const { stores } = await open({});
    expect(stores.outboxTask).toBeUndefined();
    await expect(open({ activityStore: 'cassandra' })).rejects.toThrow(
      /activityStore: must be "database" or "dynamodb"/,
    );
  });

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
    const { stores } = await open(fresh);
    expect(stores.outboxTask).toMatchObject({ frequency: { seconds: 15 } });
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

  it('queues writes while DynamoDB cannot be reached and says reads are unavailable', async () => {
    const config = dynamo.config();
    const unreachable = {
      ...config,
      dynamodb: { ...config.dynamodb, endpoint: 'http://127.0.0.1:9' },
    };
    // Tables cannot be checked: startup warns instead of failing.
    const { stores: cut, knex } = await open(unreachable);
    const started = Date.now();
    const recorded = [];
    for (let i = 0; i < 6; i++) {
      recorded.push(
        await cut.activities.record(newActivity('wake', i), 'open'),
      );
    }
    // The breaker opens after a few failures: later writes queue at once.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(recorded[5]).toMatchObject({ status: 'active' });
    await expect(cut.activities.list({})).rejects.toThrow(
      ServiceUnavailableError,
    );
    await expect(
      cut.activities.periodRecords([SHOP_DEV], at(0)),
    ).rejects.toThrow(ServiceUnavailableError);
    expect(await cut.activities.get(recorded[0].id)).toEqual(recorded[0]);
    expect(await KnexActivityOutbox.create({ knex }).size()).toBe(6);
  });

  it('replays queued writes before a period read, as before a list', async () => {
    const { stores, knex } = await open(dynamo.config());
    const outbox = KnexActivityOutbox.create({ knex });
    const wake = prepareActivity(newActivity('wake', 0), 'open');
    await outbox.enqueue(wake, 'open');

    expect(await stores.activities.periodRecords([SHOP_DEV], at(0))).toEqual([
      awakeRecordOf(wake),
    ]);
    expect(await outbox.size()).toBe(0);
  });

  describe.each(['portal database', 'DynamoDB'])(
    'cost-center permissions in the %s',
    where => {
      async function permissionStore(): Promise<CostCenterPermissionStore> {
        if (where === 'DynamoDB') {
          return (await open(dynamo.config())).stores.costCenterPermissions;
        }
        const knex = await databases.init('SQLITE_3');
        await migrateUp(knex);
        return KnexCostCenterPermissionStore.create({ knex });
      }

      it('puts, gets, lists sorted, and seeds only what has no record', async () => {
        const store = await permissionStore();
        const record = (costCenter: string, isAuthorized: boolean) => ({
          costCenter,
          isAuthorized,
          allowedGroups: ['group:default/team-commerce'],
          changedBy: 'user:default/admin',
          changedAt: new Date(T0),
        });
        await store.put(record('CC-2', true));
        await store.put({ ...record('CC-1', false), note: 'frozen' });
        await store.seed([
          { ...record('CC-1', true), changedBy: 'app-config' },
          { ...record('CC-3', true), allowedGroups: [] },
        ]);
        expect(await store.get('CC-1')).toEqual({
          ...record('CC-1', false),
          note: 'frozen',
        });
        expect(await store.get('CC-9')).toBeUndefined();
        expect((await store.list()).map(r => r.costCenter)).toEqual([
          'CC-1',
          'CC-2',
          'CC-3',
        ]);
        expect(await store.get('CC-3')).toMatchObject({ allowedGroups: [] });
      });
    },
  );
});

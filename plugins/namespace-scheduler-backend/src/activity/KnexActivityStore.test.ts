import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { OperationType } from '@namespace-scheduler/backstage-plugin-common';
import { migrateUp } from '../database/migrations';
import { operationResult } from '../__testUtils__/fakeEngine';
import { NewActivity } from './ActivityStore';
import { KnexActivityStore } from './KnexActivityStore';

jest.setTimeout(60_000);

const T0 = Date.parse('2026-11-23T07:00:00Z');
const minutes = (n: number) => new Date(T0 + n * 60_000);

function activity(
  operation: OperationType,
  at: number,
  overrides: Partial<NewActivity> = {},
): NewActivity {
  const ref = { cluster: 'sandbox', namespace: 'shop-dev', ...overrides };
  return {
    ...ref,
    operation,
    costCenter: 'CC-1001',
    requestedBy: 'user:default/alice',
    timestampStart: minutes(at),
    timestampEnd: minutes(at),
    result: operationResult({ operation, ...ref }),
    ...overrides,
  };
}

describe('KnexActivityStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    await migrateUp(knex);
    return KnexActivityStore.create({ knex });
  }

  it.each(databases.eachSupportedId())(
    'a wake opens a record that the next sleep completes, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const wake = await store.record(activity('wake', 0), 'open');
      expect(wake).toMatchObject({ status: 'active', outcome: 'succeeded' });
      expect(wake.timestamp_end).toBeUndefined();

      const sleep = await store.record(
        activity('sleep', 780, { timestampEnd: minutes(781) }),
        'close',
      );
      expect(sleep).toMatchObject({ status: 'completed', duration_minutes: 1 });
      expect(await store.get(wake.id)).toMatchObject({
        status: 'completed',
        timestamp_end: minutes(781).toISOString(),
        duration_minutes: 781,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'a second wake completes the first at its start; failures change nothing, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const first = await store.record(activity('wake', 0), 'open');
      const second = await store.record(
        activity('scale', 60, { costCenter: 'CC-2', replicas: 3 }),
        'open',
      );
      const failed = await store.record(activity('sleep', 90), 'none');
      expect(await store.get(first.id)).toMatchObject({
        status: 'completed',
        duration_minutes: 60,
      });
      expect(await store.get(second.id)).toMatchObject({
        status: 'active',
        replicas: 3,
      });
      expect(failed).toMatchObject({ status: 'completed' });
      // Another namespace is charged separately.
      await store.record(activity('wake', 0, { namespace: 'other' }), 'open');
      const open = await store.list({ status: 'active' });
      expect(open.items.map(a => a.namespace).sort()).toEqual([
        'other',
        'shop-dev',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps one open record per namespace under concurrent wakes, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.record(activity('wake', i), 'open'),
        ),
      );
      const all = await store.list({ namespace: 'shop-dev' });
      expect(all.items).toHaveLength(8);
      expect(all.items.filter(a => a.status === 'active')).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'queries by each index with time ranges and pages with a cursor, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const requesters = ['user:default/alice', 'scheduler'];
      for (let i = 0; i < 30; i++) {
        await store.record(
          activity(i % 2 === 0 ? 'wake' : 'sleep', i, {
            namespace: `ns-${i % 3}`,
            cluster: i < 15 ? 'sandbox' : 'eks',
            costCenter: `CC-${i % 5}`,
            requestedBy: requesters[i % 2],
          }),
          'none',
        );
      }
      const byCostCenter = await store.list({ costCenter: 'CC-0' });
      expect(byCostCenter.items.map(a => a.timestamp_start)).toEqual(
        [25, 20, 15, 10, 5, 0].map(i => minutes(i).toISOString()),
      );
      expect((await store.list({ operation: 'sleep' })).items).toHaveLength(15);
      expect(
        (await store.list({ cluster: 'eks', namespace: 'ns-0' })).items,
      ).toHaveLength(5);
      expect(
        (
          await store.list({
            requestedBy: 'scheduler',
            from: minutes(10),
            to: minutes(20),
          })
        ).items,
      ).toHaveLength(5);

      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await store.list({ limit: 7, cursor });
        pages.push(page.items.map(a => a.id));
        cursor = page.next_cursor;
      } while (cursor);
      expect(pages.map(p => p.length)).toEqual([7, 7, 7, 7, 2]);
      expect(new Set(pages.flat()).size).toBe(30);
      await expect(store.list({ cursor: 'nonsense' })).rejects.toThrow(
        /cursor/,
      );
    },
  );
});

/* eslint-disable jest/no-export -- a contract suite, exported for each store's own test file to run */
import { OperationType } from '@namespace-scheduler/backstage-plugin-common';
// From the package's main entry point, as a module's tests see them.
import {
  ActivityEffect,
  ActivityStore,
  clipReason,
  MAX_ACTIVITY_REASON,
  NewActivity,
} from '@namespace-scheduler/backstage-plugin-node';
import { mockOperationResult } from './mockOperationResult';

const T0 = Date.parse('2026-11-23T07:00:00Z');
const minutes = (n: number) => new Date(T0 + n * 60_000);
const shop = { cluster: 'sandbox', namespace: 'shop-dev' };
const qa = { cluster: 'sandbox', namespace: 'shop-qa' };

function activity(
  operation: OperationType,
  at: number,
  overrides: Partial<NewActivity> = {},
): NewActivity {
  const ref = {
    cluster: overrides.cluster ?? 'sandbox',
    namespace: overrides.namespace ?? 'shop-dev',
  };
  return {
    ...ref,
    operation,
    costCenter: 'CC-1001',
    requestedBy: 'user:default/alice',
    timestampStart: minutes(at),
    timestampEnd: minutes(at),
    result: mockOperationResult({ operation, ...ref }),
    ...overrides,
  };
}

/** Every id page by page, checking each page's size. */
async function allPages(
  store: ActivityStore,
  query: Parameters<ActivityStore['list']>[0],
) {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list({ ...query, cursor });
    pages.push(page.items.map(a => a.id));
    cursor = page.next_cursor;
  } while (cursor);
  return pages;
}

/**
 * The contract every activity store passes: each query the plugin's routes
 * and services make must answer the same on the portal database (SQLite,
 * PostgreSQL) and on a module's store. Call it in a test file of the store;
 * `createStore` gives a store over empty tables for each test (a remote
 * store may need a longer `jest.setTimeout`).
 *
 * @public
 */
export function describeActivityStoreContract(
  name: string,
  createStore: () => Promise<ActivityStore>,
): void {
  describe(`ActivityStore contract on ${name}`, () => {
    it('a wake opens a record that the next sleep completes', async () => {
      const store = await createStore();
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
      expect(await store.get(sleep.id)).toEqual(sleep);
      expect(await store.get('no-such-activity')).toBeUndefined();
    });

    it('keeps every field of a record as recorded', async () => {
      const store = await createStore();
      const scale = await store.record(
        activity('scale', 5, {
          replicas: 3,
          approvedBy: 'user:default/platform',
          userId: 'user:default/bob',
          scheduleId: 's-42',
          source: 'schedule',
          reason: 'Schedule "Office hours" (Mon–Fri 08:00–19:00 Europe/Madrid)',
          result: mockOperationResult(
            { operation: 'scale', cluster: 'sandbox', namespace: 'shop-dev' },
            { errors: ['api: 500'] },
          ),
        }),
        'none',
      );
      expect(scale).toMatchObject({
        replicas: 3,
        approved_by: 'user:default/platform',
        user_id: 'user:default/bob',
        schedule_id: 's-42',
        source: 'schedule',
        reason: 'Schedule "Office hours" (Mon–Fri 08:00–19:00 Europe/Madrid)',
        outcome: 'failed',
        status: 'completed',
      });
      expect(await store.get(scale.id)).toEqual(scale);
      expect((await store.list({})).items).toEqual([scale]);
    });

    it('keeps why a record happened, clipping a long reason, and reads older records without it', async () => {
      const store = await createStore();
      const long = `Off-hours started: ${'x'.repeat(MAX_ACTIVITY_REASON)}`;
      const boundary = await store.record(
        activity('sleep', 1, { source: 'off-hours-boundary', reason: long }),
        'close',
      );
      expect(boundary.source).toBe('off-hours-boundary');
      expect(boundary.reason).toHaveLength(MAX_ACTIVITY_REASON);
      expect(boundary.reason).toBe(clipReason(long));
      const silent = await store.record(activity('wake', 2), 'open');
      expect(silent.source).toBeUndefined();
      expect(silent.reason).toBeUndefined();
      const { items } = await store.list({ namespace: 'shop-dev' });
      expect(items).toEqual([silent, boundary]);
      expect(await store.get(boundary.id)).toEqual(boundary);
    });

    it('a second wake completes the first at its start; failures change nothing', async () => {
      const store = await createStore();
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
    });

    it('charges a namespace of the same name in another cluster separately', async () => {
      const store = await createStore();
      const sandbox = await store.record(activity('wake', 0), 'open');
      const eks = await store.record(
        activity('wake', 1, { cluster: 'eks' }),
        'open',
      );
      await store.record(activity('sleep', 10, { cluster: 'eks' }), 'close');
      expect(await store.get(sandbox.id)).toMatchObject({ status: 'active' });
      expect(await store.get(eks.id)).toMatchObject({
        status: 'completed',
        duration_minutes: 9,
      });
      const eksLog = await store.list({
        cluster: 'eks',
        namespace: 'shop-dev',
      });
      expect(eksLog.items.map(a => a.operation)).toEqual(['sleep', 'wake']);
      // What the off-hours boundary asks: the namespace's open record.
      const openOnSandbox = await store.list({
        cluster: 'sandbox',
        namespace: 'shop-dev',
        status: 'active',
        limit: 1,
      });
      expect(openOnSandbox.items.map(a => a.id)).toEqual([sandbox.id]);
    });

    it('keeps one open record per namespace under concurrent wakes', async () => {
      const store = await createStore();
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.record(activity('wake', i), 'open'),
        ),
      );
      const all = await store.list({ namespace: 'shop-dev' });
      expect(all.items).toHaveLength(8);
      expect(all.items.filter(a => a.status === 'active')).toHaveLength(1);
    });

    it('keeps records that start in the same millisecond, and pages through them', async () => {
      const store = await createStore();
      const ids = new Set<string>();
      for (let i = 0; i < 5; i++) {
        ids.add((await store.record(activity('sleep', 0), 'none')).id);
      }
      const pages = await allPages(store, { namespace: 'shop-dev', limit: 2 });
      expect(pages.map(p => p.length)).toEqual([2, 2, 1]);
      expect(new Set(pages.flat())).toEqual(ids);
    });

    it('finds the last successful sleep of a namespace among failures, as a wake does', async () => {
      const store = await createStore();
      const good = await store.record(activity('sleep', 0), 'close');
      for (let i = 1; i <= 6; i++) {
        await store.record(
          activity('sleep', i, {
            result: mockOperationResult(
              { operation: 'sleep', cluster: 'sandbox', namespace: 'shop-dev' },
              { errors: ['boom'] },
            ),
          }),
          'none',
        );
      }
      await store.record(activity('wake', 7), 'open');
      const { items } = await store.list({
        cluster: 'sandbox',
        namespace: 'shop-dev',
        operation: 'sleep',
        outcome: 'succeeded',
        limit: 1,
      });
      expect(items.map(a => a.id)).toEqual([good.id]);
      const failedPages = await allPages(store, {
        outcome: 'failed',
        limit: 4,
      });
      expect(failedPages.map(p => p.length)).toEqual([4, 2]);
    });

    it('queries by each index with time ranges and pages with a cursor', async () => {
      const store = await createStore();
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
      expect((await store.list({ cluster: 'eks' })).items).toHaveLength(15);
      expect(
        (
          await store.list({
            requestedBy: 'scheduler',
            from: minutes(10),
            to: minutes(20),
          })
        ).items,
      ).toHaveLength(5);
      const window = await store.list({ from: minutes(3), to: minutes(6) });
      expect(window.items.map(a => a.timestamp_start)).toEqual(
        [5, 4, 3].map(i => minutes(i).toISOString()),
      );
      expect(
        (await store.list({ from: minutes(20), to: minutes(10) })).items,
      ).toEqual([]);

      const pages = await allPages(store, { limit: 7 });
      expect(pages.map(p => p.length)).toEqual([7, 7, 7, 7, 2]);
      expect(new Set(pages.flat()).size).toBe(30);
      const ccPages = await allPages(store, {
        costCenter: 'CC-1',
        from: minutes(2),
        limit: 2,
      });
      expect(ccPages.map(p => p.length)).toEqual([2, 2, 1]);
      await expect(store.list({ cursor: 'nonsense' })).rejects.toThrow(
        /cursor/,
      );
    });

    it('reads the records of several namespaces that can overlap a period', async () => {
      const store = await createStore();
      const record = async (
        operation: OperationType,
        at: number,
        effect: ActivityEffect,
        ref = shop,
      ) => (await store.record(activity(operation, at, ref), effect)).id;
      // shop-dev: awake 0–2, then from 5 (before the period) until 12, and from 14 on.
      await record('wake', 0, 'open');
      await record('sleep', 2, 'close');
      const openAtFrom = await record('wake', 5, 'open');
      const sleptInPeriod = await record('sleep', 12, 'close');
      const openNow = await record('wake', 14, 'open');
      // shop-qa: awake since 1.
      const qaOpen = await record('wake', 1, 'open', qa);
      // Not read: the same name on another cluster, another namespace.
      await record('wake', 11, 'open', {
        cluster: 'eks',
        namespace: 'shop-dev',
      });
      await record('wake', 11, 'open', {
        cluster: 'sandbox',
        namespace: 'other',
      });

      const records = await store.periodRecords([shop, qa], minutes(10));
      expect(records.map(r => r.id).sort()).toEqual(
        [openAtFrom, sleptInPeriod, openNow, qaOpen].sort(),
      );
      expect(records.find(r => r.id === openAtFrom)).toEqual({
        id: openAtFrom,
        cluster: 'sandbox',
        namespace: 'shop-dev',
        operation: 'wake',
        outcome: 'succeeded',
        status: 'completed',
        start: minutes(5).getTime(),
        end: minutes(12).getTime(),
      });
      expect(records.find(r => r.id === openNow)?.end).toBeUndefined();
      expect(await store.periodRecords([], minutes(10))).toEqual([]);
    });
  });
}

import { TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  AwakeHoursDay,
  awakeHoursWithLiveState,
  awakeRecordOf,
  OperationType,
} from '@namespace-scheduler/backstage-plugin-common';
import {
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import { KnexActivityStore } from '../activity';
import { migrateUp } from '../database/migrations';
import { operationResult } from '../__testUtils__/fakeEngine';
import { pluginApi } from '../__testUtils__/pluginApi';
import {
  componentClaiming,
  SANDBOX_SEED_DIR,
  startPluginBackend,
} from '../__testUtils__/startPluginBackend';

jest.setTimeout(60_000);

const HOUR_MS = 3_600_000;
const SHOP_API = encodeURIComponent('component:default/shop-api');
/** Awake in the sandbox's seed, with no record unless a test makes one. */
const SHOP_STAGING = { cluster: 'sandbox', namespace: 'shop-staging' };

/** Hours up to now move on while the request runs: equal to the minute. */
function expectHoursClose(actual: AwakeHoursDay[], expected: AwakeHoursDay[]) {
  expect(actual.map(day => day.date)).toEqual(expected.map(day => day.date));
  actual.forEach((day, index) =>
    expect(day.hours).toBeCloseTo(expected[index].hours, 1),
  );
}

describe('awake hours route', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let sandbox: KubeSandbox;

  beforeAll(async () => {
    sandbox = await startKubeSandbox({ seedDir: SANDBOX_SEED_DIR });
  });
  afterAll(() => sandbox.close());

  /** The plugin over a SQLite database; payments-dev is not readable. */
  async function start() {
    const knex = await databases.init('SQLITE_3');
    await migrateUp(knex);
    const server = await startPluginBackend({
      sandbox,
      database: knex,
      entities: [
        componentClaiming(
          'shop-api',
          'sandbox/shop-staging, sandbox/payments-dev',
        ),
      ],
      policy: (_permission, ref) =>
        ref === 'sandbox/payments-dev'
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    });
    const store = KnexActivityStore.create({ knex });
    /** An operation `hoursAgo`, recorded as the plugin records it. */
    const record = (
      namespace: string,
      operation: OperationType,
      hoursAgo: number,
    ) => {
      const ref = { cluster: 'sandbox', namespace };
      const at = new Date(Date.now() - hoursAgo * HOUR_MS);
      return store.record(
        {
          ...ref,
          operation,
          costCenter: 'CC-1001',
          requestedBy: 'scheduler',
          timestampStart: at,
          timestampEnd: at,
          result: operationResult({ operation, ...ref }),
        },
        operation === 'wake' ? 'open' : 'close',
      );
    };
    /** As stored now: later records completed the wakes. */
    const recorded = async (namespace: string) =>
      (await store.list({ cluster: 'sandbox', namespace })).items.map(
        awakeRecordOf,
      );
    return { get: pluginApi(server).get, record, recorded };
  }

  it('answers what awakeHoursWithLiveState gives for the readable namespaces, a wake open at the period start included', async () => {
    const api = await start();
    // Woken long before the 3-day period (read from 4 days back), asleep since yesterday.
    await api.record('shop-staging', 'wake', 24 * 30);
    await api.record('shop-staging', 'sleep', 30);
    await api.record('shop-staging', 'wake', 20);
    await api.record('shop-staging', 'sleep', 18);
    await api.record('payments-dev', 'wake', 10);
    await api.record('payments-dev', 'sleep', 5);

    const res = await api.get(
      `/awake-hours?entityRef=${SHOP_API}&days=3&zone=Europe%2FMadrid`,
    );

    expect(res.status).toBe(200);
    // Every record is completed, but the sandbox has shop-staging awake:
    // woken since its last sleep by something else, it counts from then.
    const records = await api.recorded('shop-staging');
    const lastSleep = Math.max(...records.map(r => r.end ?? r.start));
    expect(res.body.unrecorded).toEqual([
      {
        namespace: 'sandbox/shop-staging',
        since: new Date(lastSleep).toISOString(),
        basis: 'last-activity',
      },
    ]);
    const expected = awakeHoursWithLiveState(records, [SHOP_STAGING], {
      now: Date.now(),
      days: 3,
      zone: 'Europe/Madrid',
    });
    expectHoursClose(res.body.items, expected.items);
    const total = expected.items.reduce((sum, day) => sum + day.hours, 0);
    // From the first local day's start (48 to 72 hours back) to 30 hours ago,
    // plus 2 hours, plus the 18 hours since the last sleep.
    expect(total).toBeGreaterThanOrEqual(20 + 18);
    expect(total).toBeLessThanOrEqual(44 + 18);
    expect(
      expected.items.flatMap(day => Object.keys(day.namespaces)),
    ).not.toContain('sandbox/payments-dev');
  });

  it('counts a namespace awake now with no record at all from the period start, and says so', async () => {
    const api = await start();
    const res = await api.get(
      `/awake-hours?entityRef=${SHOP_API}&days=2&zone=UTC`,
    );
    expect(res.status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    const periodStart = new Date(`${today}T00:00:00Z`).getTime() - 86_400_000;
    expect(res.body.unrecorded).toEqual([
      {
        namespace: 'sandbox/shop-staging',
        since: new Date(periodStart).toISOString(),
        basis: 'period-start',
      },
    ]);
    const total = res.body.items.reduce(
      (sum: number, day: AwakeHoursDay) => sum + day.hours,
      0,
    );
    expect(total).toBeCloseTo((Date.now() - periodStart) / HOUR_MS, 1);
    expect(res.body.items[0]).toEqual({
      date: new Date(periodStart).toISOString().slice(0, 10),
      hours: 24,
      namespaces: { 'sandbox/shop-staging': 24 },
    });
  });

  it('defaults to 14 days in UTC', async () => {
    const api = await start();
    const res = await api.get(`/awake-hours?entityRef=${SHOP_API}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(14);
    expect(res.body.items[13].date).toBe(new Date().toISOString().slice(0, 10));
  });

  it.each([
    [
      'an unknown zone',
      `entityRef=${SHOP_API}&zone=Mars%2FOlympus_Mons`,
      /^zone: unknown IANA time zone "Mars\/Olympus_Mons"/,
    ],
    [
      'an offset as the zone',
      `entityRef=${SHOP_API}&zone=%2B02%3A00`,
      /^zone: /,
    ],
    ['no days', `entityRef=${SHOP_API}&days=0`, /days/],
    ['too many days', `entityRef=${SHOP_API}&days=91`, /days/],
    ['days that are not a number', `entityRef=${SHOP_API}&days=two`, /days/],
    ['no entityRef', 'days=14', /entityRef/],
    ['an unparseable entityRef', 'entityRef=%3A', /^entityRef: /],
  ])('answers 400 naming the field for %s', async (_what, query, message) => {
    const api = await start();
    const res = await api.get(`/awake-hours?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('answers 404 for an unknown entity', async () => {
    const api = await start();
    const res = await api.get(
      `/awake-hours?entityRef=${encodeURIComponent('component:default/nope')}`,
    );
    expect(res.status).toBe(404);
  });
});

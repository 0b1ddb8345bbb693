import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { migrateUp } from '../database/migrations';
import {
  EngineSandbox,
  SEED_DIR,
  startEngineSandbox,
} from '../engine/__testUtils__/engineSandbox';
import { ManualClock } from '../__testUtils__/clock';
import { FakeDirectory, governedInstance } from '../__testUtils__/governance';

jest.setTimeout(60_000);

const directory = new FakeDirectory({
  'sandbox/shop-dev': ['CC-1001'],
  'sandbox/shop-staging': ['CC-1001'],
  'sandbox/payments-dev': ['CC-2001'],
  'sandbox/payments-staging': ['CC-2001'],
  'sandbox/search-dev': ['CC-3001'],
  'sandbox/search-sandbox': ['CC-3001'],
  'sandbox/ml-experiments': ['CC-9999'],
});

describe('the start of off-hours against the Kubernetes sandbox', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let env: EngineSandbox;

  beforeAll(async () => {
    env = await startEngineSandbox({ sandbox: { seedDir: SEED_DIR } });
  });
  afterAll(() => env.close());

  const replicas = (namespace: string, kind: string, name: string) =>
    (
      env.sandbox.store.get(kind, namespace, name)?.spec as {
        replicas?: number;
      }
    ).replicas;

  it('puts awake namespaces without a slot to sleep, keeping those a schedule holds awake', async () => {
    // ml-experiments' only cost center is unauthorized: a sleep stops charges, so it sleeps anyway.
    const knex = await databases.init('SQLITE_3');
    await migrateUp(knex);
    // Monday 19:00 in Madrid: business hours.
    const clock = new ManualClock('2026-11-23T18:00:00Z');
    const a = governedInstance({
      knex,
      clock,
      directory,
      engine: env.engine,
      instanceId: 'a',
    });
    const b = governedInstance({
      knex,
      clock,
      directory,
      engine: env.engine,
      instanceId: 'b',
    });
    await a.costCenterStore.put({
      costCenter: 'CC-9999',
      isAuthorized: false,
      allowedGroups: [],
      changedBy: 'user:default/carol',
      changedAt: clock.now(),
    });
    const late = await a.schedules.create(
      {
        kind: 'weekly',
        title: 'Search reindex evening',
        cluster: 'sandbox',
        namespace: 'search-dev',
        cost_center: 'CC-3001',
        zone: 'Europe/Madrid',
        days: ['mon'],
        from: '18:00',
        to: '23:00',
      },
      mockCredentials.user('user:default/dave'),
    );
    expect(await a.boundary.tick()).toBeUndefined();

    clock.set('2026-11-23T19:00:30Z');
    const [first, second] = await Promise.all([
      a.boundary.tick(),
      b.boundary.tick(),
    ]);
    const summary = first ?? second;
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(summary).toEqual({
      period: '2026-11-23T20:00:00.000+01:00',
      kept: ['sandbox/search-dev'],
      slept: expect.arrayContaining([
        'sandbox/shop-dev',
        'sandbox/shop-staging',
        'sandbox/payments-dev',
        'sandbox/payments-staging',
        'sandbox/ml-experiments',
      ]),
      failed: [],
    });
    expect(summary?.slept).toHaveLength(5);
    expect(replicas('shop-dev', 'Deployment', 'api-gateway')).toBe(0);
    expect(replicas('payments-staging', 'Deployment', 'payments-worker')).toBe(
      0,
    );
    expect(replicas('search-dev', 'Deployment', 'search-api')).toBe(2);
    expect((await a.offHours.status()).slots).toEqual([
      expect.objectContaining({
        namespace: 'search-dev',
        requested_by: 'scheduler',
        approved_by: 'user:default/dave',
        schedule_id: late.id,
      }),
    ]);
    const sleeps = await a.activities.list({
      operation: 'sleep',
      requestedBy: 'scheduler',
    });
    expect(sleeps.items.map(s => [s.namespace, s.cost_center]).sort()).toEqual([
      ['ml-experiments', 'CC-9999'],
      ['payments-dev', 'CC-2001'],
      ['payments-staging', 'CC-2001'],
      ['shop-dev', 'CC-1001'],
      ['shop-staging', 'CC-1001'],
    ]);
    expect(sleeps.items[0]).toMatchObject({
      source: 'off-hours-boundary',
      reason:
        'Off-hours started (Mon 23 Nov, 20:00 CET; business hours Mon–Fri 07:00–20:00 Europe/Madrid): no off-hours slot held; limit 5 across all clusters',
    });
    // Once per boundary.
    clock.set('2026-11-23T19:10:00Z');
    expect(await a.tick()).toBeUndefined();
  });
});

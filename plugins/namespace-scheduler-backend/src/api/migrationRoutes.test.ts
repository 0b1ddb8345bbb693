import { TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import { migrateUp } from '../database/migrations';
import { pluginApi } from '../__testUtils__/pluginApi';
import {
  componentClaiming,
  SANDBOX_SEED_DIR,
  startPluginBackend,
} from '../__testUtils__/startPluginBackend';

jest.setTimeout(60_000);

const BOB = 'user:default/bob';
const DOWNSCALER_ID =
  'kube-downscaler:sandbox/payments-dev:Namespace/payments-dev';
const GREEN_ID = 'kube-green:sandbox/search-sandbox:SleepInfo/working-hours';
const EXCLUDED_ID = 'kube-downscaler:sandbox/search-dev:Deployment/indexer';

describe('migration from kube-downscaler and kube-green (the demo seed)', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let sandbox: KubeSandbox;

  beforeAll(async () => {
    sandbox = await startKubeSandbox({ seedDir: SANDBOX_SEED_DIR });
  });
  afterAll(() => sandbox.close());

  async function start() {
    const knex = await databases.init('SQLITE_3');
    await migrateUp(knex);
    return startPluginBackend({
      sandbox,
      database: knex,
      entities: [
        componentClaiming('payments-api', 'sandbox/payments-dev'),
        componentClaiming('search-service', 'sandbox/search-sandbox'),
      ],
    });
  }

  it('is for admins only', async () => {
    const knex = await databases.init('SQLITE_3');
    await migrateUp(knex);
    const server = await startPluginBackend({
      sandbox,
      database: knex,
      entities: [componentClaiming('payments-api', 'sandbox/payments-dev')],
      policy: permission =>
        permission === 'namespace-scheduler.activity.read-all'
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    });
    const bob = pluginApi(server, BOB);
    expect((await bob.get('/migration/candidates')).status).toBe(403);
    const res = await bob.post('/migration/import', {
      items: [{ id: DOWNSCALER_ID, cost_center: 'CC-1001' }],
    });
    expect(res.status).toBe(403);
  });

  it('lists each source with its original, proposed schedules, notes and pull-request text', async () => {
    const api = pluginApi(await start());
    const res = await api.get('/migration/candidates');

    expect(res.status).toBe(200);
    const byId = new Map(
      res.body.items.map((item: { id: string }) => [item.id, item]),
    );
    expect(byId.get(DOWNSCALER_ID)).toEqual({
      id: DOWNSCALER_ID,
      tool: 'kube-downscaler',
      cluster: 'sandbox',
      namespace: 'payments-dev',
      source: { kind: 'Namespace', name: 'payments-dev' },
      original: 'downscaler/uptime: Mon-Fri 07:30-20:30 Europe/Berlin',
      proposed: [
        {
          title: 'kube-downscaler uptime Mon-Fri 07:30-20:30 Europe/Berlin',
          kind: 'weekly',
          zone: 'Europe/Berlin',
          days: ['mon', 'tue', 'wed', 'thu', 'fri'],
          from: '07:30',
          to: '20:30',
        },
      ],
      notes: [],
      imported: false,
      entity_refs: ['component:default/payments-api'],
      annotation_entries: [
        'sandbox/payments-dev: Mon-Fri 07:30-20:30 Europe/Berlin',
      ],
    });
    expect(byId.get(GREEN_ID)).toMatchObject({
      proposed: [
        { kind: 'weekly', from: '08:00', to: '20:00', zone: 'Europe/Rome' },
      ],
      notes: [
        expect.stringMatching(/excludeRef \(StatefulSet elasticsearch\)/),
      ],
      entity_refs: ['component:default/search-service'],
    });
    expect(byId.get(EXCLUDED_ID)).toMatchObject({
      proposed: [],
      notes: [expect.stringMatching(/already honoured/)],
    });
    expect(res.body.pull_requests).toContainEqual({
      entity_ref: 'component:default/payments-api',
      snippet: [
        '# catalog-info.yaml of component:default/payments-api',
        'metadata:',
        '  annotations:',
        '    namespace-scheduler/schedule: |',
        '      sandbox/payments-dev: Mon-Fri 07:30-20:30 Europe/Berlin',
      ].join('\n'),
    });
    expect(res.body.notes.join(' ')).toMatch(/cannot see them/);
    expect(res.body.errors).toEqual([]);
  });

  it('imports as the caller, once, and changes nothing on the cluster', async () => {
    const api = pluginApi(await start());
    const items = [
      { id: DOWNSCALER_ID, cost_center: 'CC-1001' },
      { id: GREEN_ID, cost_center: 'CC-2002' },
      { id: EXCLUDED_ID, cost_center: 'CC-1001' },
      { id: 'kube-green:sandbox/nowhere:SleepInfo/x', cost_center: 'CC-1001' },
    ];

    // The SleepInfo named twice: imported once.
    const first = await api.post('/migration/import', {
      items: [...items, items[1]],
    });

    expect(first.status).toBe(200);
    expect(first.body.reminder).toMatch(/changes nothing on the clusters/);
    expect(first.body.items).toEqual([
      {
        id: DOWNSCALER_ID,
        status: 'created',
        schedule_ids: [expect.any(String)],
      },
      { id: GREEN_ID, status: 'created', schedule_ids: [expect.any(String)] },
      {
        id: EXCLUDED_ID,
        status: 'refused',
        schedule_ids: [],
        message: expect.stringMatching(
          /^nothing to import: .*already honoured/,
        ),
      },
      {
        id: 'kube-green:sandbox/nowhere:SleepInfo/x',
        status: 'refused',
        schedule_ids: [],
        message: 'not found on the clusters any more; scan again',
      },
      { id: GREEN_ID, status: 'already_imported', schedule_ids: [] },
    ]);
    const schedules = await api.get(
      '/schedules?cluster=sandbox&namespace=payments-dev',
    );
    expect(schedules.body.items).toEqual([
      expect.objectContaining({
        kind: 'weekly',
        cost_center: 'CC-1001',
        created_by: 'user:default/alice',
      }),
    ]);

    const again = await api.post('/migration/import', {
      items: items.slice(0, 2),
    });
    expect(again.body.items.map((i: { status: string }) => i.status)).toEqual([
      'already_imported',
      'already_imported',
    ]);
    const scan = await api.get('/migration/candidates');
    const imported = scan.body.items.filter(
      (i: { imported: boolean }) => i.imported,
    );
    expect(imported.map((i: { id: string }) => i.id).sort()).toEqual([
      DOWNSCALER_ID,
      GREEN_ID,
    ]);

    expect(
      sandbox.store.get('Namespace', undefined, 'payments-dev')?.metadata
        .annotations,
    ).toEqual({ 'downscaler/uptime': 'Mon-Fri 07:30-20:30 Europe/Berlin' });
    expect(sandbox.store.list('SleepInfo', 'search-sandbox')).toHaveLength(1);
  });

  it('refuses a candidate whose schedule contradicts one of the namespace, creating nothing', async () => {
    const api = pluginApi(await start());
    const existing = await api.post('/schedules', {
      title: 'Team hours',
      cluster: 'sandbox',
      namespace: 'payments-dev',
      cost_center: 'CC-1001',
      kind: 'weekly',
      zone: 'Europe/Berlin',
      days: ['mon'],
      from: '09:00',
      to: '17:00',
    });
    expect(existing.status).toBe(201);

    const res = await api.post('/migration/import', {
      items: [{ id: DOWNSCALER_ID, cost_center: 'CC-1001' }],
    });

    expect(res.body.items).toEqual([
      {
        id: DOWNSCALER_ID,
        status: 'refused',
        schedule_ids: [],
        message: expect.stringMatching(/overlap/i),
      },
    ]);
  });
});

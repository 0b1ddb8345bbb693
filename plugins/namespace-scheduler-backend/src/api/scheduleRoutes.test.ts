import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import request from 'supertest';
import {
  componentClaiming,
  SANDBOX_SEED_DIR,
  startPluginBackend,
  TestPolicy,
} from '../__testUtils__/startPluginBackend';
import { ALICE, PLUGIN_API, pluginApi } from '../__testUtils__/pluginApi';
import { officeHours as office } from '../__testUtils__/scheduleBodies';

jest.setTimeout(60_000);


describe('schedule routes against the sandbox', () => {
  let sandbox: KubeSandbox;
  const entities = [
    componentClaiming(
      'shop-api',
      'sandbox/shop-dev, sandbox/shop-staging, sandbox/search-sandbox',
    ),
  ];

  beforeAll(async () => {
    sandbox = await startKubeSandbox({ seedDir: SANDBOX_SEED_DIR });
  });
  afterAll(() => sandbox.close());

  async function start(policy?: TestPolicy) {
    const server = await startPluginBackend({ sandbox, entities, policy });
    return { server, ...pluginApi(server) };
  }

  it('creates, reads, lists, previews, replaces and deletes a schedule', async () => {
    const api = await start();
    const created = await api.post('/schedules', office);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ...office,
      status: 'active',
      created_by: ALICE,
      run_count: 0,
      next_run: expect.stringMatching(
        /T0[7]:00:00\.000\+01:00$|T20:00:00\.000\+01:00$/,
      ),
    });
    const id = created.body.id;
    expect((await api.get(`/schedules/${id}`)).body).toEqual(created.body);
    expect(
      (await api.get('/schedules?cluster=sandbox&namespace=shop-dev')).body
        .items,
    ).toHaveLength(1);
    expect(
      (await api.get('/schedules?namespace=shop-staging')).body.items,
    ).toHaveLength(0);

    const preview = await api.get(
      '/schedule-preview?cluster=sandbox&namespace=shop-dev&days=7&limit=4',
    );
    expect(preview.status).toBe(200);
    expect(preview.body.items).toHaveLength(4);
    expect(preview.body.items[0]).toMatchObject({
      schedule_id: id,
      title: 'Office hours',
      kind: 'weekly',
    });

    const replaced = await api.put(`/schedules/${id}`, {
      ...office,
      from: '08:00',
      title: 'Later',
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      id,
      from: '08:00',
      title: 'Later',
      created_at: created.body.created_at,
    });

    expect((await api.del(`/schedules/${id}`)).status).toBe(204);
    expect((await api.get(`/schedules/${id}`)).status).toBe(404);
  });

  it.each([
    [
      'a bad cron',
      {
        ...office,
        kind: 'cron',
        cron: '0 25 * * *',
        operation: 'wake',
        days: undefined,
        from: undefined,
        to: undefined,
      },
      /^cron: is not valid/,
    ],
    [
      'an unknown time zone',
      { ...office, zone: 'Europe/Atlantis' },
      /^zone: unknown time zone "Europe\/Atlantis"/,
    ],
    [
      'an end before the start',
      {
        ...office,
        kind: 'window',
        start: '2030-01-02T10:00',
        end: '2030-01-02T09:00',
        days: undefined,
        from: undefined,
        to: undefined,
      },
      /^end: must be after start/,
    ],
    [
      'an invalid namespace name',
      { ...office, namespace: 'Shop_Dev' },
      /^namespace: must be a DNS-1123 label/,
    ],
    [
      'an unknown cluster',
      { ...office, cluster: 'nowhere' },
      /^cluster: unknown cluster "nowhere"/,
    ],
    [
      'an unclaimed namespace',
      { ...office, namespace: 'kube-system' },
      /^namespace: sandbox\/kube-system is not claimed/,
    ],
    [
      'replicas out of range',
      {
        ...office,
        kind: 'cron',
        cron: '0 7 * * *',
        operation: 'scale',
        replicas: 1001,
        days: undefined,
        from: undefined,
        to: undefined,
      },
      /^body\.replicas must be <= 1000/,
    ],
    [
      'an identity in the body',
      { ...office, created_by: 'user:default/mallory' },
      /created_by/,
    ],
  ])(
    'answers 400 naming the field for %s, storing nothing',
    async (_what, body, message) => {
      const api = await start();
      const res = await api.post('/schedules', body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
      expect((await api.get('/schedules')).body.items).toEqual([]);
    },
  );

  const cronScale = (namespace: string, replicas: number) => ({
    ...office,
    namespace,
    kind: 'cron',
    cron: '0 7 * * 1-5',
    operation: 'scale',
    replicas,
    days: undefined,
    from: undefined,
    to: undefined,
  });

  it('accepts a scheduled scale to 500 replicas, as a manual scale would (the limit was 100)', async () => {
    const api = await start();
    // search-sandbox has no HPA to bound it.
    const created = await api.post(
      '/schedules',
      cronScale('search-sandbox', 500),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ operation: 'scale', replicas: 500 });
  });

  it('refuses to save a scheduled scale that an HPA would undo, with 400 naming replicas and the HPA', async () => {
    const api = await start();
    const refused = await api.post('/schedules', cronScale('shop-dev', 9));
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(
      /^replicas: 9 is above maxReplicas 8 of HorizontalPodAutoscaler user-service, .*Deployment user-service/,
    );
    const items = (
      await api.get('/schedules?cluster=sandbox&namespace=shop-dev')
    ).body.items;
    expect(items).toEqual([]);
  });

  it('previews from a given date, and answers 404 naming a namespace nobody manages', async () => {
    const api = await start();
    await api.post('/schedules', office);
    // 2030-01-07 is a Monday: office hours 07:00–20:00 in Madrid.
    const monday = await api.get(
      `/schedule-preview?cluster=sandbox&namespace=shop-dev&days=1&from=${encodeURIComponent(
        '2030-01-07T00:00:00+01:00',
      )}`,
    );
    expect(monday.status).toBe(200);
    expect(
      monday.body.items.map((t: { at: string; operation: string }) => [
        Date.parse(t.at),
        t.operation,
      ]),
    ).toEqual([
      [Date.parse('2030-01-07T07:00:00+01:00'), 'wake'],
      [Date.parse('2030-01-07T20:00:00+01:00'), 'sleep'],
    ]);

    const unmanaged = await api.get(
      '/schedule-preview?cluster=sandbox&namespace=kube-system',
    );
    expect(unmanaged.status).toBe(404);
    expect(unmanaged.body.error.message).toBe(
      'Namespace sandbox/kube-system is not managed: no catalog entity claims it',
    );

    for (const from of ['next-monday', '2030-01-07', '2030-13-07T00:00:00Z']) {
      const bad = await api.get(
        `/schedule-preview?cluster=sandbox&namespace=shop-dev&from=${from}`,
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/from/);
    }
  });

  it('previews the off-hours boundary: the sleep of an awake namespace nothing keeps awake, each item with its source and reason', async () => {
    // Off-hours only 23:59–24:00 (Europe/Madrid, the default zone): now is
    // business hours (else the runner would sleep shop-staging at once and
    // the week ahead would start asleep), and every day has a boundary.
    const server = await startPluginBackend({
      sandbox,
      entities,
      config: {
        offHours: {
          businessHours: {
            days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
            start: '00:00',
            end: '23:59',
          },
        },
      },
    });
    const api = pluginApi(server);
    expect((await api.post('/schedules', office)).status).toBe(201);
    const monday = encodeURIComponent('2030-01-07T00:00:00+01:00');
    const preview = (namespace: string) =>
      api.get(
        `/schedule-preview?cluster=sandbox&namespace=${namespace}&days=1&from=${monday}`,
      );
    // shop-staging is awake in the sandbox and has no schedules.
    expect((await preview('shop-staging')).body.items).toEqual([
      {
        at: '2030-01-07T23:59:00.000+01:00',
        operation: 'sleep',
        title: 'Off-hours limit',
        source: 'off-hours-boundary',
        reason: 'off-hours start: no off-hours slot',
      },
    ]);
    // shop-dev's office hours end at 20:00: asleep at 23:59, no boundary sleep.
    expect((await preview('shop-dev')).body.items).toEqual([
      expect.objectContaining({
        at: '2030-01-07T07:00:00.000+01:00',
        operation: 'wake',
        source: 'schedule',
        reason: 'weekly schedule "Office hours"',
      }),
      expect.objectContaining({
        at: '2030-01-07T20:00:00.000+01:00',
        operation: 'sleep',
        source: 'schedule',
      }),
    ]);
  });

  it('rejects a window overlapping another of the same namespace with 409 naming it; other namespaces may overlap', async () => {
    const api = await start();
    const first = await api.post('/schedules', office);
    const release = {
      ...office,
      title: 'Release night',
      kind: 'window',
      start: '2030-01-02T19:00',
      end: '2030-01-02T23:00',
      days: undefined,
      from: undefined,
      to: undefined,
    };
    const clash = await api.post('/schedules', release);
    expect(clash.status).toBe(409);
    // Named as the team knows it: kind, title, hours and when they clash; no id.
    expect(clash.body.error.message).toBe(
      'The window overlaps the weekly window "Office hours" (awake mon, tue, wed, thu, fri 07:00–20:00 Europe/Madrid) ' +
        'of sandbox/shop-dev, first on Wed 2 Jan 2030, 19:00 Europe/Madrid: the windows of a namespace may not overlap or meet',
    );
    expect(clash.body.error.message).not.toContain(first.body.id);
    expect((await api.get('/schedules')).body.items).toHaveLength(1);
    const elsewhere = await api.post('/schedules', {
      ...release,
      namespace: 'shop-staging',
    });
    expect(elsewhere.status).toBe(201);
    const moved = await api.put(`/schedules/${elsewhere.body.id}`, {
      ...release,
      namespace: 'shop-dev',
    });
    expect(moved.status).toBe(409);
  });

  it('runs a task now through the engine and records the activity with the user as requester', async () => {
    const api = await start();
    const task = await api.post('/schedules', {
      ...office,
      namespace: 'search-sandbox',
      kind: 'cron',
      cron: '0 7 * * 1-5',
      operation: 'wake',
      days: undefined,
      from: undefined,
      to: undefined,
    });
    const run = await api.post(`/schedules/${task.body.id}/run`);
    expect(run.status).toBe(200);
    expect(run.body.result).toMatchObject({ operation: 'wake', success: true });
    expect(run.body.activity).toMatchObject({
      requested_by: ALICE,
      status: 'active',
      schedule_id: task.body.id,
    });
    expect(run.body.schedule).toMatchObject({
      run_count: 1,
      success_count: 1,
      last_run: { trigger: 'manual', outcome: 'succeeded' },
    });
    expect(
      (await api.get('/namespaces/sandbox/search-sandbox')).body.state,
    ).toBe('awake');
    const runs = await api.get(`/schedules/${task.body.id}/runs`);
    expect(runs.body.items.map((r: { status: string }) => r.status)).toEqual([
      'succeeded',
    ]);
    // Back to sleep for the other tests.
    await api.post('/namespaces/sandbox/search-sandbox/sleep', {
      costCenter: 'CC-1001',
    });
  });

  it('an override wakes or sleeps at once, and needs the operate permission', async () => {
    const api = await start((permission, ref) =>
      permission === 'namespace-scheduler.namespace.operate' &&
      ref === 'sandbox/shop-staging'
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    );
    const hold = {
      ...office,
      namespace: 'search-sandbox',
      kind: 'override',
      operation: 'wake',
      until: '2030-01-01T00:00:00Z',
      days: undefined,
      from: undefined,
      to: undefined,
    };
    const created = await api.post('/schedules', hold);
    expect(created.status).toBe(201);
    expect(created.body.last_run).toMatchObject({
      trigger: 'manual',
      operation: 'wake',
      outcome: 'succeeded',
    });
    expect(
      (await api.get('/namespaces/sandbox/search-sandbox')).body.state,
    ).toBe('awake');
    const denied = await api.post('/schedules', {
      ...hold,
      namespace: 'shop-staging',
    });
    expect(denied.status).toBe(403);
    expect(
      (await api.get('/schedules?namespace=shop-staging')).body.items,
    ).toEqual([]);
    await api.post('/namespaces/sandbox/search-sandbox/sleep', {
      costCenter: 'CC-1001',
    });
  });

  it('a sleep run now ends the wake override holding the namespace, recorded with who and when', async () => {
    const api = await start();
    const namespace = { ...office, namespace: 'search-sandbox' };
    const held = await api.post('/schedules', {
      ...namespace,
      kind: 'override',
      operation: 'wake',
      until: '2030-01-01T18:00:00Z',
      days: undefined,
      from: undefined,
      to: undefined,
    });
    const sleep = await api.post('/schedules', {
      ...namespace,
      title: 'Sleep',
      kind: 'cron',
      cron: '0 23 * * 0',
      operation: 'sleep',
      days: undefined,
      from: undefined,
      to: undefined,
    });
    const run = await api.post(`/schedules/${sleep.body.id}/run`);
    expect(run.body.result).toMatchObject({
      operation: 'sleep',
      success: true,
    });
    const ended = await api.get(`/schedules/${held.body.id}`);
    expect(ended.body).toMatchObject({
      status: 'completed',
      ended_by: ALICE,
      ended_at: expect.any(String),
    });
    expect(ended.body.next_run).toBeUndefined();
    expect(
      (await api.get('/namespaces/sandbox/search-sandbox')).body.state,
    ).toBe('asleep');
  });

  it('checks permissions per namespace: manage to write, read to see', async () => {
    const api = await start((permission, ref) => {
      if (ref !== 'sandbox/shop-staging') return AuthorizeResult.ALLOW;
      return permission === 'namespace-scheduler.schedule.manage' ||
        permission === 'namespace-scheduler.namespace.read'
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW;
    });
    const denied = await api.post('/schedules', {
      ...office,
      namespace: 'shop-staging',
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(
      /schedule\.manage.*sandbox\/shop-staging/,
    );
    await api.post('/schedules', office);
    expect((await api.get('/schedules')).body.items).toHaveLength(1);
    expect(
      (
        await api.get(
          '/schedule-preview?cluster=sandbox&namespace=shop-staging',
        )
      ).status,
    ).toBe(403);
    const anonymous = await request(
      (api as { server: Parameters<typeof request>[0] }).server,
    )
      .get(`${PLUGIN_API}/schedules`)
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
  });
});

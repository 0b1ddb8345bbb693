import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import {
  componentClaiming,
  SANDBOX_SEED_DIR,
  startPluginBackend,
  TestPolicy,
} from '../__testUtils__/startPluginBackend';
import { ALICE, pluginApi } from '../__testUtils__/pluginApi';
import { officeHours as office } from '../__testUtils__/scheduleBodies';

jest.setTimeout(60_000);


const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

describe('dry runs: every check, nothing written', () => {
  let sandbox: KubeSandbox;
  const entities = [
    componentClaiming('shop-api', 'sandbox/shop-dev, sandbox/shop-staging'),
  ];

  beforeAll(async () => {
    sandbox = await startKubeSandbox({ seedDir: SANDBOX_SEED_DIR });
  });
  afterAll(() => sandbox.close());

  async function start(policy?: TestPolicy) {
    const server = await startPluginBackend({ sandbox, entities, policy });
    const api = pluginApi(server);
    /** What a dry run must leave as it was: schedules, activity, live state. */
    const written = async () => ({
      schedules: (await api.get('/schedules')).body.items,
      activity: (await api.get('/activities')).body.items,
      state: (await api.get('/namespaces/sandbox/shop-dev')).body.state,
    });
    return { ...api, written };
  }

  it('answers the schedule a create would store, without an id, and stores nothing', async () => {
    const api = await start();
    const before = await api.written();
    expect(before).toMatchObject({ schedules: [], activity: [] });
    const res = await api.post('/schedules?dryRun=true', office);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      dry_run: true,
      schedule: expect.objectContaining({
        ...office,
        status: 'active',
        created_by: ALICE,
        run_count: 0,
        next_run: expect.stringMatching(/T(07|20):00:00\.000\+01:00$/),
        next_operation: expect.stringMatching(/^(wake|sleep)$/),
      }),
    });
    expect(res.body.schedule.id).toBeUndefined();
    expect(await api.written()).toEqual(before);
    // dryRun=false is an ordinary create.
    const created = await api.post('/schedules?dryRun=false', office);
    expect(created.status).toBe(201);
    expect(created.body.id).toEqual(expect.any(String));
  });

  it('refuses in a dry run what a create refuses: overlap, cost center, permission', async () => {
    const api = await start((permission, ref) =>
      ref === 'sandbox/shop-staging' &&
      permission === 'namespace-scheduler.schedule.manage'
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    );
    await api.post('/schedules', office);
    const before = await api.written();
    const overlap = await api.post('/schedules?dryRun=true', {
      ...office,
      title: 'Evening',
      from: '19:00',
      to: '22:00',
    });
    expect(overlap.status).toBe(409);
    expect(overlap.body.error.message).toMatch(/overlaps/);
    const costCenter = await api.post('/schedules?dryRun=true', {
      ...office,
      cost_center: 'CC-9999',
    });
    expect(costCenter.status).toBeGreaterThanOrEqual(400);
    expect(costCenter.body.error.message).toMatch(/CC-9999/);
    const denied = await api.post('/schedules?dryRun=true', {
      ...office,
      namespace: 'shop-staging',
    });
    expect(denied.status).toBe(403);
    expect(await api.written()).toEqual(before);
  });

  it('plans an override without saving or running it', async () => {
    const api = await start();
    const before = await api.written();
    const res = await api.post('/schedules?dryRun=true', {
      ...office,
      kind: 'override',
      operation: 'sleep',
      until: inAnHour(),
      days: undefined,
      from: undefined,
      to: undefined,
    });
    expect(res.status).toBe(200);
    expect(res.body.schedule).toMatchObject({
      kind: 'override',
      operation: 'sleep',
      status: 'active',
    });
    expect(await api.written()).toEqual(before);
  });

  it('a dry-run wake until a time says the state now and the override it would save', async () => {
    const api = await start();
    await api.post('/namespaces/sandbox/shop-dev/sleep', {
      costCenter: 'CC-1001',
    });
    const before = await api.written();
    expect(before.state).toBe('asleep');
    const res = await api.post('/namespaces/sandbox/shop-dev/wake', {
      costCenter: 'CC-1001',
      until: inAnHour(),
      zone: 'Europe/Madrid',
      dryRun: true,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'asleep',
      result: { operation: 'wake', dry_run: true },
      plannedSchedule: {
        kind: 'override',
        operation: 'wake',
        namespace: 'shop-dev',
        created_by: ALICE,
      },
    });
    expect(res.body.activityId).toBeUndefined();
    expect(res.body.schedule).toBeUndefined();
    expect(await api.written()).toEqual(before);
    await api.post('/namespaces/sandbox/shop-dev/wake', {
      costCenter: 'CC-1001',
    });
  });

  it('refuses a dry-run operation for an unauthorized cost center or without permission', async () => {
    const api = await start((permission, ref) =>
      ref === 'sandbox/shop-staging' &&
      permission === 'namespace-scheduler.schedule.manage'
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    );
    const before = await api.written();
    const costCenter = await api.post('/namespaces/sandbox/shop-dev/sleep', {
      costCenter: 'CC-9999',
      dryRun: true,
    });
    expect(costCenter.status).toBeGreaterThanOrEqual(400);
    expect(costCenter.body.error.message).toMatch(/CC-9999/);
    // The override an `until` would save needs the manage permission too.
    const denied = await api.post('/namespaces/sandbox/shop-staging/sleep', {
      costCenter: 'CC-1001',
      until: inAnHour(),
      dryRun: true,
    });
    expect(denied.status).toBe(403);
    expect(await api.written()).toEqual(before);
  });
});

import {
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import {
  componentClaiming,
  SANDBOX_SEED_DIR,
  startPluginBackend,
} from '../__testUtils__/startPluginBackend';
import { ALICE, pluginApi } from '../__testUtils__/pluginApi';

jest.setTimeout(60_000);

const BUSY =
  /^shop-dev on sandbox is busy: a (sleep|wake) requested by user:default\/alice at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ is in progress; try again when it ends$/;

describe('one operation per namespace at a time, through the routes', () => {
  let sandbox: KubeSandbox;
  let api: ReturnType<typeof pluginApi>;

  beforeEach(async () => {
    sandbox = await startKubeSandbox({ seedDir: SANDBOX_SEED_DIR });
    const server = await startPluginBackend({
      sandbox,
      entities: [componentClaiming('shop-api', 'sandbox/shop-dev')],
    });
    api = pluginApi(server);
    // Slow writes keep an operation in flight while the test sends another.
    sandbox.faults.add({
      verb: 'patch',
      namespace: 'shop-dev',
      latencyMs: 300,
    });
  });
  afterEach(() => sandbox.close());

  const operate = (operation: string, body: object = {}) =>
    api.post(`/namespaces/sandbox/shop-dev/${operation}`, {
      costCenter: 'CC-1001',
      ...body,
    });

  it('answers one of two concurrent operations 200 and the other 409 naming the first', async () => {
    const answers = await Promise.all([operate('sleep'), operate('wake')]);
    expect(answers.map(a => a.status).sort()).toEqual([200, 409]);
    const refused = answers.find(a => a.status === 409)!;
    expect(refused.body.error).toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(BUSY),
      operation: {
        operation: expect.stringMatching(/^(sleep|wake)$/),
        requested_by: ALICE,
        started_at: expect.any(String),
        state: 'running',
      },
    });
    const done = answers.find(a => a.status === 200)!;
    expect(done.body.result.success).toBe(true);
    expect(refused.body.error.operation.operation).toBe(
      done.body.result.operation,
    );
  });

  it('shows the operation in the status while it runs, and still plans dry runs', async () => {
    // Sent now: a supertest request goes out when it is first awaited.
    const sleeping = operate('sleep').then(answer => answer);
    let status = await api.get('/namespaces/sandbox/shop-dev');
    for (let i = 0; i < 100 && !status.body.operation; i++) {
      await new Promise(resolve => setTimeout(resolve, 20));
      status = await api.get('/namespaces/sandbox/shop-dev');
    }
    expect(status.body.operation).toEqual({
      operation: 'sleep',
      requested_by: ALICE,
      started_at: expect.any(String),
      state: 'running',
    });
    const listed = await api.get(
      '/entity-namespaces?entityRef=component:default/shop-api',
    );
    expect(listed.body.items[0].operation).toMatchObject({ state: 'running' });

    const plan = await operate('wake', { dryRun: true });
    expect(plan.status).toBe(200);
    expect(plan.body.result.dry_run).toBe(true);
    const refused = await operate('wake');
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(BUSY);

    // Holding a state "until" a time is refused too, and leaves no override behind.
    const held = await operate('wake', { until: '2099-01-01T00:00:00Z' });
    expect(held.status).toBe(409);
    expect(held.body.error.message).toMatch(BUSY);
    expect(
      (await api.get('/schedules?cluster=sandbox&namespace=shop-dev')).body
        .items,
    ).toEqual([]);

    expect((await sleeping).status).toBe(200);
    const after = await api.get('/namespaces/sandbox/shop-dev');
    expect(after.body.operation).toBeUndefined();
    expect((await operate('wake')).status).toBe(200);
  });
});

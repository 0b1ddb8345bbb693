import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  SignalPayload,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';
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

const OPERATION_ID = '6f1c1f8e-5d3b-4c1e-8d53-1b2f3c4d5e6f';

/**
 * The plugin with the real engine against the sandbox; only the signals
 * service is replaced, at its service boundary, to see what is published.
 */
describe('live progress and "until" through the sleep/wake routes', () => {
  let sandbox: KubeSandbox;
  let server: Awaited<ReturnType<typeof startPluginBackend>>;
  const published: SignalPayload[] = [];

  beforeEach(async () => {
    published.length = 0;
    sandbox = await startKubeSandbox({ seedDir: SANDBOX_SEED_DIR });
    server = await startPluginBackend({
      sandbox,
      entities: [componentClaiming('shop-api', 'sandbox/shop-dev')],
      // The failures below are permanent: stop undoing them after 2 s.
      config: { rollbackWindowMs: 2_000 },
      features: [
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => ({
            // Progress only: namespace changes are namespaceChanges.sandbox.test.ts's.
            publish: async signal => {
              if (signal.channel.startsWith('namespace-scheduler:progress:')) {
                published.push(signal);
              }
            },
          }),
        }),
      ],
    });
  });
  afterEach(() => sandbox.close());

  const post = (path: string, body: object, progressId?: string) => {
    const req = pluginApi(server).post(
      `/namespaces/sandbox/shop-dev/${path}`,
      body,
    );
    return progressId ? req.set('x-progress-id', progressId) : req;
  };
  const schedules = () =>
    pluginApi(server).get('/schedules?cluster=sandbox&namespace=shop-dev');

  it('publishes one signal per workload to the requester, all before the response', async () => {
    const response = await post(
      'sleep',
      { costCenter: 'CC-1001' },
      OPERATION_ID,
    );

    expect(response.status).toBe(200);
    const { result } = response.body;
    expect(result.success).toBe(true);
    expect(published).toHaveLength(result.total_scaled);
    expect(
      published.map(s => `${s.message.kind}/${s.message.name}`).sort(),
    ).toEqual(
      result.scaled_resources
        .map((r: { type: string; name: string }) => `${r.type}/${r.name}`)
        .sort(),
    );
    for (const signal of published) {
      expect(signal).toMatchObject({
        recipients: { type: 'user', entityRef: ALICE },
        channel: `namespace-scheduler:progress:${OPERATION_ID}`,
        message: { step: 'scaled', total: result.total_scaled },
      });
    }
    expect(published.map(s => s.message.done)).toEqual(
      published.map((_, index) => index + 1),
    );
  });

  it('publishes no progress without an operation id, and refuses one that is not a UUID', async () => {
    expect((await post('sleep', { costCenter: 'CC-1001' })).status).toBe(200);
    expect(published).toEqual([]);

    const bad = await post('wake', { costCenter: 'CC-1001' }, 'not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/x-progress-id/);
  });

  it('wakes until a time: the operation and its override schedule in one request', async () => {
    await post('sleep', { costCenter: 'CC-1001' });
    const until = new Date(Date.now() + 3_600_000).toISOString();

    const response = await post(
      'wake',
      { costCenter: 'CC-1001', until, zone: 'Europe/Madrid' },
      OPERATION_ID,
    );

    expect(response.status).toBe(200);
    expect(response.body.result).toMatchObject({
      operation: 'wake',
      success: true,
    });
    expect(response.body.activityId).toEqual(expect.any(String));
    expect(response.body.schedule).toMatchObject({
      kind: 'override',
      operation: 'wake',
      zone: 'Europe/Madrid',
      cost_center: 'CC-1001',
      created_by: ALICE,
      run_count: 1,
      success_count: 1,
      next_run: expect.any(String),
    });
    expect(Date.parse(response.body.schedule.until)).toBe(Date.parse(until));
    expect(response.body.schedule.title).toMatch(/^Awake until /);
    expect((await schedules()).body.items).toEqual([
      expect.objectContaining({ id: response.body.schedule.id }),
    ]);
    expect(published.length).toBe(response.body.result.total_scaled);
  });

  it('keeps no override when the operation fails, and refuses an "until" in the past', async () => {
    sandbox.faults.add({ method: 'PATCH', namespace: 'shop-dev', status: 500 });
    const until = new Date(Date.now() + 3_600_000).toISOString();

    const failed = await post('sleep', { costCenter: 'CC-1001', until });
    expect(failed.status).toBe(200);
    expect(failed.body.result.success).toBe(false);
    expect(failed.body.schedule).toBeUndefined();
    expect((await schedules()).body.items).toEqual([]);

    const past = await post('sleep', {
      costCenter: 'CC-1001',
      until: '2020-01-01T00:00:00Z',
    });
    expect(past.status).toBe(400);
    expect(past.body.error.message).toMatch(/until: must be in the future/);
  });

  it('leaves the override that held before in place when an "until" operation fails', async () => {
    await post('sleep', { costCenter: 'CC-1001' });
    const until = (hours: number) =>
      new Date(Date.now() + hours * 3_600_000).toISOString();
    const held = await post('wake', { costCenter: 'CC-1001', until: until(1) });
    expect(held.body.result.success).toBe(true);

    sandbox.faults.add({ method: 'PATCH', namespace: 'shop-dev', status: 500 });
    const failed = await post('sleep', {
      costCenter: 'CC-1001',
      until: until(2),
    });

    expect(failed.body.result.success).toBe(false);
    expect((await schedules()).body.items).toEqual([
      expect.objectContaining({
        id: held.body.schedule.id,
        status: 'active',
        next_run: held.body.schedule.next_run,
      }),
    ]);
  });
});

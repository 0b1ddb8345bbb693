import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  SignalPayload,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';
import { namespaceChangeChannel } from '@namespace-scheduler/backstage-plugin-common';
import {
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import { pluginApi } from '../__testUtils__/pluginApi';
import {
  componentClaiming,
  SANDBOX_SEED_DIR,
  startPluginBackend,
} from '../__testUtils__/startPluginBackend';

jest.setTimeout(60_000);

const SHOP_DEV = { cluster: 'sandbox', namespace: 'shop-dev' };
const CRON = {
  kind: 'cron',
  title: 'Evening sleep',
  ...SHOP_DEV,
  cost_center: 'CC-1001',
  zone: 'Europe/Madrid',
  cron: '0 20 * * *',
  operation: 'sleep',
};

/**
 * The plugin with the real engine against the sandbox; only the signals
 * service is replaced, at its service boundary, to see what each route
 * publishes on the namespace's channel, all before it answers.
 */
describe('namespace change signals through the routes', () => {
  let sandbox: KubeSandbox;
  let api: ReturnType<typeof pluginApi>;
  const changes: SignalPayload[] = [];
  /** What changed, in order, as the tab would hear it. */
  const heard = () => changes.map(signal => signal.message.change);

  beforeEach(async () => {
    changes.length = 0;
    sandbox = await startKubeSandbox({ seedDir: SANDBOX_SEED_DIR });
    const server = await startPluginBackend({
      sandbox,
      entities: [componentClaiming('shop-api', 'sandbox/shop-dev')],
      features: [
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => ({
            publish: async signal => {
              if (signal.channel === namespaceChangeChannel(SHOP_DEV)) {
                changes.push(signal);
              }
            },
          }),
        }),
      ],
    });
    api = pluginApi(server);
  });
  afterEach(() => sandbox.close());

  it("tells the namespace's owners that an operation on it ended, and only that", async () => {
    const response = await api.post('/namespaces/sandbox/shop-dev/sleep', {
      costCenter: 'CC-1001',
    });

    expect(response.status).toBe(200);
    expect(changes).toEqual([
      {
        recipients: {
          type: 'user',
          entityRef: ['group:default/team-commerce'],
        },
        channel: 'namespace-scheduler:namespace:sandbox/shop-dev',
        message: { ...SHOP_DEV, change: 'operation' },
      },
    ]);
  });

  it('signals nothing for a dry run or a refused operation', async () => {
    const dryRun = await api.post('/namespaces/sandbox/shop-dev/sleep', {
      costCenter: 'CC-1001',
      dryRun: true,
    });
    const refused = await api.post('/namespaces/sandbox/shop-dev/sleep', {
      costCenter: 'CC-0000',
    });

    expect(dryRun.status).toBe(200);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(changes).toEqual([]);
  });

  it('signals each schedule created, replaced, run and deleted', async () => {
    const created = await api.post('/schedules', CRON);
    expect(created.status).toBe(201);
    expect(heard()).toEqual(['schedules']);

    const { id } = created.body;
    expect(
      (await api.put(`/schedules/${id}`, { ...CRON, cron: '0 21 * * *' }))
        .status,
    ).toBe(200);
    expect(heard()).toEqual(['schedules', 'schedules']);

    // Run now: the operation, then the run's outcome on the schedule.
    expect((await api.post(`/schedules/${id}/run`)).status).toBe(200);
    expect(heard()).toEqual([
      'schedules',
      'schedules',
      'operation',
      'schedules',
    ]);

    expect((await api.del(`/schedules/${id}`)).status).toBe(204);
    expect(heard()).toHaveLength(5);
    expect(heard()[4]).toBe('schedules');
  });

  it('signals a wake until a time: the operation and its override', async () => {
    await api.post('/namespaces/sandbox/shop-dev/sleep', {
      costCenter: 'CC-1001',
    });
    changes.length = 0;

    const response = await api.post('/namespaces/sandbox/shop-dev/wake', {
      costCenter: 'CC-1001',
      until: new Date(Date.now() + 3_600_000).toISOString(),
      zone: 'Europe/Madrid',
    });

    expect(response.status).toBe(200);
    expect(new Set(heard())).toEqual(new Set(['operation', 'schedules']));
  });
});

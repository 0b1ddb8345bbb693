import {
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import {
  componentClaiming,
  SANDBOX_SEED_DIR,
  startPluginBackend,
} from '../__testUtils__/startPluginBackend';
import { pluginApi } from '../__testUtils__/pluginApi';

jest.setTimeout(60_000);

const target = {
  cluster: 'sandbox',
  namespace: 'shop-staging',
  cost_center: 'CC-1001',
  zone: 'Europe/Madrid',
};

/** Why each operation happened, as the API returns its activity records. */
describe('activity reasons through the API', () => {
  let sandbox: KubeSandbox;

  beforeAll(async () => {
    sandbox = await startKubeSandbox({ seedDir: SANDBOX_SEED_DIR });
  });
  afterAll(() => sandbox.close());

  it('records an override taking hold, a run now and a manual sleep with who and why', async () => {
    const server = await startPluginBackend({
      sandbox,
      entities: [componentClaiming('shop-api', 'sandbox/shop-staging')],
    });
    const api = pluginApi(server);
    const latest = async () =>
      (await api.get('/activities?cluster=sandbox&namespace=shop-staging')).body
        .items[0];

    await api.post('/namespaces/sandbox/shop-staging/wake', {
      costCenter: 'CC-1001',
      until: '2030-01-03T17:00:00Z',
      zone: 'Europe/Madrid',
    });
    expect(await latest()).toMatchObject({
      operation: 'wake',
      source: 'override',
      reason: 'Held awake until Thu 3 Jan, 18:00 CET (override by alice)',
    });

    const nightly = await api.post('/schedules', {
      ...target,
      title: 'Nightly',
      kind: 'cron',
      cron: '0 22 * * *',
      operation: 'sleep',
    });
    await api.post(`/schedules/${nightly.body.id}/run`);
    expect(await latest()).toMatchObject({
      operation: 'sleep',
      source: 'run-now',
      reason:
        'Run now of Schedule "Nightly" (sleep at "0 22 * * *" Europe/Madrid) by alice',
    });

    await api.post('/namespaces/sandbox/shop-staging/sleep', {
      costCenter: 'CC-1001',
    });
    expect(await latest()).toMatchObject({
      source: 'manual',
      reason: 'Manual sleep by alice',
    });
  });
});

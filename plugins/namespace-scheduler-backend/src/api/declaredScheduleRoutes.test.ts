import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import { DECLARED_SCHEDULES_TASK_ID } from '../declaredSchedules';
import {
  componentClaiming,
  SANDBOX_SEED_DIR,
  startPluginBackend,
  TestPolicy,
} from '../__testUtils__/startPluginBackend';
import { pluginApi } from '../__testUtils__/pluginApi';

jest.setTimeout(60_000);

const SHOP = 'component:default/shop-api';
const OFFICE = 'Mon-Fri 07:00-20:00 Europe/Madrid';

describe('declared schedules through the API', () => {
  let sandbox: KubeSandbox;
  const shop = componentClaiming('shop-api', 'sandbox/shop-dev');
  shop.metadata.annotations = {
    ...shop.metadata.annotations,
    'namespace-scheduler/schedule': `shop-dev: ${OFFICE}`,
  };

  beforeAll(async () => {
    sandbox = await startKubeSandbox({ seedDir: SANDBOX_SEED_DIR });
  });
  afterAll(() => sandbox.close());

  /** The backend, and one reconciliation pass run as the scheduler runs it. */
  async function start(policy?: TestPolicy) {
    const scheduler = mockServices.scheduler.mock();
    const server = await startPluginBackend({
      sandbox,
      entities: [shop],
      policy,
      features: [scheduler.factory],
    });
    const task = scheduler.scheduleTask.mock.calls
      .map(([t]) => t)
      .find(t => t.id === DECLARED_SCHEDULES_TASK_ID)!;
    expect(task).toMatchObject({ frequency: { seconds: 30 } });
    await task.fn(new AbortController().signal);
    return pluginApi(server);
  }

  it('lists the declared schedule read-only: PUT and DELETE answer 409, an override still works', async () => {
    const api = await start();
    const { items } = (await api.get('/schedules?namespace=shop-dev')).body;
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'weekly',
        title: `shop-dev: ${OFFICE}`,
        cost_center: 'CC-1001',
        created_by: SHOP,
        declared: { entity_ref: SHOP, text: `shop-dev: ${OFFICE}` },
      }),
    ]);
    const [declared] = items;
    const id = declared.id;
    const edit = await api.put(`/schedules/${id}`, {
      title: declared.title,
      cluster: 'sandbox',
      namespace: 'shop-dev',
      cost_center: 'CC-1001',
      zone: 'Europe/Madrid',
      kind: 'weekly',
      days: ['mon'],
      from: '08:00',
      to: '09:00',
    });
    expect(edit.status).toBe(409);
    expect(edit.body.error.message).toBe(
      `Schedule "shop-dev: ${OFFICE}" is declared in catalog-info.yaml of ${SHOP}: change it there`,
    );
    const removal = await api.del(`/schedules/${id}`);
    expect(removal.status).toBe(409);
    expect((await api.get(`/schedules/${id}`)).body).toEqual(declared);

    const hold = await api.post('/schedules', {
      title: 'Demo',
      cluster: 'sandbox',
      namespace: 'shop-dev',
      cost_center: 'CC-1001',
      zone: 'UTC',
      kind: 'override',
      operation: 'wake',
      until: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(hold.status).toBe(201);
  });

  it("answers what became of the entity's entries, on the namespaces the caller may read", async () => {
    const api = await start();
    const response = await api.get(`/declared-schedules?entityRef=${SHOP}`);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      {
        entity_ref: SHOP,
        text: `shop-dev: ${OFFICE}`,
        cluster: 'sandbox',
        namespace: 'shop-dev',
        status: 'applied',
        schedule_id: expect.any(String),
        checked_at: expect.any(String),
      },
    ]);

    const blind = await start(permission =>
      permission === 'namespace-scheduler.namespace.read'
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    );
    expect(
      (await blind.get(`/declared-schedules?entityRef=${SHOP}`)).body.items,
    ).toEqual([]);
    expect(
      (await api.get('/declared-schedules?entityRef=component:default/nope'))
        .status,
    ).toBe(404);
    expect(
      (await api.get('/declared-schedules?entityRef=shop-api')).status,
    ).toBe(400);
  });
});

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

jest.setTimeout(60_000);

describe('activity routes against the sandbox', () => {
  let sandbox: KubeSandbox;
  const entities = [
    componentClaiming('shop-api', 'sandbox/shop-staging, sandbox/payments-dev'),
  ];

  beforeEach(async () => {
    sandbox = await startKubeSandbox({ seedDir: SANDBOX_SEED_DIR });
  });
  afterEach(() => sandbox.close());

  async function start(policy?: TestPolicy) {
    const server = await startPluginBackend({ sandbox, entities, policy });
    const { get, post } = pluginApi(server);
    const operate = (namespace: string, operation: string) =>
      post(`/namespaces/sandbox/${namespace}/${operation}`, {
        costCenter: namespace === 'shop-staging' ? 'CC-1001' : 'CC-2002',
      });
    return { get, operate };
  }

  it('lists what manual operations recorded, by each filter, newest first, page by page', async () => {
    const api = await start();
    await api.operate('shop-staging', 'sleep');
    await api.operate('shop-staging', 'wake');
    await api.operate('payments-dev', 'sleep');

    const staging = await api.get(
      '/activities?cluster=sandbox&namespace=shop-staging',
    );
    expect(staging.status).toBe(200);
    expect(
      staging.body.items.map((a: { operation: string; status: string }) => [
        a.operation,
        a.status,
      ]),
    ).toEqual([
      ['wake', 'active'],
      ['sleep', 'completed'],
    ]);
    expect(staging.body.items[0]).toMatchObject({
      requested_by: ALICE,
      cost_center: 'CC-1001',
      outcome: 'succeeded',
      // Why, through the API.
      source: 'manual',
      reason: 'Manual wake by alice',
    });

    expect(
      (await api.get('/activities?costCenter=CC-2002')).body.items,
    ).toHaveLength(1);
    expect(
      (await api.get('/activities?operation=sleep')).body.items,
    ).toHaveLength(2);
    expect(
      (
        await api.get(
          `/activities?requestedBy=${encodeURIComponent(ALICE)}&status=active`,
        )
      ).body.items,
    ).toHaveLength(1);
    const iso = (value: string) => encodeURIComponent(value);
    const range = await api.get(
      `/activities?from=${iso('2000-01-01T00:00:00Z')}&to=${iso(
        '2001-01-01T00:00:00Z',
      )}`,
    );
    expect(range.body).toEqual({ items: [] });
    const recent = await api.get(
      `/activities?from=${iso(new Date(Date.now() - 60_000).toISOString())}`,
    );
    expect(recent.body.items).toHaveLength(3);

    const first = await api.get('/activities?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await api.get(
      `/activities?limit=2&cursor=${first.body.next_cursor}`,
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.next_cursor).toBeUndefined();

    const one = await api.get(`/activities/${staging.body.items[1].id}`);
    expect(one.body).toEqual(staging.body.items[1]);
    expect((await api.get('/activities/nope')).status).toBe(404);
    expect((await api.get('/activities?from=yesterday')).status).toBe(400);
  });

  it('needs read access to the namespace, or the read-all permission across namespaces', async () => {
    const api = await start((permission, ref) => {
      if (permission === 'namespace-scheduler.activity.read-all')
        return AuthorizeResult.DENY;
      if (
        permission === 'namespace-scheduler.namespace.read' &&
        ref === 'sandbox/payments-dev'
      ) {
        return AuthorizeResult.DENY;
      }
      return AuthorizeResult.ALLOW;
    });
    await api.operate('shop-staging', 'sleep');
    await api.operate('payments-dev', 'sleep');
    expect(
      (await api.get('/activities?cluster=sandbox&namespace=shop-staging')).body
        .items,
    ).toHaveLength(1);
    const other = await api.get(
      '/activities?cluster=sandbox&namespace=payments-dev',
    );
    expect(other.status).toBe(403);
    expect(other.body.error.message).toMatch(/read-all/);
    expect((await api.get('/activities?costCenter=CC-1001')).status).toBe(403);
  });
});

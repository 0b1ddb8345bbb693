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
} from '../__testUtils__/startPluginBackend';
import { PLUGIN_API, pluginApi } from '../__testUtils__/pluginApi';

jest.setTimeout(60_000);

const BASE = `${PLUGIN_API}/namespaces/sandbox`;

describe('sleep, wake and scale routes against the sandbox', () => {
  let sandbox: KubeSandbox;
  let server: Awaited<ReturnType<typeof startPluginBackend>>;
  const entities = [
    componentClaiming('shop-api', 'sandbox/shop-dev, sandbox/payments-dev'),
  ];

  const replicasOf = (kind: string, ns: string, name: string) => {
    const spec = sandbox.store.get(kind, ns, name)?.spec as {
      replicas?: number;
    };
    return spec.replicas;
  };
  const snapshot = () =>
    sandbox.store
      .list('Deployment', 'shop-dev')
      .concat(sandbox.store.list('StatefulSet', 'shop-dev'))
      .map(o => `${o.metadata.name}@${o.metadata.resourceVersion}`)
      .sort();

  beforeEach(async () => {
    sandbox = await startKubeSandbox({ seedDir: SANDBOX_SEED_DIR });
    server = await startPluginBackend({
      sandbox,
      entities,
      policy: (permission, ref) =>
        permission === 'namespace-scheduler.namespace.operate' &&
        ref === 'sandbox/payments-dev'
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    });
  });
  afterEach(() => sandbox.close());

  const post = (path: string, body: object) =>
    pluginApi(server).post(`/namespaces/sandbox/${path}`, body);

  it('sleeps a namespace, records the activity, and wakes it back exactly', async () => {
    const slept = await post('shop-dev/sleep', { costCenter: 'CC-1001' });
    expect(slept.status).toBe(200);
    expect(slept.body.result).toMatchObject({
      operation: 'sleep',
      success: true,
      dry_run: false,
      rollback_performed: false,
    });
    expect(slept.body.activityId).toEqual(expect.any(String));
    expect(replicasOf('Deployment', 'shop-dev', 'api-gateway')).toBe(0);
    expect(replicasOf('StatefulSet', 'shop-dev', 'redis')).toBe(0);

    const status = await request(server).get(`${BASE}/shop-dev`);
    expect(status.body.state).toBe('asleep');

    const woken = await post('shop-dev/wake', { costCenter: 'CC-1001' });
    expect(woken.status).toBe(200);
    expect(woken.body.result.success).toBe(true);
    expect(replicasOf('Deployment', 'shop-dev', 'api-gateway')).toBe(2);
    expect(replicasOf('Deployment', 'shop-dev', 'user-service')).toBe(2);
    expect(replicasOf('StatefulSet', 'shop-dev', 'redis')).toBe(1);
    expect((await request(server).get(`${BASE}/shop-dev`)).body.state).toBe(
      'awake',
    );
  });

  it('waits for readiness when asked, also for a wake until a time', async () => {
    await post('shop-dev/sleep', { costCenter: 'CC-1001' });
    const plain = await post('shop-dev/wake', {
      costCenter: 'CC-1001',
      waitForReadySeconds: 30,
    });
    expect(plain.body.result.readiness).toMatchObject({
      waited: true,
      timed_out: false,
    });
    expect(plain.body.result.readiness.ready).toBe(
      plain.body.result.readiness.total,
    );

    await post('shop-dev/sleep', { costCenter: 'CC-1001' });
    const held = await post('shop-dev/wake', {
      costCenter: 'CC-1001',
      until: new Date(Date.now() + 3_600_000).toISOString(),
      waitForReadySeconds: 30,
    });
    expect(held.status).toBe(200);
    expect(held.body.result.readiness).toMatchObject({
      waited: true,
      total: 3,
      ready: 3,
    });
  });

  it('returns the plan of a dry run and changes nothing', async () => {
    const before = snapshot();
    const res = await post('shop-dev/sleep', {
      costCenter: 'CC-1001',
      dryRun: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.result.dry_run).toBe(true);
    expect(res.body.result.scaled_resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'api-gateway',
          from_replicas: 2,
          to_replicas: 0,
          status: 'planned',
        }),
      ]),
    );
    expect(res.body.activityId).toBeUndefined();
    expect(snapshot()).toEqual(before);
  });

  it('scales Deployments and StatefulSets to N', async () => {
    const res = await post('shop-dev/scale', {
      costCenter: 'CC-1001',
      replicas: 3,
    });
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({
      success: true,
      target_replicas: 3,
    });
    expect(replicasOf('Deployment', 'shop-dev', 'api-gateway')).toBe(3);
  });

  it.each([
    [
      1,
      /^replicas: 1 is below minReplicas 2 of HorizontalPodAutoscaler api-gateway, .*Deployment api-gateway.*choose from 2 to 8, or 0 to sleep$/,
    ],
    [
      9,
      /^replicas: 9 is above maxReplicas 8 of HorizontalPodAutoscaler user-service, .*Deployment user-service/,
    ],
  ])(
    'answers 400 naming replicas and the HPA for a scale to %i the HPAs would undo, also as a dry run, changing nothing',
    async (replicas, message) => {
      const before = snapshot();
      for (const dryRun of [true, false]) {
        const res = await post('shop-dev/scale', {
          costCenter: 'CC-1001',
          replicas,
          dryRun,
        });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
      }
      expect(snapshot()).toEqual(before);
      const status = await request(server).get(`${BASE}/shop-dev`);
      expect(status.body.autoscalers).toEqual([
        {
          name: 'api-gateway',
          target: { kind: 'Deployment', name: 'api-gateway' },
          minReplicas: 2,
          maxReplicas: 10,
        },
        {
          name: 'user-service',
          target: { kind: 'Deployment', name: 'user-service' },
          minReplicas: 2,
          maxReplicas: 8,
        },
      ]);
    },
  );

  it.each([
    ['a missing cost center', 'shop-dev/sleep', {}, /costCenter/],
    [
      'replicas out of range',
      'shop-dev/scale',
      { costCenter: 'CC-1', replicas: -1 },
      /replicas/,
    ],
    [
      'replicas of the wrong type',
      'shop-dev/scale',
      { costCenter: 'CC-1', replicas: 'two' },
      /replicas/,
    ],
    [
      'an identity in the body',
      'shop-dev/sleep',
      { costCenter: 'CC-1', requestedBy: 'user:default/mallory' },
      /requestedBy/,
    ],
    [
      'an invalid namespace name',
      'Shop_Dev/sleep',
      { costCenter: 'CC-1' },
      /namespace/,
    ],
  ])(
    'answers 400 naming the field for %s, changing nothing',
    async (_what, path, body, field) => {
      const before = snapshot();
      const res = await post(path, body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(field);
      expect(snapshot()).toEqual(before);
    },
  );

  it('answers 404 for namespaces no entity claims and unknown clusters', async () => {
    const unclaimed = await post('kube-system/sleep', { costCenter: 'CC-1' });
    expect(unclaimed.status).toBe(404);
    expect(unclaimed.body.error.message).toMatch(/kube-system/);
    const res = await request(server)
      .post('/api/namespace-scheduler/namespaces/nowhere/shop-dev/sleep')
      .send({ costCenter: 'CC-1' });
    expect(res.status).toBe(404);
    expect(replicasOf('Deployment', 'kube-system', 'coredns')).toBe(2);
  });

  it('answers 403 without the operate permission and 401 without a user', async () => {
    const denied = await post('payments-dev/sleep', { costCenter: 'CC-2001' });
    expect(denied.status).toBe(403);
    expect(replicasOf('Deployment', 'payments-dev', 'payments-api')).toBe(3);

    const anonymous = await request(server)
      .post(`${BASE}/shop-dev/sleep`)
      .set('Authorization', mockCredentials.none.header())
      .send({ costCenter: 'CC-1001' });
    expect(anonymous.status).toBe(401);
    expect(replicasOf('Deployment', 'shop-dev', 'api-gateway')).toBe(2);
  });
});

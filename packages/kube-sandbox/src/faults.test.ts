import { PatchStrategy } from '@kubernetes/client-node';
import {
  clientsFor,
  deployment,
  failureOf,
  namespace,
  patchAs,
  raw,
  timeoutAfter,
} from './__testUtils__/clients';
import { FaultInjector } from './faults';
import { KubeSandbox, startKubeSandbox } from './sandbox';

describe('FaultInjector', () => {
  const get = {
    method: 'GET',
    path: '/apis/apps/v1/namespaces/a/deployments/web',
    verb: 'get',
    resource: 'deployments',
    namespace: 'a',
  };

  it('matches on method, path, verb, resource and namespace', () => {
    const faults = new FaultInjector();
    faults.add({ method: ['put', 'patch'], status: 500 });
    faults.add({ path: /\/statefulsets/, status: 501 });
    faults.add({
      verb: 'get',
      resource: 'deployments',
      namespace: 'b',
      status: 502,
    });
    faults.add({ path: 'deployments/web$', status: 503 });
    expect(faults.decide(get).action).toEqual({
      type: 'status',
      status: 503,
      message: undefined,
      retryAfterSeconds: undefined,
    });
  });

  it('counts afterCalls and times, and adds latencies until the first failure', () => {
    const faults = new FaultInjector();
    faults.latencyMs = 5;
    faults.add({ latencyMs: 10 });
    const handle = faults.add({ status: 500, afterCalls: 2, times: 2 });
    const outcomes = Array.from({ length: 6 }, () => faults.decide(get));
    expect(outcomes.map(o => o.action?.type ?? 'pass')).toEqual([
      'pass',
      'pass',
      'status',
      'status',
      'pass',
      'pass',
    ]);
    expect(outcomes.every(o => o.latencyMs === 15)).toBe(true);
    expect([handle.matched, handle.fired]).toEqual([6, 2]);
    handle.remove();
    expect(faults.list()).toHaveLength(1);
  });

  it('draws probabilities from a seeded generator', () => {
    const run = () => {
      const faults = new FaultInjector();
      faults.add({ status: 503, probability: 0.3, seed: 42 });
      return Array.from({ length: 50 }, () =>
        faults.decide(get).action ? 1 : 0,
      ).join('');
    };
    const first = run();
    expect(run()).toBe(first);
    const fired = [...first].filter(c => c === '1').length;
    expect(fired).toBeGreaterThan(5);
    expect(fired).toBeLessThan(30);
  });

  it('refuses contradictory rules', () => {
    const faults = new FaultInjector();
    expect(() => faults.add({ hang: true, drop: true })).toThrow();
    expect(() => faults.add({ status: 200 })).toThrow();
    expect(() => faults.add({ probability: 2 })).toThrow();
  });
});

describe('faults over HTTP', () => {
  let sandbox: KubeSandbox;
  let api: ReturnType<typeof clientsFor>;
  const target = { name: 'web', namespace: 'team-a' };

  beforeEach(async () => {
    sandbox = await startKubeSandbox({
      objects: [namespace('team-a'), deployment('web', 'team-a', 2)],
      adminApi: true,
    });
    api = clientsFor(sandbox);
  });

  afterEach(() => sandbox.close());

  it.each([
    [500, 'InternalError'],
    [503, 'ServiceUnavailable'],
    [429, 'TooManyRequests'],
    [409, 'Conflict'],
    [504, 'Timeout'],
  ])('answers %i with a %s Status', async (code, reason) => {
    sandbox.faults.add({ verb: 'patch', status: code });
    const failed = await failureOf(
      api.apps.patchNamespacedDeployment(
        { ...target, body: { spec: { replicas: 0 } } },
        patchAs(PatchStrategy.MergePatch),
      ),
    );
    expect(failed).toMatchObject({
      code,
      status: {
        kind: 'Status',
        status: 'Failure',
        reason,
        code,
        details: { name: 'web', group: 'apps', kind: 'deployments' },
      },
    });
    expect(
      sandbox.store.get('Deployment', 'team-a', 'web')?.spec,
    ).toMatchObject({ replicas: 2 });
  });

  it('sends Retry-After with 429 and 503', async () => {
    sandbox.faults.add({ status: 429, retryAfterSeconds: 3 });
    const res = await raw(sandbox, 'GET', '/api/v1/namespaces');
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.body).toMatchObject({ details: { retryAfterSeconds: 3 } });
  });

  it('delays requests by the rule latency plus the global latency', async () => {
    sandbox.faults.latencyMs = 40;
    sandbox.faults.add({ resource: 'deployments', latencyMs: 100 });
    const started = Date.now();
    await api.apps.readNamespacedDeployment(target);
    expect(Date.now() - started).toBeGreaterThanOrEqual(135);
    const [record] = sandbox.stats().requests;
    expect(record.durationMs).toBeGreaterThanOrEqual(135);
  });

  it('hangs until the client times out, and releases hung sockets on close', async () => {
    sandbox.faults.add({ verb: 'get', hang: true });
    const started = Date.now();
    await expect(
      api.apps.readNamespacedDeployment(target, timeoutAfter(150)),
    ).rejects.toThrow(/abort/i);
    expect(Date.now() - started).toBeLessThan(1000);

    const hung = raw(
      sandbox,
      'GET',
      '/apis/apps/v1/namespaces/team-a/deployments/web',
    );
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(sandbox.stats().inFlight).toBe(1);
    await sandbox.close();
    await expect(hung).rejects.toThrow();
  });

  it('drops connections', async () => {
    sandbox.faults.add({ method: 'DELETE', drop: true });
    await expect(api.apps.deleteNamespacedDeployment(target)).rejects.toThrow(
      /socket hang up|ECONNRESET/,
    );
    expect(sandbox.store.get('Deployment', 'team-a', 'web')).toBeDefined();
    expect(sandbox.stats().requests.at(-1)).toMatchObject({
      method: 'DELETE',
      fault: 'drop',
      status: 0,
    });
  });

  it('starts failing after k calls and stops after n failures', async () => {
    sandbox.faults.add({ verb: 'get', status: 503, afterCalls: 2, times: 1 });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      codes.push(
        (
          await raw(
            sandbox,
            'GET',
            '/apis/apps/v1/namespaces/team-a/deployments/web',
          )
        ).status,
      );
    }
    expect(codes).toEqual([200, 200, 503, 200]);
  });

  it('records requests, counters and the peak concurrency', async () => {
    sandbox.faults.add({ latencyMs: 80 });
    await Promise.all([
      api.core.listNamespace(),
      api.apps.readNamespacedDeployment(target),
      api.apps.listDeploymentForAllNamespaces(),
    ]);
    const stats = sandbox.stats();
    expect(stats.total).toBe(3);
    expect(stats.maxInFlight).toBe(3);
    expect(stats.byVerb).toEqual({ list: 2, get: 1 });
    expect(
      stats.byRoute['GET /apis/apps/v1/namespaces/team-a/deployments/web'],
    ).toBe(1);
    expect(stats.byStatus).toEqual({ 200: 3 });
    sandbox.resetStats();
    expect(sandbox.stats()).toMatchObject({
      total: 0,
      requests: [],
      maxInFlight: 0,
    });
  });

  it('is steerable through the admin API', async () => {
    const added = await raw(sandbox, 'POST', '/sandbox/faults', {
      body: { path: '/deployments/web$', method: 'GET', status: 500, times: 1 },
    });
    expect(added).toMatchObject({
      status: 201,
      body: { id: '1', rule: { path: '/deployments/web$', status: 500 } },
    });
    expect(
      (
        await raw(
          sandbox,
          'GET',
          '/apis/apps/v1/namespaces/team-a/deployments/web',
        )
      ).status,
    ).toBe(500);
    expect(
      (
        await raw(
          sandbox,
          'GET',
          '/apis/apps/v1/namespaces/team-a/deployments/web',
        )
      ).status,
    ).toBe(200);
    expect((await raw(sandbox, 'GET', '/sandbox/faults')).body).toMatchObject({
      items: [{ id: '1', matched: 2, fired: 1 }],
    });

    expect(
      (
        await raw(sandbox, 'POST', '/sandbox/faults', {
          body: { hang: true, drop: true },
        })
      ).status,
    ).toBe(400);
    expect(
      (await raw(sandbox, 'POST', '/sandbox/faults', { body: { nonsense: 1 } }))
        .status,
    ).toBe(400);
    expect((await raw(sandbox, 'DELETE', '/sandbox/faults/1')).status).toBe(
      200,
    );
    expect((await raw(sandbox, 'DELETE', '/sandbox/faults/1')).status).toBe(
      404,
    );
    expect((await raw(sandbox, 'DELETE', '/sandbox/faults')).status).toBe(200);
    expect((await raw(sandbox, 'GET', '/sandbox/stats')).body).toMatchObject({
      total: 2,
    });
  });
});

describe('authentication', () => {
  it('requires the bearer token when one is set', async () => {
    const sandbox = await startKubeSandbox({ token: 's3cret' });
    try {
      const denied = await raw(sandbox, 'GET', '/api/v1/namespaces');
      expect(denied.status).toBe(401);
      expect(denied.body).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
      expect(
        (await raw(sandbox, 'GET', '/version', { token: 'wrong' })).status,
      ).toBe(401);
      const namespaces = await clientsFor(sandbox).core.listNamespace();
      expect(namespaces.items.map(n => n.metadata?.name)).toEqual([
        'default',
        'kube-node-lease',
        'kube-public',
        'kube-system',
      ]);
      expect(sandbox.kubeConfigYaml()).toContain('token: s3cret');
    } finally {
      await sandbox.close();
    }
  });
});

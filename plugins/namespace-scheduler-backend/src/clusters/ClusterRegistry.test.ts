import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { ApiException, KubeConfig } from '@kubernetes/client-node';
import {
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { NamespaceEngine } from '../engine';
import { silentLogger } from '../engine/__testUtils__/engineSandbox';
import { ClusterRegistry } from './ClusterRegistry';
import type { ClusterAccessOptions, ClusterRequestEvent } from './types';

const FAST: Partial<ClusterAccessOptions> = {
  qps: 0,
  retryInitialDelayMs: 5,
  retryMaxDelayMs: 20,
};

function kubeConfigFor(server: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'c', server, skipTLSVerify: true }],
    users: [{ name: 'u' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return kubeConfig;
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

/** A TCP pass-through that counts the connections clients open. */
async function countingProxy(target: number) {
  let connections = 0;
  const server = net.createServer(client => {
    connections++;
    const upstream = net.connect(target, '127.0.0.1');
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    connections: () => connections,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

describe('ClusterRegistry', () => {
  let sandbox: KubeSandbox;
  beforeEach(async () => {
    sandbox = await startKubeSandbox();
  });
  afterEach(() => sandbox.close());

  it('opens the circuit of an unreachable cluster and then fails fast, naming it', async () => {
    const registry = ClusterRegistry.fromKubeConfigs(
      [
        {
          name: 'down',
          kubeConfig: kubeConfigFor(`http://127.0.0.1:${await closedPort()}`),
        },
      ],
      {
        ...FAST,
        breakerConsecutiveFailures: 4,
        breakerHalfOpenAfterMs: 60_000,
      },
    );
    const engine = NamespaceEngine.create({
      clusters: registry,
      logger: silentLogger,
    });

    const first = await engine.status('down', 'shop-dev');
    expect(first).toMatchObject({
      state: 'unknown',
      error: expect.stringContaining('Cluster "down"'),
    });

    const started = Date.now();
    const again = await engine.run('down', 'shop-dev', { operation: 'sleep' });
    expect(Date.now() - started).toBeLessThan(100);
    expect(again).toMatchObject({ success: false, total_scaled: 0 });
    expect(again.errors[0]).toMatch(
      /^Cluster "down" is unavailable: requests keep failing \(last: .*ECONNREFUSED/,
    );
    await registry.close();
  });

  it('retries 5xx and 429 with backoff, but hands a 409 straight back', async () => {
    const registry = ClusterRegistry.fromKubeConfigs(
      [{ name: 'sb', kubeConfig: kubeConfigFor(sandbox.url) }],
      FAST,
    );
    const core = registry.get('sb').core;
    sandbox.faults.add({
      path: '/api/v1/namespaces/default$',
      status: 503,
      times: 1,
    });
    sandbox.faults.add({
      path: '/api/v1/namespaces/default$',
      status: 429,
      times: 1,
    });
    await expect(
      core.readNamespace({ name: 'default' }),
    ).resolves.toMatchObject({ metadata: { name: 'default' } });
    expect(sandbox.stats().byStatus).toEqual({ '503': 1, '429': 1, '200': 1 });

    sandbox.resetStats();
    sandbox.faults.add({
      path: '/api/v1/namespaces/kube-public$',
      status: 409,
    });
    await expect(
      core.readNamespace({ name: 'kube-public' }),
    ).rejects.toMatchObject({ code: 409 });
    expect(sandbox.stats().total).toBe(1);
    await registry.close();
  });

  it('waits out a 429 as long as its Retry-After says, past the retry limit, without pausing other requests', async () => {
    const registry = ClusterRegistry.fromKubeConfigs(
      [{ name: 'sb', kubeConfig: kubeConfigFor(sandbox.url) }],
      { ...FAST, retryMaxAttempts: 0 },
    );
    const core = registry.get('sb').core;
    sandbox.resetStats();
    // API Priority and Fairness rejects twice, asking for a 1 s pause each time.
    sandbox.faults.add({
      path: '/api/v1/namespaces/default$',
      status: 429,
      retryAfterSeconds: 1,
      times: 2,
    });
    const started = Date.now();
    const [throttled, other] = await Promise.all([
      core.readNamespace({ name: 'default' }),
      // Sent while the throttled request waits: it is not held back.
      new Promise(resolve => setTimeout(resolve, 200)).then(() =>
        core.readNamespace({ name: 'kube-public' }).then(() => Date.now()),
      ),
    ]);
    expect(throttled).toMatchObject({ metadata: { name: 'default' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    expect(other - started).toBeLessThan(1_000);
    expect(sandbox.stats().byStatus).toEqual({ '429': 2, '200': 2 });
    await registry.close();
  });

  it('aborts an attempt that outlives its timeout, then retries', async () => {
    const registry = ClusterRegistry.fromKubeConfigs(
      [{ name: 'sb', kubeConfig: kubeConfigFor(sandbox.url) }],
      { ...FAST, requestTimeoutMs: 100 },
    );
    sandbox.faults.add({
      path: '/api/v1/namespaces/default$',
      hang: true,
      times: 1,
    });
    const started = Date.now();
    await expect(
      registry.get('sb').core.readNamespace({ name: 'default' }),
    ).resolves.toMatchObject({ metadata: { name: 'default' } });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(sandbox.stats().total).toBe(2);
    await registry.close();
  });

  it('sends untyped JSON through the same transport: retries, timeouts, metrics, ApiException', async () => {
    const events: ClusterRequestEvent[] = [];
    const registry = ClusterRegistry.fromKubeConfigs(
      [{ name: 'sb', kubeConfig: kubeConfigFor(sandbox.url) }],
      { ...FAST, requestTimeoutMs: 100 },
      event => events.push(event),
    );
    const { json } = registry.get('sb');
    const route = '/api/v1/namespaces/default';
    sandbox.faults.add({ path: `${route}$`, status: 503, times: 1 });
    sandbox.faults.add({ path: `${route}$`, hang: true, times: 1 });
    await expect(json.get(route)).resolves.toMatchObject({
      metadata: { name: 'default' },
    });
    // The hung attempt, aborted after 100 ms, is logged without a status.
    expect(sandbox.stats().byStatus).toEqual({ '503': 1, '0': 1, '200': 1 });

    const patch = { metadata: { labels: { team: 'shop' } } };
    await expect(
      json.mergePatch(route, patch, { dryRun: 'All' }),
    ).resolves.toMatchObject(patch);
    await expect(json.get(route)).resolves.not.toMatchObject(patch);
    await expect(json.mergePatch(route, patch)).resolves.toMatchObject(patch);

    sandbox.faults.add({
      path: `${route}$`,
      method: 'PATCH',
      status: 409,
      message: 'the object has been modified',
    });
    const conflict = await json.mergePatch(route, patch).catch(e => e);
    expect(conflict).toBeInstanceOf(ApiException);
    expect(conflict).toMatchObject({
      code: 409,
      body: expect.stringContaining('the object has been modified'),
    });
    await expect(json.get('/api/v1/namespaces/absent')).rejects.toMatchObject({
      code: 404,
    });
    expect(events.map(e => e.verb)).toEqual([
      'get',
      'patch',
      'get',
      'patch',
      'patch',
      'get',
    ]);
    expect(events.map(e => e.failed)).toEqual(Array(6).fill(false));
    await registry.close();
  });

  it('paces requests with the token bucket', async () => {
    const registry = ClusterRegistry.fromKubeConfigs(
      [{ name: 'sb', kubeConfig: kubeConfigFor(sandbox.url) }],
      { ...FAST, qps: 40, burst: 5 },
    );
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 25 }, () =>
        registry.get('sb').core.readNamespace({ name: 'default' }),
      ),
    );
    // 5 go at once, the other 20 at 40/s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    await registry.close();
  });

  it('reuses keep-alive connections instead of opening one per request', async () => {
    const proxy = await countingProxy(sandbox.port);
    const registry = ClusterRegistry.fromKubeConfigs(
      [{ name: 'sb', kubeConfig: kubeConfigFor(proxy.url) }],
      { ...FAST, maxSockets: 4 },
    );
    const core = registry.get('sb').core;
    for (let round = 0; round < 5; round++) {
      await Promise.all(
        Array.from({ length: 4 }, () =>
          core.readNamespace({ name: 'default' }),
        ),
      );
    }
    expect(sandbox.stats().total).toBe(20);
    expect(proxy.connections()).toBeLessThanOrEqual(4);
    await registry.close();
    await proxy.close();
  });

  it("sends a token source's tokens, and tells it of the one the cluster refused", async () => {
    const secured = await startKubeSandbox({ token: 's3cret' });
    let token = 'expired';
    const refused: Array<string | undefined> = [];
    const kubeConfig = kubeConfigFor(secured.url);
    const registry = ClusterRegistry.fromKubeConfigs(
      [
        {
          name: 'sb',
          kubeConfig,
          credentials: {
            token: async () => token,
            refused: authorization => refused.push(authorization),
          },
        },
      ],
      FAST,
    );
    try {
      await expect(
        registry.get('sb').core.readNamespace({ name: 'default' }),
      ).rejects.toMatchObject({ code: 401 });
      expect(refused).toEqual(['Bearer expired']);
      token = 's3cret';
      await expect(
        registry.get('sb').core.readNamespace({ name: 'default' }),
      ).resolves.toBeDefined();
      await expect(
        registry.get('sb').json.get('/api/v1/namespaces/default'),
      ).resolves.toMatchObject({ metadata: { name: 'default' } });
      expect(refused).toEqual(['Bearer expired']);
    } finally {
      await registry.close();
      await secured.close();
    }
  });

  it('reads clusters the way the kubernetes plugin declares them, plus kubeconfig contexts', async () => {
    const secured = await startKubeSandbox({ token: 's3cret' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ns-kubeconfig-'));
    const kubeconfigPath = path.join(dir, 'config');
    fs.writeFileSync(kubeconfigPath, sandbox.kubeConfigYaml('dev-context'));
    const logger = mockServices.logger.mock();
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'prod',
                url: secured.url,
                authProvider: 'serviceAccount',
                serviceAccountToken: 's3cret',
                skipTLSVerify: true,
              },
              {
                name: 'gke',
                url: 'https://example.invalid',
                authProvider: 'google',
              },
            ],
          },
          { type: 'gke', projectId: 'x' },
        ],
      },
      namespaceScheduler: {
        clusters: [
          { name: 'dev', kubeconfigPath, kubeconfigContext: 'dev-context' },
        ],
      },
    });
    const registry = ClusterRegistry.fromConfig(config, {
      logger,
      extraClusters: [{ name: 'extra', kubeConfig: sandbox.kubeConfigYaml() }],
    });
    try {
      expect(registry.clusterNames().sort()).toEqual([
        'dev',
        'extra',
        'gke',
        'prod',
      ]);
      await expect(
        registry.get('prod').core.readNamespace({ name: 'default' }),
      ).resolves.toBeDefined();
      await expect(
        registry.get('dev').core.readNamespace({ name: 'default' }),
      ).resolves.toBeDefined();
      // Kept, so readiness reports it, but every request fails saying why.
      const gke =
        'Cluster "gke": authProvider "google" authenticates with the signed-in' +
        " user's own token, which the Namespace Scheduler does not have when" +
        ' it acts on its own (schedules, cache); use "googleServiceAccount" for this cluster';
      await expect(
        registry.get('gke').core.readNamespace({ name: 'default' }),
      ).rejects.toThrow(gke);
      expect(logger.warn).toHaveBeenCalledWith(
        `${gke}; its requests fail until this is fixed (see /health/ready)`,
      );
      expect(logger.warn).toHaveBeenCalledWith(
        'Cluster locator type "gke" is not supported; skipped',
      );
    } finally {
      await registry.close();
      await secured.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

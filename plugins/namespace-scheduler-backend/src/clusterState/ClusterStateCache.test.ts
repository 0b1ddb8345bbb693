import type { KubeObject } from '@namespace-scheduler/kube-sandbox';
import {
  CLUSTER,
  EngineSandbox,
  startEngineSandbox,
} from '../engine/__testUtils__/engineSandbox';
import { CachedNamespaceOperations } from './CachedNamespaceOperations';
import { ClusterStateCache } from './ClusterStateCache';

const NS = 'team-a';

function deployment(name: string, replicas: number): KubeObject {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NS },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name, image: `${name}:1` }] },
      },
    },
  };
}

const OBJECTS: KubeObject[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
  deployment('web', 2),
  deployment('api', 1),
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'api', namespace: NS },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'api',
      },
      minReplicas: 2,
      maxReplicas: 5,
    },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'report', namespace: NS },
    spec: {
      schedule: '0 * * * *',
      jobTemplate: {
        spec: {
          template: {
            spec: {
              restartPolicy: 'Never',
              containers: [{ name: 'r', image: 'r:1' }],
            },
          },
        },
      },
    },
  },
];

/** Polls until `check` holds; fails with `what` after `ms`. */
async function eventually(
  what: string,
  check: () => boolean | Promise<boolean>,
  ms = 3_000,
): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`timed out: ${what}`);
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  return Date.now() - started;
}

describe('ClusterStateCache', () => {
  let env: EngineSandbox;
  let cache: ClusterStateCache;
  let warnings: string[];

  async function start(options: { watchHistory?: number; keda?: boolean }) {
    env = await startEngineSandbox({
      sandbox: { objects: OBJECTS, readyDelayMs: 0, ...options },
      access: { retryMaxAttempts: 0, requestTimeoutMs: 500 },
    });
    warnings = [];
    cache = ClusterStateCache.create({
      clusters: env.registry,
      logger: { warn: message => warnings.push(message) },
      watchTimeoutSeconds: 1,
      backoff: { initialMs: 20, maxMs: 100 },
    });
    cache.start();
    await eventually('initial sync', () => cache.isSynced(CLUSTER));
  }

  afterEach(async () => {
    await cache.stop();
    await env.close();
  });

  const level = (name: string) =>
    cache
      .workloads(CLUSTER, NS)
      ?.find(w => w.kind === 'Deployment' && w.name === name)?.level;

  it('describes a namespace from memory exactly as a live read does', async () => {
    await start({ keda: true });
    env.sandbox.store.put({
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: {
        name: 'web-scaler',
        namespace: NS,
        annotations: { 'autoscaling.keda.sh/paused-replicas': '0' },
      },
      spec: { scaleTargetRef: { name: 'web' } },
    });
    await eventually('ScaledObject cached', () =>
      Boolean(cache.workloads(CLUSTER, NS)?.some(w => w.name === 'web-scaler')),
    );

    const cached = await CachedNamespaceOperations.create({
      engine: env.engine,
      cache,
    }).status(CLUSTER, NS);
    const live = await env.engine.status(CLUSTER, NS);

    expect({ ...cached, observedAt: '' }).toEqual({ ...live, observedAt: '' });
    expect(cached.workloads.map(w => `${w.kind}/${w.name}`)).toEqual([
      'Deployment/api',
      'Deployment/web',
      'HorizontalPodAutoscaler/api',
      'CronJob/report',
      'ScaledObject/web-scaler',
    ]);
  });

  it('reflects a change made by someone else within a short time', async () => {
    await start({});
    env.sandbox.store.put(deployment('web', 0));

    const elapsed = await eventually(
      'replicas 0 cached',
      () => level('web') === 0,
    );
    expect(elapsed).toBeLessThan(1_000);

    env.sandbox.store.delete('Deployment', NS, 'api');
    await eventually('deletion cached', () => level('api') === undefined);
    expect(cache.workloads(CLUSTER, 'no-such-namespace')).toBeUndefined();
  });

  it('serves the same workloads until the namespace changes, and describes them afresh then', async () => {
    await start({});
    const operations = CachedNamespaceOperations.create({
      engine: env.engine,
      cache,
    });
    const first = cache.workloads(CLUSTER, NS);
    const before = await operations.status(CLUSTER, NS);
    env.sandbox.store.put({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'elsewhere' },
    });
    env.sandbox.store.put({
      ...deployment('other', 1),
      metadata: { name: 'other', namespace: 'elsewhere' },
    });
    await eventually('other namespace cached', () =>
      Boolean(cache.workloads(CLUSTER, 'elsewhere')?.length),
    );
    expect(cache.workloads(CLUSTER, NS)).toBe(first);

    env.sandbox.store.put(deployment('web', 0));
    await eventually('replicas 0 cached', () => level('web') === 0);
    expect(cache.workloads(CLUSTER, NS)).not.toBe(first);
    const after = await operations.status(CLUSTER, NS);
    expect(before.counts.awake).toBe(3);
    expect(after.counts.awake).toBe(2);
    // Scaled to 0 by hand, not by a sleep: off, and left so by wake.
    expect(after.workloads.find(w => w.name === 'web')?.state).toBe('off');
  });

  it('relists when the watch resumes from a compacted resourceVersion (410 Gone)', async () => {
    await start({ watchHistory: 5 });
    // Delay the deployments watch's next reconnection (the server ends each
    // watch after 1 s) while more changes than the history holds are made.
    const delayed = env.sandbox.faults.add({
      verb: 'watch',
      resource: 'deployments',
      latencyMs: 1_500,
      times: 1,
    });
    await eventually('reconnection delayed', () => delayed.fired === 1);
    const listsBefore = deploymentLists(env);
    for (let replicas = 3; replicas <= 12; replicas++) {
      env.sandbox.store.put(deployment('web', replicas));
    }

    await eventually('relisted state', () => level('web') === 12, 5_000);
    expect(deploymentLists(env)).toBeGreaterThan(listsBefore);
    // A 410 is routine: relisted at once, not logged as a failure.
    expect(warnings).toEqual([]);
    expect(
      env.sandbox
        .stats()
        .requests.some(r => r.verb === 'watch' && r.resource === 'deployments'),
    ).toBe(true);
  });

  it('reads a cluster that stops answering as unknown, not as its last state', async () => {
    await start({});
    const status = CachedNamespaceOperations.create({
      engine: env.engine,
      cache,
    });
    expect((await status.status(CLUSTER, NS)).state).toBe('awake');

    // Black-holed: new watches never answer, everything else fails.
    env.sandbox.faults.add({ verb: 'watch', hang: true });
    env.sandbox.faults.add({ verb: ['get', 'list'], status: 503 });

    // Bound: the open watch ends after 1 s, its replacement is given up
    // 1 s + 5 s grace later; then reads go live and fail.
    const elapsed = await eventually(
      'state unknown',
      async () => (await status.status(CLUSTER, NS)).state === 'unknown',
      9_000,
    );
    expect(elapsed).toBeLessThan(8_000);
    expect(cache.isSynced(CLUSTER)).toBe(false);
    expect(warnings.some(w => w.includes('watch went silent'))).toBe(true);
  }, 15_000);

  it('reads a namespace live after its own writes until the cache has caught up', async () => {
    await start({});
    const operations = CachedNamespaceOperations.create({
      engine: env.engine,
      cache,
    });
    const result = await operations.run(CLUSTER, NS, { operation: 'sleep' });
    expect(result.success).toBe(true);

    expect((await operations.status(CLUSTER, NS)).state).toBe('asleep');

    // Once a live read matches the cache, reads are served from memory again.
    await eventually('served from memory', async () => {
      const before = env.sandbox.stats().total;
      await operations.status(CLUSTER, NS);
      return env.sandbox.stats().total === before;
    });
    expect((await operations.status(CLUSTER, NS)).state).toBe('asleep');
  });

  it('keeps serving status from memory after a dry run', async () => {
    await start({});
    const operations = CachedNamespaceOperations.create({
      engine: env.engine,
      cache,
    });
    await operations.run(CLUSTER, NS, { operation: 'sleep' }, { dryRun: true });
    const before = env.sandbox.stats().total;

    expect((await operations.status(CLUSTER, NS)).state).toBe('awake');
    expect(env.sandbox.stats().total).toBe(before);
  });
});

function deploymentLists(env: EngineSandbox): number {
  return env.sandbox
    .stats()
    .requests.filter(r => r.verb === 'list' && r.resource === 'deployments')
    .length;
}

import {
  K8S_ANNOTATIONS,
  OperationProgressEvent,
} from '@namespace-scheduler/backstage-plugin-common';
import {
  CLUSTER,
  deployment,
  EngineSandbox,
  liveState,
  namespaceObject,
  SEED_DIR,
  startEngineSandbox,
} from './__testUtils__/engineSandbox';

const NS = 'shop-dev';
/** The sandbox's shop-dev (api-gateway → user-service → redis) plus a workload its team keeps running. */
const EXCLUDED = deployment(NS, 'debug-toolbox', 1, {
  [K8S_ANNOTATIONS.exclude]: 'true',
});

describe('NamespaceEngine against the sandbox', () => {
  let env: EngineSandbox;

  beforeEach(async () => {
    env = await startEngineSandbox({
      sandbox: {
        seedDir: SEED_DIR,
        objects: [
          EXCLUDED,
          namespaceObject('empty'),
          deployment('search-sandbox', 'orphan', 0),
          deployment('search-sandbox', 'garbled', 0, {
            [K8S_ANNOTATIONS.originalReplicas]: 'three',
          }),
        ],
      },
    });
  });
  afterEach(() => env.close());

  it('sleeps the shop-dev namespace and wakes it back to every original exactly', async () => {
    const before = liveState(env.sandbox, NS);

    const slept = await env.engine.run(CLUSTER, NS, { operation: 'sleep' });
    expect(slept).toMatchObject({
      success: true,
      total_scaled: 6,
      rollback_performed: false,
    });
    expect(slept.skipped_resources).toEqual([
      {
        type: 'Deployment',
        name: 'debug-toolbox',
        reason: 'excluded by namespace-scheduler/exclude',
      },
    ]);
    expect(slept.originals).toEqual(
      expect.arrayContaining([
        { type: 'StatefulSet', name: 'redis', value: 1 },
        { type: 'Deployment', name: 'api-gateway', value: 2 },
        { type: 'HorizontalPodAutoscaler', name: 'user-service', value: 2 },
        { type: 'CronJob', name: 'session-cleanup', value: 1 },
      ]),
    );
    expect(liveState(env.sandbox, NS)).toMatchObject({
      'Deployment/api-gateway': {
        replicas: 0,
        annotations: { [K8S_ANNOTATIONS.originalReplicas]: '2' },
      },
      'StatefulSet/redis': {
        replicas: 0,
        annotations: { [K8S_ANNOTATIONS.originalReplicas]: '1' },
      },
      'HorizontalPodAutoscaler/api-gateway': {
        minReplicas: 1,
        annotations: { [K8S_ANNOTATIONS.originalMinReplicas]: '2' },
      },
      'CronJob/session-cleanup': {
        suspend: true,
        annotations: { [K8S_ANNOTATIONS.originalSuspend]: 'false' },
      },
      'Deployment/debug-toolbox': before['Deployment/debug-toolbox'],
    });
    expect((await env.engine.status(CLUSTER, NS)).state).toBe('asleep');

    const woken = await env.engine.run(CLUSTER, NS, { operation: 'wake' });
    expect(woken).toMatchObject({ success: true, total_scaled: 6 });
    expect(liveState(env.sandbox, NS)).toEqual(before);
    expect((await env.engine.status(CLUSTER, NS)).state).toBe('awake');
  });

  it('keeps the originals when sleeping twice', async () => {
    const before = liveState(env.sandbox, NS);
    await env.engine.run(CLUSTER, NS, { operation: 'sleep' });
    const asleep = liveState(env.sandbox, NS);

    const again = await env.engine.run(CLUSTER, NS, { operation: 'sleep' });
    expect(again).toMatchObject({ success: true, total_scaled: 0 });
    expect(
      again.skipped_resources.filter(s => s.reason === 'already asleep'),
    ).toHaveLength(6);
    expect(again.originals).toContainEqual({
      type: 'Deployment',
      name: 'user-service',
      value: 2,
    });
    expect(liveState(env.sandbox, NS)).toEqual(asleep);

    await env.engine.run(CLUSTER, NS, { operation: 'wake' });
    expect(liveState(env.sandbox, NS)).toEqual(before);
  });

  it('plans a dry run with server-side dryRun=All and changes nothing', async () => {
    const before = liveState(env.sandbox, NS);
    const revision = env.sandbox.store.resourceVersion;
    env.sandbox.resetStats();

    const plan = await env.engine.run(
      CLUSTER,
      NS,
      { operation: 'sleep' },
      { dryRun: true },
    );

    expect(plan).toMatchObject({
      success: true,
      dry_run: true,
      total_scaled: 6,
    });
    expect(plan.scaled_resources.every(r => r.status === 'planned')).toBe(true);
    expect(plan.scaled_resources).toContainEqual({
      type: 'StatefulSet',
      name: 'redis',
      from_replicas: 1,
      to_replicas: 0,
      status: 'planned',
    });
    const patches = env.sandbox
      .stats()
      .requests.filter(r => r.method === 'PATCH');
    expect(patches).toHaveLength(6);
    expect(
      patches.every(r => new URLSearchParams(r.query).get('dryRun') === 'All'),
    ).toBe(true);
    expect(env.sandbox.store.resourceVersion).toBe(revision);
    expect(liveState(env.sandbox, NS)).toEqual(before);
  });

  it('detects drift: a workload scaled back up while its namespace sleeps', async () => {
    await env.engine.run(CLUSTER, NS, { operation: 'sleep' });
    const gateway = env.sandbox.store.get('Deployment', NS, 'api-gateway')!;
    env.sandbox.store.put({
      ...gateway,
      spec: { ...(gateway.spec as object), replicas: 3 },
    });

    const status = await env.engine.status(CLUSTER, NS);
    expect(status.state).toBe('partial');
    expect(
      status.workloads.find(
        w => w.name === 'api-gateway' && w.kind === 'Deployment',
      ),
    ).toMatchObject({
      state: 'awake',
      replicas: 3,
      originalReplicas: 2,
      drift: expect.stringContaining('scaled to 3 while asleep'),
    });

    // Sleeping again stops it but keeps the original recorded before the drift.
    await env.engine.run(CLUSTER, NS, { operation: 'sleep' });
    expect(liveState(env.sandbox, NS)['Deployment/api-gateway']).toMatchObject({
      replicas: 0,
      annotations: { [K8S_ANNOTATIONS.originalReplicas]: '2' },
    });
  });

  it('reports an empty namespace as asleep and a missing one as unknown', async () => {
    await expect(env.engine.status(CLUSTER, 'empty')).resolves.toMatchObject({
      state: 'asleep',
      counts: { total: 0 },
    });
    await expect(env.engine.status(CLUSTER, 'nope')).resolves.toMatchObject({
      state: 'unknown',
      error: 'Namespace "nope" not found in cluster "sandbox"',
    });
    await expect(env.engine.status('elsewhere', NS)).resolves.toMatchObject({
      state: 'unknown',
      error: 'Cluster "elsewhere" is not configured',
    });
    await expect(
      env.engine.run(CLUSTER, 'nope', { operation: 'sleep' }),
    ).resolves.toMatchObject({
      success: false,
      errors: ['Namespace "nope" not found in cluster "sandbox"'],
    });
  });

  it('wakes a garbled original at 1, leaves what no sleep stopped, and honours downscaler/original-replicas', async () => {
    const woken = await env.engine.run(CLUSTER, 'search-sandbox', {
      operation: 'wake',
    });
    expect(woken.success).toBe(true);
    expect(woken.skipped_resources).toContainEqual({
      type: 'Deployment',
      name: 'orphan',
      reason: expect.stringContaining('left as the team set it'),
    });
    expect(liveState(env.sandbox, 'search-sandbox')).toMatchObject({
      'Deployment/search-api': { replicas: 2, annotations: {} },
      'Deployment/orphan': { replicas: 0 },
      'Deployment/garbled': { replicas: 1, annotations: {} },
      // kube-downscaler's annotation is read, and left for kube-downscaler.
      'StatefulSet/elasticsearch': {
        replicas: 1,
        annotations: { [K8S_ANNOTATIONS.downscalerOriginalReplicas]: '1' },
      },
      'CronJob/reindex': { suspend: false, annotations: {} },
    });
  });

  it('scales Deployments and StatefulSets to N, and to 0 like a sleep', async () => {
    const scaled = await env.engine.run(CLUSTER, NS, {
      operation: 'scale',
      replicas: 3,
    });
    expect(scaled).toMatchObject({
      success: true,
      target_replicas: 3,
      total_scaled: 3,
    });
    expect(liveState(env.sandbox, NS)).toMatchObject({
      'Deployment/api-gateway': { replicas: 3 },
      'StatefulSet/redis': { replicas: 3 },
      'Deployment/debug-toolbox': { replicas: 1 },
    });
    const down = await env.engine.run(CLUSTER, NS, {
      operation: 'scale',
      replicas: 0,
    });
    expect(down).toMatchObject({ success: true, total_scaled: 6 });
    expect((await env.engine.status(CLUSTER, NS)).state).toBe('asleep');
    await expect(
      env.engine.run(CLUSTER, NS, { operation: 'scale', replicas: -1 }),
    ).resolves.toMatchObject({
      success: false,
    });
  });
});

describe('wake order', () => {
  it('wakes StatefulSets first and waits until their scale is accepted', async () => {
    // The statefulset controller observes a new spec 150 ms after it is written.
    const env = await startEngineSandbox({
      sandbox: { seedDir: SEED_DIR, controllerDelayMs: 150 },
    });
    try {
      await env.engine.run(CLUSTER, NS, { operation: 'sleep' });
      const events: Array<OperationProgressEvent & { at: number }> = [];
      await env.engine.run(
        CLUSTER,
        NS,
        { operation: 'wake' },
        {
          onProgress: e => events.push({ ...e, at: Date.now() }),
        },
      );

      const redisStarted = events.find(
        e => e.name === 'redis' && e.stage === 'started',
      )!;
      const redisDone = events.find(
        e => e.name === 'redis' && e.stage === 'succeeded',
      )!;
      const firstDeployment = events.find(
        e => e.type === 'Deployment' && e.stage === 'started',
      )!;
      expect(events[0]).toMatchObject({
        type: 'StatefulSet',
        stage: 'started',
      });
      expect(redisDone.at - redisStarted.at).toBeGreaterThanOrEqual(100);
      expect(events.indexOf(firstDeployment)).toBeGreaterThan(
        events.indexOf(redisDone),
      );
      expect(events.at(-1)).toMatchObject({
        type: 'CronJob',
        stage: 'succeeded',
      });
    } finally {
      await env.close();
    }
  });

  it('lets namespace-scheduler/wake-phase move a workload ahead, and sleeps in reverse', async () => {
    const early = deployment(NS, 'config-server', 1, {
      [K8S_ANNOTATIONS.wakePhase]: '-1',
    });
    const env = await startEngineSandbox({
      sandbox: { seedDir: SEED_DIR, objects: [early] },
    });
    try {
      const slept: string[] = [];
      await env.engine.run(
        CLUSTER,
        NS,
        { operation: 'sleep' },
        {
          onProgress: e => e.stage === 'started' && slept.push(e.name),
        },
      );
      expect(slept.at(-1)).toBe('config-server');
      const woken: string[] = [];
      await env.engine.run(
        CLUSTER,
        NS,
        { operation: 'wake' },
        {
          onProgress: e => e.stage === 'started' && woken.push(e.name),
        },
      );
      expect(woken.slice(0, 2)).toEqual(['config-server', 'redis']);
    } finally {
      await env.close();
    }
  });
});

describe('KEDA ScaledObjects', () => {
  const scaledObject = (
    name: string,
    target: string,
    annotations: Record<string, string> = {},
  ) => ({
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name, namespace: 'jobs', annotations },
    spec: {
      scaleTargetRef: { name: target },
      minReplicaCount: 1,
      maxReplicaCount: 5,
      triggers: [],
    },
  });
  let sandboxEnv: EngineSandbox;
  // No annotations left means no annotations map (omitempty), as on kube-apiserver.
  const paused = (name: string) =>
    sandboxEnv.sandbox.store.get('ScaledObject', 'jobs', name)?.metadata
      .annotations ?? {};

  afterEach(() => sandboxEnv.close());

  it('pauses them at 0 replicas while asleep and unpauses them on wake', async () => {
    sandboxEnv = await startEngineSandbox({
      sandbox: {
        keda: true,
        objects: [
          namespaceObject('jobs'),
          deployment('jobs', 'worker', 2),
          deployment('jobs', 'batch', 1),
          scaledObject('worker', 'worker'),
          scaledObject('batch', 'batch', {
            [K8S_ANNOTATIONS.kedaPausedReplicas]: '3',
          }),
        ],
      },
    });
    const slept = await sandboxEnv.engine.run(CLUSTER, 'jobs', {
      operation: 'sleep',
    });
    expect(slept.success).toBe(true);
    expect(paused('worker')).toEqual({
      [K8S_ANNOTATIONS.kedaPausedReplicas]: '0',
      [K8S_ANNOTATIONS.originalPausedReplicas]: 'none',
    });
    expect(slept.skipped_resources).toContainEqual({
      type: 'ScaledObject',
      name: 'batch',
      reason: 'paused by another actor at 3 replicas',
    });
    expect(
      (await sandboxEnv.engine.status(CLUSTER, 'jobs')).workloads,
    ).toContainEqual(
      expect.objectContaining({
        kind: 'ScaledObject',
        name: 'worker',
        paused: true,
        state: 'asleep',
      }),
    );

    await sandboxEnv.engine.run(CLUSTER, 'jobs', { operation: 'wake' });
    expect(paused('worker')).toEqual({});
    expect(paused('batch')).toEqual({
      [K8S_ANNOTATIONS.kedaPausedReplicas]: '3',
    });
  });

  it('does not look for ScaledObjects where the keda.sh API is not served', async () => {
    sandboxEnv = await startEngineSandbox({
      sandbox: { objects: [namespaceObject('jobs')] },
    });
    await expect(
      sandboxEnv.engine.run(CLUSTER, 'jobs', { operation: 'sleep' }),
    ).resolves.toMatchObject({ success: true });
    expect(
      sandboxEnv.sandbox.stats().requests.some(r => r.path.includes('keda.sh')),
    ).toBe(false);
  });
});

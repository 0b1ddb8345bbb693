import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  V1Deployment,
  V1StatefulSet,
} from '@kubernetes/client-node';
import {
  ControlPlane,
  describeOnRealControlPlane,
  FakeKubelet,
  startControlPlane,
  startFakeKubelet,
} from '.';

const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

async function eventually<T>(
  what: string,
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (ok(last)) return last;
    await sleep(200);
  }
  throw new Error(
    `${what}: not within ${timeoutMs} ms; last ${JSON.stringify(last)}`,
  );
}

const labels = (app: string) => ({ app });
const podSpec = (app: string) => ({
  metadata: { labels: labels(app) },
  spec: {
    containers: [{ name: 'web', image: 'registry.example/web:1' }],
    initContainers: [{ name: 'init', image: 'registry.example/init:1' }],
  },
});

function deployment(name: string, replicas: number): V1Deployment {
  return {
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: labels(name) },
      template: podSpec(name),
    },
  };
}

function statefulSet(name: string, replicas: number): V1StatefulSet {
  return {
    metadata: { name },
    spec: {
      replicas,
      serviceName: name,
      podManagementPolicy: 'OrderedReady',
      selector: { matchLabels: labels(name) },
      template: podSpec(name),
    },
  };
}

describeOnRealControlPlane('fake kubelet', () => {
  let cp: ControlPlane;
  let core: CoreV1Api;
  let apps: AppsV1Api;

  beforeAll(async () => {
    cp = await startControlPlane({
      controllerManager: true,
      fakeKubelet: { namespaces: ['fk-a', 'fk-b'], readyDelayMs: 200 },
    });
    const kc = new KubeConfig();
    kc.loadFromString(cp.kubeConfigYaml());
    core = kc.makeApiClient(CoreV1Api);
    apps = kc.makeApiClient(AppsV1Api);
    for (const name of ['fk-a', 'fk-b', 'fk-c']) {
      await core.createNamespace({ body: { metadata: { name } } });
    }
  }, 120_000);

  afterAll(() => cp?.stop());

  const readyReplicas = async (
    kind: 'deployment' | 'statefulset',
    name: string,
    namespace: string,
  ) => {
    const obj =
      kind === 'deployment'
        ? await apps.readNamespacedDeployment({ name, namespace })
        : await apps.readNamespacedStatefulSet({ name, namespace });
    return {
      replicas: obj.status?.replicas ?? 0,
      ready: obj.status?.readyReplicas ?? 0,
    };
  };
  const podsOf = async (namespace: string, app: string) =>
    (await core.listNamespacedPod({ namespace, labelSelector: `app=${app}` }))
      .items;

  it('brings a Deployment of 3 replicas to readyReplicas 3', async () => {
    await apps.createNamespacedDeployment({
      namespace: 'fk-a',
      body: deployment('web', 3),
    });
    await eventually(
      'deployment web ready',
      () => readyReplicas('deployment', 'web', 'fk-a'),
      s => s.ready === 3,
    );
    const pods = await podsOf('fk-a', 'web');
    expect(pods).toHaveLength(3);
    const pod = pods[0];
    expect(pod.spec?.nodeName).toBeUndefined();
    expect(pod.status).toMatchObject({
      phase: 'Running',
      podIP: expect.stringMatching(/^10\.244\.\d+\.\d+$/),
      startTime: expect.any(Date),
      containerStatuses: [
        expect.objectContaining({ name: 'web', ready: true, started: true }),
      ],
      initContainerStatuses: [
        expect.objectContaining({
          name: 'init',
          state: expect.objectContaining({
            terminated: expect.objectContaining({ exitCode: 0 }),
          }),
        }),
      ],
    });
    const conditions = Object.fromEntries(
      (pod.status?.conditions ?? []).map(c => [c.type, c.status]),
    );
    expect(conditions).toMatchObject({
      PodScheduled: 'True',
      Initialized: 'True',
      ContainersReady: 'True',
      Ready: 'True',
    });
    expect(new Set(pods.map(p => p.status?.podIP)).size).toBe(3);
  }, 90_000);

  it('brings an OrderedReady StatefulSet of 2 to readyReplicas 2', async () => {
    await apps.createNamespacedStatefulSet({
      namespace: 'fk-b',
      body: statefulSet('db', 2),
    });
    await eventually(
      'statefulset db ready',
      () => readyReplicas('statefulset', 'db', 'fk-b'),
      s => s.ready === 2,
    );
    expect(
      (await podsOf('fk-b', 'db')).map(p => p.metadata?.name).sort(),
    ).toEqual(['db-0', 'db-1']);
  }, 90_000);

  it('scales both to 0 and back', async () => {
    const scale = (replicas: number) =>
      Promise.all([
        apps.patchNamespacedDeploymentScale(
          { name: 'web', namespace: 'fk-a', body: { spec: { replicas } } },
          MERGE_PATCH,
        ),
        apps.patchNamespacedStatefulSetScale(
          { name: 'db', namespace: 'fk-b', body: { spec: { replicas } } },
          MERGE_PATCH,
        ),
      ]);
    await scale(0);
    for (const [kind, name, ns] of [
      ['deployment', 'web', 'fk-a'],
      ['statefulset', 'db', 'fk-b'],
    ] as const) {
      await eventually(
        `${name} down`,
        async () => ({
          ...(await readyReplicas(kind, name, ns)),
          pods: (await podsOf(ns, name)).length,
        }),
        s => s.replicas === 0 && s.ready === 0 && s.pods === 0,
      );
    }
    await scale(3);
    await eventually(
      'web back up',
      () => readyReplicas('deployment', 'web', 'fk-a'),
      s => s.ready === 3,
    );
    await eventually(
      'db back up',
      () => readyReplicas('statefulset', 'db', 'fk-b'),
      s => s.ready === 3,
    );
    expect(
      (await podsOf('fk-b', 'db')).map(p => p.metadata?.name).sort(),
    ).toEqual(['db-0', 'db-1', 'db-2']);
  }, 120_000);

  it('leaves pods outside its namespaces Pending; a second kubelet for them takes over', async () => {
    await apps.createNamespacedDeployment({
      namespace: 'fk-c',
      body: deployment('other', 2),
    });
    const pods = await eventually(
      'pods of other created',
      () => podsOf('fk-c', 'other'),
      p => p.length === 2,
    );
    await sleep(1000);
    expect((await podsOf('fk-c', 'other')).map(p => p.status?.phase)).toEqual([
      'Pending',
      'Pending',
    ]);
    expect(pods.every(p => !p.status?.podIP)).toBe(true);

    let kubelet: FakeKubelet | undefined;
    try {
      kubelet = await startFakeKubelet(
        { url: cp.url, token: cp.adminToken, caData: cp.caData },
        { namespaces: ['fk-c'] },
      );
      await eventually(
        'other ready',
        () => readyReplicas('deployment', 'other', 'fk-c'),
        s => s.ready === 2,
      );
      expect(kubelet.markedCount()).toBe(2);
    } finally {
      await kubelet?.stop();
    }
  }, 90_000);

  it('completes the deletion of a pod bound to a node, as a kubelet does', async () => {
    await core.createNamespacedPod({
      namespace: 'fk-a',
      body: {
        metadata: { name: 'bound' },
        spec: {
          nodeName: 'node-that-does-not-exist',
          containers: [{ name: 'c', image: 'registry.example/c:1' }],
        },
      },
    });
    await eventually(
      'bound pod running',
      () => core.readNamespacedPod({ name: 'bound', namespace: 'fk-a' }),
      p => p.status?.phase === 'Running',
    );
    const deleted = await core.deleteNamespacedPod({
      name: 'bound',
      namespace: 'fk-a',
    });
    // Bound to a node, the pod waits out its grace period for a kubelet...
    expect(deleted.metadata?.deletionGracePeriodSeconds).toBe(30);
    // ...which ends it at once.
    await eventually(
      'bound pod gone',
      () =>
        core.readNamespacedPod({ name: 'bound', namespace: 'fk-a' }).then(
          () => false,
          e => (e as { code?: number }).code === 404,
        ),
      gone => gone,
      20_000,
    );
  }, 60_000);
});

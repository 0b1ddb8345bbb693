import { PatchStrategy } from '@kubernetes/client-node';
import {
  clientsFor,
  deployment,
  namespace,
  patchAs,
} from './__testUtils__/clients';
import { KubeSandbox, startKubeSandbox } from './sandbox';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('the workload controller', () => {
  let sandbox: KubeSandbox;

  afterEach(() => sandbox.close());

  it('makes one running pod per ready replica, owned like a ReplicaSet would', async () => {
    sandbox = await startKubeSandbox({
      objects: [namespace('team-a'), deployment('web', 'team-a', 2)],
    });
    const { core, apps } = clientsFor(sandbox);
    const pods = await core.listNamespacedPod({
      namespace: 'team-a',
      labelSelector: 'app=web',
    });
    expect(pods.items).toHaveLength(2);
    const [pod] = pods.items;
    expect(pod.metadata?.name).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}$/);
    expect(pod.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'ReplicaSet',
      controller: true,
    });
    expect(pod.status).toMatchObject({
      phase: 'Running',
      qosClass: 'Burstable',
    });
    expect(pod.spec?.containers[0].resources?.requests).toEqual({
      cpu: '100m',
      memory: '128Mi',
    });

    await core.deleteNamespacedPod({
      name: pod.metadata?.name ?? '',
      namespace: 'team-a',
    });
    const replaced = await core.listNamespacedPod({ namespace: 'team-a' });
    expect(replaced.items).toHaveLength(2);
    expect(replaced.items.map(p => p.metadata?.name)).not.toContain(
      pod.metadata?.name,
    );

    await apps.patchNamespacedDeploymentScale(
      { name: 'web', namespace: 'team-a', body: { spec: { replicas: 0 } } },
      patchAs(PatchStrategy.MergePatch),
    );
    expect(
      (
        await core.listPodForAllNamespaces({
          fieldSelector: 'metadata.namespace=team-a',
        })
      ).items,
    ).toEqual([]);
  });

  it('observes a new spec right after the write and has its replicas ready readyDelayMs later', async () => {
    sandbox = await startKubeSandbox({
      objects: [namespace('team-a'), deployment('web', 'team-a', 2)],
      readyDelayMs: 100,
    });
    const { apps } = clientsFor(sandbox);
    const web = () => sandbox.store.get('Deployment', 'team-a', 'web');
    expect(web()?.status).toEqual({});
    await sleep(20);
    // Seen (observedGeneration, the revision), nothing ready yet.
    expect(web()?.status).toMatchObject({
      observedGeneration: 1,
      replicas: 2,
      updatedReplicas: 2,
      unavailableReplicas: 2,
    });
    expect(web()?.status).not.toHaveProperty('readyReplicas');
    expect(web()?.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
    });
    expect(sandbox.store.list('Pod', 'team-a')).toEqual([]);
    await sleep(150);
    expect(web()?.status).toMatchObject({
      readyReplicas: 2,
      availableReplicas: 2,
      observedGeneration: 1,
    });
    expect(sandbox.store.list('Pod', 'team-a')).toHaveLength(2);

    const from = sandbox.store.resourceVersion;
    const up = await apps.patchNamespacedDeployment(
      { name: 'web', namespace: 'team-a', body: { spec: { replicas: 3 } } },
      patchAs(PatchStrategy.MergePatch),
    );
    // The response: the status as the controller last wrote it.
    expect(up.status).toMatchObject({
      observedGeneration: 1,
      readyReplicas: 2,
    });
    await sleep(20);
    expect(web()?.status).toMatchObject({
      observedGeneration: 2,
      replicas: 3,
      readyReplicas: 2,
      unavailableReplicas: 1,
    });
    await sleep(150);
    expect(web()?.status).toMatchObject({ readyReplicas: 3 });
    expect(sandbox.store.list('Pod', 'team-a')).toHaveLength(3);

    // Scaling down needs no kubelet: pods without a node go at once.
    await apps.patchNamespacedDeployment(
      { name: 'web', namespace: 'team-a', body: { spec: { replicas: 0 } } },
      patchAs(PatchStrategy.MergePatch),
    );
    await sleep(20);
    expect(Object.keys(web()?.status ?? {}).sort()).toEqual([
      'conditions',
      'observedGeneration',
    ]);
    expect(sandbox.store.list('Pod', 'team-a')).toEqual([]);

    const res = await fetch(
      `${sandbox.url}/apis/apps/v1/deployments?watch=true&resourceVersion=${from}&timeoutSeconds=0`,
    );
    const events = (await res.text())
      .trim()
      .split('\n')
      .map(line => JSON.parse(line));
    expect(
      events.map(e => [
        e.type,
        e.object.spec.replicas,
        e.object.status.observedGeneration,
        e.object.status.readyReplicas,
      ]),
    ).toEqual([
      ['MODIFIED', 3, 1, 2], // the patch
      ['MODIFIED', 3, 2, 2], // observed
      ['MODIFIED', 3, 2, 3], // ready
      ['MODIFIED', 0, 2, 3], // the patch
      ['MODIFIED', 0, 3, undefined], // observed: nothing left to wait for
    ]);
  });

  it('writes the Deployment conditions and the StatefulSet revisions as their controllers do', async () => {
    sandbox = await startKubeSandbox({
      objects: [namespace('team-a'), deployment('web', 'team-a', 4)],
      readyDelayMs: 100,
    });
    const web = () => sandbox.store.get('Deployment', 'team-a', 'web');
    await sleep(20);
    const conditions = () =>
      (
        (web()?.status as { conditions: unknown }).conditions as {
          type: string;
          status: string;
          reason: string;
        }[]
      ).map(c => `${c.type}=${c.status} ${c.reason}`);
    expect(conditions()).toEqual([
      'Available=False MinimumReplicasUnavailable',
      'Progressing=True ReplicaSetUpdated',
    ]);
    await sleep(150);
    expect(conditions()).toEqual([
      'Available=True MinimumReplicasAvailable',
      'Progressing=True NewReplicaSetAvailable',
    ]);
    // 4 → 5 with 4 ready: 25% of 5 rounds down to 1 unavailable allowed: available.
    sandbox.store.put({
      ...deployment('web', 'team-a', 5),
      status: web()?.status,
    });
    await sleep(20);
    expect(conditions()).toEqual([
      'Available=True MinimumReplicasAvailable',
      'Progressing=True NewReplicaSetAvailable',
    ]);

    const db = {
      ...deployment('db', 'team-a', 2),
      kind: 'StatefulSet',
    };
    sandbox.store.put(db);
    await sleep(20);
    // OrderedReady: one pod at a time.
    expect(sandbox.store.get('StatefulSet', 'team-a', 'db')?.status).toEqual({
      observedGeneration: 1,
      replicas: 1,
      currentReplicas: 1,
      updatedReplicas: 1,
      currentRevision: expect.stringMatching(/^db-[a-z0-9]+$/),
      updateRevision: expect.stringMatching(/^db-[a-z0-9]+$/),
      collisionCount: 0,
      availableReplicas: 0,
    });
  });

  it('names StatefulSet pods by ordinal and scales down from the top', async () => {
    const redis = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'redis', namespace: 'team-a' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'redis' } },
        template: {
          metadata: { labels: { app: 'redis' } },
          spec: { containers: [{ name: 'redis', image: 'redis:7' }] },
        },
      },
    };
    sandbox = await startKubeSandbox({ objects: [namespace('team-a'), redis] });
    expect(
      sandbox.store.list('Pod', 'team-a').map(p => p.metadata.name),
    ).toEqual(['redis-0', 'redis-1', 'redis-2']);
    expect(
      sandbox.store.get('StatefulSet', 'team-a', 'redis')?.status,
    ).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3 });
    sandbox.store.put({ ...redis, spec: { ...redis.spec, replicas: 1 } });
    expect(
      sandbox.store.list('Pod', 'team-a').map(p => p.metadata.name),
    ).toEqual(['redis-0']);
    expect(sandbox.store.get('Pod', 'team-a', 'redis-0')?.status).toMatchObject(
      { qosClass: 'BestEffort' },
    );
    sandbox.store.put({ ...redis, spec: { ...redis.spec, replicas: 0 } });
    const status = sandbox.store.get('StatefulSet', 'team-a', 'redis')?.status;
    expect(status).toEqual({
      observedGeneration: 3,
      replicas: 0,
      availableReplicas: 0,
      collisionCount: 0,
      currentRevision: expect.stringMatching(/^redis-/),
      updateRevision: expect.stringMatching(/^redis-/),
    });
  });

  it('keeps a status given to store.put that says its spec was observed, until the spec changes', async () => {
    const web = deployment('web', 'team-a', 3);
    const api = deployment('api', 'team-a', 2);
    sandbox = await startKubeSandbox({
      objects: [
        namespace('team-a'),
        // A rollout stuck at 1 of 3 ready.
        {
          ...web,
          status: { observedGeneration: 1, replicas: 3, readyReplicas: 1 },
        },
        // Not observed yet: the controller takes over.
        { ...api, status: { replicas: 2 } },
      ],
    });
    await sleep(20);
    expect(sandbox.store.get('Deployment', 'team-a', 'web')?.status).toEqual({
      observedGeneration: 1,
      replicas: 3,
      readyReplicas: 1,
    });
    expect(
      sandbox.store
        .list('Pod', 'team-a')
        .filter(pod => pod.metadata.name?.startsWith('web-')),
    ).toHaveLength(1);
    expect(
      sandbox.store.get('Deployment', 'team-a', 'api')?.status,
    ).toMatchObject({ observedGeneration: 1, readyReplicas: 2 });

    const { apps } = clientsFor(sandbox);
    await apps.patchNamespacedDeployment(
      { name: 'web', namespace: 'team-a', body: { spec: { replicas: 4 } } },
      patchAs(PatchStrategy.MergePatch),
    );
    await sleep(20);
    expect(
      sandbox.store.get('Deployment', 'team-a', 'web')?.status,
    ).toMatchObject({ observedGeneration: 2, readyReplicas: 4 });
  });
});

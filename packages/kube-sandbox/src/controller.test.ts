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

  it('lags status and pods behind the spec by readyDelayMs, with MODIFIED events', async () => {
    sandbox = await startKubeSandbox({
      objects: [namespace('team-a'), deployment('web', 'team-a', 2)],
      readyDelayMs: 100,
    });
    const { apps } = clientsFor(sandbox);
    expect(sandbox.store.get('Deployment', 'team-a', 'web')?.status).toEqual(
      {},
    );
    await sleep(150);
    expect(
      sandbox.store.get('Deployment', 'team-a', 'web')?.status,
    ).toMatchObject({ readyReplicas: 2, observedGeneration: 1 });
    expect(sandbox.store.list('Pod', 'team-a')).toHaveLength(2);

    const from = sandbox.store.resourceVersion;
    const scaled = await apps.patchNamespacedDeployment(
      { name: 'web', namespace: 'team-a', body: { spec: { replicas: 0 } } },
      patchAs(PatchStrategy.MergePatch),
    );
    expect(scaled.status?.readyReplicas).toBe(2);
    expect(sandbox.store.list('Pod', 'team-a')).toHaveLength(2);
    await sleep(150);
    const settled = await apps.readNamespacedDeployment({
      name: 'web',
      namespace: 'team-a',
    });
    expect(settled.status).toEqual({ observedGeneration: 2 });
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
        e.object.status.readyReplicas,
      ]),
    ).toEqual([
      ['MODIFIED', 0, 2],
      ['MODIFIED', 0, undefined],
    ]);
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
    expect(sandbox.store.get('StatefulSet', 'team-a', 'redis')?.status).toEqual(
      { observedGeneration: 3, replicas: 0, availableReplicas: 0 },
    );
  });

  it('keeps a status given to store.put until the next API write', async () => {
    const web = deployment('web', 'team-a', 3);
    sandbox = await startKubeSandbox({
      objects: [
        namespace('team-a'),
        { ...web, status: { replicas: 3, readyReplicas: 1 } },
      ],
    });
    expect(sandbox.store.get('Deployment', 'team-a', 'web')?.status).toEqual({
      replicas: 3,
      readyReplicas: 1,
    });
    expect(sandbox.store.list('Pod', 'team-a')).toHaveLength(1);
  });
});

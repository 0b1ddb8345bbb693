import { PatchStrategy } from '@kubernetes/client-node';
import {
  clientsFor,
  controllersCaughtUp,
  deployment,
  failureOf,
  namespace,
  patchAs,
  raw,
} from './__testUtils__/clients';
import { KubeSandbox, startKubeSandbox } from './sandbox';
import { KubeObject } from './types';

const redis: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'redis', namespace: 'team-a' },
  spec: {
    serviceName: 'redis',
    replicas: 1,
    selector: { matchLabels: { app: 'redis' } },
    template: {
      metadata: { labels: { app: 'redis' } },
      spec: { containers: [{ name: 'redis', image: 'redis:7' }] },
    },
  },
};

describe('the /scale subresource', () => {
  let sandbox: KubeSandbox;
  let api: ReturnType<typeof clientsFor>;

  beforeEach(async () => {
    sandbox = await startKubeSandbox({
      objects: [namespace('team-a'), deployment('web', 'team-a', 2), redis],
    });
    api = clientsFor(sandbox);
  });

  afterEach(() => sandbox.close());

  it('reads a Scale that shares the workload resourceVersion', async () => {
    const web = await api.apps.readNamespacedDeployment({
      name: 'web',
      namespace: 'team-a',
    });
    const scale = await api.apps.readNamespacedDeploymentScale({
      name: 'web',
      namespace: 'team-a',
    });
    expect(scale).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: 'web',
        namespace: 'team-a',
        resourceVersion: web.metadata?.resourceVersion,
        uid: web.metadata?.uid,
      },
      spec: { replicas: 2 },
      status: { replicas: 2, selector: 'app=web' },
    });
  });

  it('patches replicas with merge and strategic merge patches', async () => {
    const zero = await api.apps.patchNamespacedDeploymentScale(
      { name: 'web', namespace: 'team-a', body: { spec: { replicas: 0 } } },
      patchAs(PatchStrategy.MergePatch),
    );
    // ScaleSpec.replicas is omitempty: zero replicas is an empty spec, as on a real cluster.
    expect(zero.spec?.replicas).toBeUndefined();
    // The workload's status as the controller last wrote it.
    expect(zero.status?.replicas).toBe(2);
    await controllersCaughtUp();
    const web = await api.apps.readNamespacedDeployment({
      name: 'web',
      namespace: 'team-a',
    });
    expect(web.spec?.replicas).toBe(0);
    expect(web.status?.readyReplicas).toBeUndefined();
    expect(web.metadata?.generation).toBe(2);

    const sts = await api.apps.patchNamespacedStatefulSetScale(
      { name: 'redis', namespace: 'team-a', body: { spec: { replicas: 3 } } },
      patchAs(PatchStrategy.StrategicMergePatch),
    );
    expect(sts.spec?.replicas).toBe(3);
    await controllersCaughtUp();
    expect(
      sandbox.store
        .list('Pod', 'team-a')
        .filter(p => p.metadata.name?.startsWith('redis-'))
        .map(p => p.metadata.name),
    ).toEqual(['redis-0', 'redis-1', 'redis-2']);

    // At zero there is no /spec/replicas to replace (a real server answers the same); add works.
    const replace = [{ op: 'replace', path: '/spec/replicas', value: 4 }];
    expect(
      (
        await failureOf(
          api.apps.patchNamespacedDeploymentScale({
            name: 'web',
            namespace: 'team-a',
            body: replace,
          }),
        )
      ).code,
    ).toBe(422);
    const json = await api.apps.patchNamespacedDeploymentScale({
      name: 'web',
      namespace: 'team-a',
      body: [{ op: 'add', path: '/spec/replicas', value: 4 }],
    });
    expect(json.spec?.replicas).toBe(4);
  });

  it('replaces a Scale, with resourceVersion preconditions and validation', async () => {
    const scale = await api.apps.readNamespacedDeploymentScale({
      name: 'web',
      namespace: 'team-a',
    });
    const replaced = await api.apps.replaceNamespacedDeploymentScale({
      name: 'web',
      namespace: 'team-a',
      body: { ...scale, spec: { replicas: 5 } },
    });
    expect(replaced.spec?.replicas).toBe(5);
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(
      Number(scale.metadata?.resourceVersion),
    );

    const stale = await failureOf(
      api.apps.replaceNamespacedDeploymentScale({
        name: 'web',
        namespace: 'team-a',
        body: { ...scale, spec: { replicas: 1 } },
      }),
    );
    expect(stale).toMatchObject({
      code: 409,
      status: {
        reason: 'Conflict',
        details: { name: 'web', kind: 'deployments' },
      },
    });

    const negative = await raw(
      sandbox,
      'PUT',
      '/apis/apps/v1/namespaces/team-a/deployments/web/scale',
      {
        body: {
          kind: 'Scale',
          apiVersion: 'autoscaling/v1',
          metadata: { name: 'web' },
          spec: { replicas: -1 },
        },
      },
    );
    expect(negative.body).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message:
        'Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    });
  });

  it('is not served for kinds without replicas', async () => {
    const res = await raw(sandbox, 'GET', '/api/v1/namespaces/team-a/scale');
    expect(res.status).toBe(404);
    const missing = await failureOf(
      api.apps.readNamespacedDeploymentScale({
        name: 'nope',
        namespace: 'team-a',
      }),
    );
    expect(missing.code).toBe(404);
  });
});

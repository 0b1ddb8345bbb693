import { PatchStrategy } from '@kubernetes/client-node';
import {
  clientsFor,
  deployment,
  failureOf,
  namespace,
  patchAs,
  raw,
} from './__testUtils__/clients';
import { mergePatch } from './patch';
import { KubeSandbox, startKubeSandbox } from './sandbox';
import { strategicMergePatch } from './strategic';

describe('merge patch (RFC 7386)', () => {
  it('merges maps, deletes on null and replaces lists', () => {
    expect(
      mergePatch(
        { a: { b: 1, c: 2 }, l: [1, 2] },
        { a: { b: null, d: 3 }, l: [3] },
      ),
    ).toEqual({ a: { c: 2, d: 3 }, l: [3] });
  });
});

describe('strategic merge patch', () => {
  const pod = {
    spec: {
      containers: [
        {
          name: 'app',
          image: 'app:1',
          env: [
            { name: 'A', value: '1' },
            { name: 'B', value: '2' },
          ],
          ports: [{ containerPort: 80 }],
        },
        { name: 'sidecar', image: 'proxy:1' },
      ],
      tolerations: [{ key: 'a' }],
    },
    metadata: { finalizers: ['x'], labels: { a: '1', b: '2' } },
  };

  it('merges keyed lists by their merge key and keeps the rest', () => {
    const patched = strategicMergePatch(pod, {
      spec: {
        containers: [
          {
            name: 'app',
            image: 'app:2',
            env: [
              { name: 'B', value: '3' },
              { name: 'C', value: '4' },
            ],
          },
        ],
      },
    });
    expect(patched.spec).toEqual({
      containers: [
        {
          name: 'app',
          image: 'app:2',
          env: [
            { name: 'A', value: '1' },
            { name: 'B', value: '3' },
            { name: 'C', value: '4' },
          ],
          ports: [{ containerPort: 80 }],
        },
        { name: 'sidecar', image: 'proxy:1' },
      ],
      tolerations: [{ key: 'a' }],
    });
  });

  it('supports $patch delete and replace, sets, and atomic lists', () => {
    const patched = strategicMergePatch(pod, {
      metadata: { finalizers: ['y'], labels: { $patch: 'replace', c: '3' } },
      spec: {
        containers: [{ name: 'sidecar', $patch: 'delete' }],
        tolerations: [{ key: 'b' }],
        $setElementOrder_ignored: undefined,
      },
    });
    expect(patched.metadata).toEqual({
      finalizers: ['x', 'y'],
      labels: { c: '3' },
    });
    expect(patched.spec).toMatchObject({
      containers: [{ name: 'app' }],
      tolerations: [{ key: 'b' }],
    });

    expect(
      strategicMergePatch(pod, { metadata: { labels: { $patch: 'delete' } } })
        .metadata,
    ).toEqual({ finalizers: ['x'] });
    expect(
      strategicMergePatch(pod, {
        spec: {
          containers: [{ $patch: 'replace' }, { name: 'only', image: 'o' }],
        },
      }).spec,
    ).toMatchObject({
      containers: [{ name: 'only', image: 'o' }],
    });
    expect(
      strategicMergePatch(pod, {
        metadata: { '$deleteFromPrimitiveList/finalizers': ['x'] },
      }).metadata,
    ).toMatchObject({ finalizers: [] });
    expect(() =>
      strategicMergePatch(pod, {
        spec: { containers: [{ image: 'no-name' }] },
      }),
    ).toThrow(/merge key: name/);
  });
});

describe('PATCH over HTTP', () => {
  let sandbox: KubeSandbox;
  let api: ReturnType<typeof clientsFor>;

  beforeEach(async () => {
    sandbox = await startKubeSandbox({
      objects: [namespace('team-a'), deployment('web', 'team-a', 2)],
      keda: true,
    });
    api = clientsFor(sandbox);
  });

  afterEach(() => sandbox.close());

  const target = { name: 'web', namespace: 'team-a' };

  it('applies merge patches (annotations as the plugin writes them)', async () => {
    const patched = await api.apps.patchNamespacedDeployment(
      {
        ...target,
        body: {
          metadata: {
            annotations: { 'namespace-scheduler/original-replicas': '2' },
          },
          spec: { replicas: 0 },
        },
      },
      patchAs(PatchStrategy.MergePatch),
    );
    expect(patched.metadata?.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'namespace-scheduler/original-replicas': '2',
    });
    expect(patched.spec?.replicas).toBe(0);
    const removed = await api.apps.patchNamespacedDeployment(
      {
        ...target,
        body: {
          metadata: {
            annotations: { 'namespace-scheduler/original-replicas': null },
          },
        },
      },
      patchAs(PatchStrategy.MergePatch),
    );
    expect(removed.metadata?.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
    });
    // With the last annotation gone there is no map at all (omitempty).
    const cleared = await api.apps.patchNamespacedDeployment(
      {
        ...target,
        body: {
          metadata: {
            annotations: { 'deployment.kubernetes.io/revision': null },
          },
        },
      },
      patchAs(PatchStrategy.MergePatch),
    );
    expect(cleared.metadata).not.toHaveProperty('annotations');
  });

  it('applies strategic merge patches to containers by name', async () => {
    const patched = await api.apps.patchNamespacedDeployment(
      {
        ...target,
        body: {
          spec: {
            template: {
              spec: { containers: [{ name: 'app', image: 'nginx:1.28' }] },
            },
          },
        },
      },
      patchAs(PatchStrategy.StrategicMergePatch),
    );
    expect(patched.spec?.template.spec?.containers).toEqual([
      expect.objectContaining({
        name: 'app',
        image: 'nginx:1.28',
        env: [{ name: 'MODE', value: 'test' }],
      }),
    ]);
  });

  it('applies JSON patches (client-node default), failing a test op with 422', async () => {
    const patched = await api.apps.patchNamespacedDeployment({
      ...target,
      body: [
        { op: 'test', path: '/spec/replicas', value: 2 },
        { op: 'replace', path: '/spec/replicas', value: 1 },
        { op: 'add', path: '/metadata/annotations', value: { a: 'b' } },
      ],
    });
    expect(patched.spec?.replicas).toBe(1);

    const failed = await failureOf(
      api.apps.patchNamespacedDeployment({
        ...target,
        body: [
          { op: 'test', path: '/spec/replicas', value: 5 },
          { op: 'replace', path: '/spec/replicas', value: 0 },
        ],
      }),
    );
    expect(failed).toMatchObject({
      code: 422,
      status: {
        reason: 'Invalid',
        message:
          'the server rejected our request due to an error in our request',
      },
    });
    const missingPath = await failureOf(
      api.apps.patchNamespacedDeployment({
        ...target,
        body: [{ op: 'remove', path: '/spec/nope' }],
      }),
    );
    expect(missingPath.code).toBe(422);
    expect(
      sandbox.store.get('Deployment', 'team-a', 'web')?.spec,
    ).toMatchObject({ replicas: 1 });
  });

  it('rejects unknown content types with 415, and SMP on custom resources', async () => {
    const res = await raw(
      sandbox,
      'PATCH',
      '/apis/apps/v1/namespaces/team-a/deployments/web',
      {
        body: { spec: { replicas: 3 } },
        contentType: 'application/apply-patch+yaml',
      },
    );
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({
      reason: 'UnsupportedMediaType',
      code: 415,
    });

    await api.custom.createNamespacedCustomObject({
      group: 'keda.sh',
      version: 'v1alpha1',
      namespace: 'team-a',
      plural: 'scaledobjects',
      body: {
        apiVersion: 'keda.sh/v1alpha1',
        kind: 'ScaledObject',
        metadata: { name: 'web' },
        spec: { scaleTargetRef: { name: 'web' } },
      },
    });
    const smp = await raw(
      sandbox,
      'PATCH',
      '/apis/keda.sh/v1alpha1/namespaces/team-a/scaledobjects/web',
      {
        body: {
          metadata: {
            annotations: { 'autoscaling.keda.sh/paused-replicas': '0' },
          },
        },
        contentType: PatchStrategy.StrategicMergePatch,
      },
    );
    expect(smp.status).toBe(415);
    const merged = await api.custom.patchNamespacedCustomObject(
      {
        group: 'keda.sh',
        version: 'v1alpha1',
        namespace: 'team-a',
        plural: 'scaledobjects',
        name: 'web',
        body: {
          metadata: {
            annotations: { 'autoscaling.keda.sh/paused-replicas': '0' },
          },
        },
      },
      patchAs(PatchStrategy.MergePatch),
    );
    expect(merged).toMatchObject({
      metadata: { annotations: { 'autoscaling.keda.sh/paused-replicas': '0' } },
    });
  });

  it('reports type errors in patched objects as 422 and keeps identity fields', async () => {
    const typed = await raw(
      sandbox,
      'PATCH',
      '/apis/apps/v1/namespaces/team-a/deployments/web',
      {
        body: { spec: { replicas: '3' } },
        contentType: PatchStrategy.MergePatch,
      },
    );
    expect(typed.body).toMatchObject({ code: 422, reason: 'Invalid' });
    const renamed = await raw(
      sandbox,
      'PATCH',
      '/apis/apps/v1/namespaces/team-a/deployments/web',
      {
        body: { metadata: { name: 'other' } },
        contentType: PatchStrategy.MergePatch,
      },
    );
    expect(renamed.body).toMatchObject({ code: 400, reason: 'BadRequest' });
    const garbage = await raw(
      sandbox,
      'PATCH',
      '/apis/apps/v1/namespaces/team-a/deployments/web',
      {
        body: '{not json',
        contentType: PatchStrategy.MergePatch,
      },
    );
    expect(garbage.status).toBe(400);
  });
});

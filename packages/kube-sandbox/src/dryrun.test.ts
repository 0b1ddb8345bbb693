import { PatchStrategy } from '@kubernetes/client-node';
import {
  clientsFor,
  deployment,
  namespace,
  patchAs,
  raw,
} from './__testUtils__/clients';
import { KubeSandbox, startKubeSandbox } from './sandbox';

describe('dryRun=All', () => {
  let sandbox: KubeSandbox;
  let api: ReturnType<typeof clientsFor>;

  beforeEach(async () => {
    sandbox = await startKubeSandbox({
      objects: [namespace('team-a'), deployment('web', 'team-a', 2)],
    });
    api = clientsFor(sandbox);
  });

  afterEach(() => sandbox.close());

  const target = { name: 'web', namespace: 'team-a', dryRun: 'All' };

  it('validates and answers every write without storing it', async () => {
    const before = sandbox.store.get('Deployment', 'team-a', 'web');
    const revision = sandbox.store.resourceVersion;

    const created = await api.apps.createNamespacedDeployment({
      namespace: 'team-a',
      body: deployment('new', 'team-a'),
      dryRun: 'All',
    });
    expect(created.metadata?.name).toBe('new');
    expect(created.metadata?.resourceVersion).toBeUndefined();

    const patched = await api.apps.patchNamespacedDeployment(
      { ...target, body: { spec: { replicas: 0 } } },
      patchAs(PatchStrategy.MergePatch),
    );
    expect(patched.spec?.replicas).toBe(0);
    expect(patched.metadata?.resourceVersion).toBe(
      before?.metadata.resourceVersion,
    );

    const scaled = await api.apps.patchNamespacedDeploymentScale(
      { ...target, body: { spec: { replicas: 7 } } },
      patchAs(PatchStrategy.MergePatch),
    );
    expect(scaled.spec?.replicas).toBe(7);

    const current = await api.apps.readNamespacedDeployment({
      name: 'web',
      namespace: 'team-a',
    });
    current.spec!.replicas = 9;
    expect(
      (await api.apps.replaceNamespacedDeployment({ ...target, body: current }))
        .spec?.replicas,
    ).toBe(9);
    await api.apps.deleteNamespacedDeployment(target);
    await api.core.deleteNamespace({ name: 'team-a', dryRun: 'All' });

    expect(sandbox.store.get('Deployment', 'team-a', 'web')).toEqual(before);
    expect(sandbox.store.get('Deployment', 'team-a', 'new')).toBeUndefined();
    expect(sandbox.store.get('Namespace', undefined, 'team-a')).toBeDefined();
    expect(sandbox.store.resourceVersion).toBe(revision);
  });

  it('still fails invalid writes, and rejects unknown dryRun values with 422', async () => {
    const invalid = await raw(
      sandbox,
      'PATCH',
      '/apis/apps/v1/namespaces/team-a/deployments/web?dryRun=All',
      {
        body: { spec: { replicas: -1 } },
        contentType: PatchStrategy.MergePatch,
      },
    );
    expect(invalid.body).toMatchObject({ code: 422, reason: 'Invalid' });

    const unknown = await raw(
      sandbox,
      'POST',
      '/apis/apps/v1/namespaces/team-a/deployments?dryRun=Yes',
      { body: deployment('x', 'team-a') },
    );
    expect(unknown.body).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message:
        'CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: ["Yes"]: supported values: "All"',
    });
    expect(sandbox.store.get('Deployment', 'team-a', 'x')).toBeUndefined();
  });
});

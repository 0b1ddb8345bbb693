import {
  ApisApi,
  CoreV1Api,
  AppsV1Api,
  VersionApi,
} from '@kubernetes/client-node';
import { clientsFor, raw } from './__testUtils__/clients';
import { KubeSandbox, startKubeSandbox } from './sandbox';

describe('discovery', () => {
  let sandbox: KubeSandbox;
  let withKeda: KubeSandbox;

  beforeAll(async () => {
    sandbox = await startKubeSandbox();
    withKeda = await startKubeSandbox({ keda: true });
  });

  afterAll(async () => {
    await sandbox.close();
    await withKeda.close();
  });

  it('reports a server version', async () => {
    const { kc } = clientsFor(sandbox);
    const version = await kc.makeApiClient(VersionApi).getCode();
    expect(version).toMatchObject({
      major: '1',
      minor: '31',
      gitVersion: 'v1.31.0',
      platform: 'linux/amd64',
    });
  });

  it('lists the core version and the API groups with preferred versions', async () => {
    const { kc } = clientsFor(sandbox);
    const core = await kc.makeApiClient(CoreV1Api).getAPIResources();
    expect(core.groupVersion).toBe('v1');
    expect(core.resources.map(r => r.name)).toEqual(['namespaces', 'pods']);

    const groups = await kc.makeApiClient(ApisApi).getAPIVersions();
    expect(groups.groups.map(g => g.name)).toEqual([
      'apps',
      'batch',
      'autoscaling',
      'policy',
    ]);
    const autoscaling = groups.groups.find(g => g.name === 'autoscaling');
    expect(autoscaling?.versions.map(v => v.version)).toEqual(['v2', 'v1']);
    expect(autoscaling?.preferredVersion?.groupVersion).toBe('autoscaling/v2');

    const api = await raw(sandbox, 'GET', '/api');
    expect(api.body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
  });

  it('describes resources with verbs, short names and the scale subresource', async () => {
    const { kc } = clientsFor(sandbox);
    const apps = await kc.makeApiClient(AppsV1Api).getAPIResources();
    expect(apps.resources.map(r => r.name)).toEqual([
      'deployments',
      'deployments/scale',
      'statefulsets',
      'statefulsets/scale',
    ]);
    expect(apps.resources[0]).toMatchObject({
      kind: 'Deployment',
      namespaced: true,
      shortNames: ['deploy'],
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    });
    expect(apps.resources[1]).toMatchObject({
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: ['get', 'patch', 'update'],
    });

    for (const path of [
      '/apis/batch/v1',
      '/apis/autoscaling/v1',
      '/apis/autoscaling/v2',
      '/apis/policy/v1',
    ]) {
      const list = await raw(sandbox, 'GET', path);
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ kind: 'APIResourceList' });
    }
    expect((await raw(sandbox, 'GET', '/apis/apps')).body).toMatchObject({
      kind: 'APIGroup',
      name: 'apps',
    });
  });

  it('serves keda.sh only when the CRD is installed', async () => {
    const missing = await raw(sandbox, 'GET', '/apis/keda.sh/v1alpha1');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      code: 404,
    });
    expect(
      (
        await raw(
          sandbox,
          'GET',
          '/apis/keda.sh/v1alpha1/namespaces/default/scaledobjects',
        )
      ).status,
    ).toBe(404);

    const keda = await raw(withKeda, 'GET', '/apis/keda.sh/v1alpha1');
    expect(keda.body).toMatchObject({
      groupVersion: 'keda.sh/v1alpha1',
      resources: [
        { name: 'scaledobjects', kind: 'ScaledObject', namespaced: true },
      ],
    });
    const crd = await raw(
      withKeda,
      'GET',
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/scaledobjects.keda.sh',
    );
    expect(crd.body).toMatchObject({
      spec: { group: 'keda.sh', names: { kind: 'ScaledObject' } },
    });
  });

  it('answers health checks and 404s unknown paths with a Status', async () => {
    const health = await fetch(`${sandbox.url}/readyz`);
    expect(await health.text()).toBe('ok');
    const unknown = await raw(sandbox, 'GET', '/apis/example.com/v1/widgets');
    expect(unknown.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server could not find the requested resource',
      reason: 'NotFound',
      details: {},
      code: 404,
    });
  });
});

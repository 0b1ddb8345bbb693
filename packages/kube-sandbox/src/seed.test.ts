import { resolve } from 'node:path';
import { clientsFor } from './__testUtils__/clients';
import { KubeSandbox, startKubeSandbox } from './sandbox';
import { loadManifests, parseManifests } from './seed';
import { getField } from './types';

const EXAMPLES = resolve(__dirname, '../../../examples/sandbox');

describe('parseManifests', () => {
  it('reads multi-document YAML and List objects, skipping empty documents', () => {
    const objects = parseManifests(`
apiVersion: v1
kind: Namespace
metadata: {name: a}
---
---
apiVersion: v1
kind: List
items:
  - {apiVersion: v1, kind: Namespace, metadata: {name: b}}
`);
    expect(objects.map(o => o.metadata.name)).toEqual(['a', 'b']);
  });

  it('names the file and document of a broken manifest', () => {
    expect(() =>
      parseManifests('kind: Namespace\nmetadata: {name: a}', 'broken.yaml'),
    ).toThrow(
      'broken.yaml (document 1): every document needs apiVersion, kind and metadata',
    );
    expect(() => parseManifests('a: [', 'bad.yaml')).toThrow(
      /^bad.yaml \(document 1\)/,
    );
  });
});

describe('the examples/sandbox seed', () => {
  let sandbox: KubeSandbox;

  beforeAll(async () => {
    sandbox = await startKubeSandbox({ seedDir: EXAMPLES });
  });

  afterAll(() => sandbox.close());

  const count = (kind: string) => sandbox.store.list(kind).length;

  it('loads every manifest', () => {
    expect(loadManifests(EXAMPLES)).toHaveLength(38);
    expect(sandbox.store.list('Namespace').map(n => n.metadata.name)).toEqual([
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
      'ml-experiments',
      'payments-dev',
      'payments-staging',
      'search-dev',
      'search-sandbox',
      'shop-dev',
      'shop-staging',
    ]);
    expect(count('Deployment')).toBe(13);
    expect(count('StatefulSet')).toBe(5);
    expect(count('CronJob')).toBe(4);
    expect(count('HorizontalPodAutoscaler')).toBe(4);
    expect(count('PodDisruptionBudget')).toBe(4);
    // kube-green's, for the migration scan: served because the seed holds one.
    expect(count('SleepInfo')).toBe(1);
    // One running pod per ready replica.
    expect(count('Pod')).toBe(23);
  });

  it('has awake, partial and asleep namespaces as the plugin will see them', async () => {
    const { apps, batch, hpaV2 } = clientsFor(sandbox);
    const replicas = async (namespace: string) =>
      Object.fromEntries(
        [
          ...(await apps.listNamespacedDeployment({ namespace })).items,
          ...(await apps.listNamespacedStatefulSet({ namespace })).items,
        ].map(w => [w.metadata?.name, w.spec?.replicas]),
      );
    expect(await replicas('shop-dev')).toEqual({
      'api-gateway': 2,
      'user-service': 2,
      redis: 1,
    });
    expect(await replicas('shop-staging')).toEqual({
      'api-gateway': 1,
      'user-service': 1,
      redis: 1,
    });
    expect(await replicas('payments-staging')).toEqual({
      'payments-api': 0,
      'payments-worker': 1,
    });
    expect(await replicas('search-sandbox')).toEqual({
      'search-api': 0,
      elasticsearch: 0,
    });

    const reindex = await batch.readNamespacedCronJob({
      name: 'reindex',
      namespace: 'search-sandbox',
    });
    expect(reindex.spec?.suspend).toBe(true);
    expect(reindex.metadata?.annotations).toEqual({
      'namespace-scheduler/original-suspend': 'false',
    });

    const hpa = await hpaV2.readNamespacedHorizontalPodAutoscaler({
      name: 'api-gateway',
      namespace: 'shop-dev',
    });
    expect(hpa.spec).toMatchObject({ minReplicas: 2, maxReplicas: 10 });
    expect(hpa.spec?.metrics?.map(m => m.resource?.name)).toEqual([
      'cpu',
      'memory',
    ]);

    const toolbox = await apps.readNamespacedDeployment({
      name: 'debug-toolbox',
      namespace: 'payments-dev',
    });
    expect(toolbox.metadata?.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'namespace-scheduler/exclude': 'true',
    });
  });

  it('gives every container resource requests', () => {
    const containers = [
      ...sandbox.store.list('Deployment'),
      ...sandbox.store.list('StatefulSet'),
    ].flatMap(w => {
      const list = getField(w, 'spec', 'template', 'spec', 'containers');
      return Array.isArray(list) ? list : [];
    });
    expect(containers.length).toBeGreaterThan(15);
    expect(
      containers.every(c => getField(c, 'resources', 'requests', 'cpu')),
    ).toBe(true);
  });
});

import { K8S_ANNOTATIONS } from '@namespace-scheduler/backstage-plugin-common';
import { CachedNamespaceOperations, ClusterStateCache } from '../clusterState';
import {
  CLUSTER,
  describeConformance,
} from './__testUtils__/describeConformance';
import { eventually } from './__testUtils__/eventually';
import {
  cronJob,
  deployment,
  hpa,
  statefulSet,
} from './__testUtils__/manifests';

describeConformance('the cluster-state cache', { tag: 'cache' }, server => {
  let cache: ClusterStateCache;
  let operations: CachedNamespaceOperations;
  const warnings: string[] = [];

  beforeAll(async () => {
    cache = ClusterStateCache.create({
      clusters: server.registry,
      logger: { warn: message => warnings.push(message) },
      watchTimeoutSeconds: 2,
      backoff: { initialMs: 20, maxMs: 200 },
    });
    cache.start();
    operations = CachedNamespaceOperations.create({
      engine: server.engine,
      cache,
    });
    await eventually('initial sync', () => cache.isSynced(CLUSTER), 30_000);
  });
  afterAll(() => cache?.stop());

  const cached = (ns: string) => cache.workloads(CLUSTER, ns);
  const cachedLevel = (ns: string, kind: string, name: string) =>
    cached(ns)?.find(w => w.kind === kind && w.name === name)?.level;

  const objects = (ns: string) => [
    statefulSet(ns, 'db', 1),
    deployment(ns, 'api', 2),
    deployment(ns, 'web', 1),
    hpa(ns, 'api', 'api', 2, 4),
    cronJob(ns, 'report', false),
  ];

  it('describes a namespace from memory exactly as a live read does', async () => {
    const ns = await server.namespace(objects);
    await server.settled(ns, { ready: true });
    await eventually('namespace cached', () => cached(ns)?.length === 5);
    // Controllers may still be writing status: compare until both agree.
    await eventually('cached status equals live status', async () => {
      const fromCache = await operations.status(CLUSTER, ns);
      const live = await server.engine.status(CLUSTER, ns);
      return (
        JSON.stringify({ ...fromCache, observedAt: '' }) ===
        JSON.stringify({ ...live, observedAt: '' })
      );
    });
    const status = await operations.status(CLUSTER, ns);
    expect(status.workloads.map(w => `${w.kind}/${w.name}`)).toEqual([
      'StatefulSet/db',
      'Deployment/api',
      'Deployment/web',
      'HorizontalPodAutoscaler/api',
      'CronJob/report',
    ]);
    expect(status).toMatchObject({
      state: 'awake',
      readiness: { ready: 3, total: 3 },
    });
  });

  it('sees what others change, add and delete through the API', async () => {
    const ns = await server.namespace(objects);
    await eventually('namespace cached', () => cached(ns)?.length === 5);

    await server.setReplicas('Deployment', ns, 'web', 0);
    const elapsed = await eventually(
      'replicas 0 cached',
      () => cachedLevel(ns, 'Deployment', 'web') === 0,
    );
    expect(elapsed).toBeLessThan(2_000);
    expect(
      (await operations.status(CLUSTER, ns)).workloads.find(
        w => w.name === 'web',
      )?.state,
    ).toBe('off');

    await server.patch('CronJob', ns, 'report', { spec: { suspend: true } });
    await server.annotate('StatefulSet', ns, 'db', {
      [K8S_ANNOTATIONS.exclude]: 'true',
    });
    await server.apply([deployment(ns, 'late', 3)]);
    await eventually(
      'suspend, annotation and new Deployment cached',
      () =>
        cachedLevel(ns, 'CronJob', 'report') === 0 &&
        cached(ns)?.find(w => w.name === 'db')?.annotations[
          K8S_ANNOTATIONS.exclude
        ] === 'true' &&
        cachedLevel(ns, 'Deployment', 'late') === 3,
    );

    const deleted = await server.kube.request(
      'DELETE',
      `/apis/apps/v1/namespaces/${ns}/deployments/api`,
    );
    expect(deleted.status).toBe(200);
    await eventually(
      'deletion cached',
      () => cachedLevel(ns, 'Deployment', 'api') === undefined,
    );
    expect(cache.workloads(CLUSTER, `${ns}-none`)).toBeUndefined();
  });

  it('after an operation reads live until the cache has caught up, then from memory', async () => {
    const ns = await server.namespace(objects);
    await eventually('namespace cached', () => cached(ns)?.length === 5);
    const result = await operations.run(CLUSTER, ns, { operation: 'sleep' });
    expect(result.success).toBe(true);
    expect((await operations.status(CLUSTER, ns)).state).toBe('asleep');

    await eventually('served from memory', async () => {
      const before = server.requests.length;
      const status = await operations.status(CLUSTER, ns);
      return status.state === 'asleep' && server.requests.length === before;
    });
    expect(warnings).toEqual([]);
  });
});

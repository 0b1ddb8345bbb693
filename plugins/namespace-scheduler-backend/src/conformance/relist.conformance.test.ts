import type { KubeObject } from '@namespace-scheduler/kube-sandbox';
import { ClusterStateCache } from '../clusterState';
import {
  CLUSTER,
  ConformanceServer,
  describeConformance,
} from './__testUtils__/describeConformance';
import { eventually } from './__testUtils__/eventually';
import { deployment, podDisruptionBudget } from './__testUtils__/manifests';
import { resourcePath } from './__testUtils__/servers';

/** Changes to a kind nobody here watches, so the watched collections stay quiet while history moves on. */
async function churn(server: ConformanceServer, ns: string, count: number) {
  const budgets: KubeObject[] = [];
  for (let i = 0; i < count; i++) {
    budgets.push(podDisruptionBudget(ns, `churn-${i}`));
  }
  await server.apply(budgets);
}

/**
 * A watch resumed from a resourceVersion the server no longer holds answers
 * 410 Gone, and the cache relists. The sandbox forgets after `watchHistory`
 * events. kube-apiserver serves watches from its watch cache, which does not
 * follow etcd's compaction (it forgets only past 100 events older than 75 s),
 * so a quiet collection's resourceVersion never expires there within a test: this file's own
 * kube-apiserver runs without the watch cache and compacts etcd every 2 s,
 * which is how a busy cluster looks to a watcher that fell behind (the 410
 * then comes from etcd: "The resourceVersion for the provided watch is too
 * old.").
 */
describeConformance(
  'watch resumption and relisting',
  {
    tag: 'relist',
    sandbox: { watchHistory: 20 },
    ownControlPlane: {
      controllerManager: false,
      fakeKubelet: false,
      apiserverArgs: ['--watch-cache=false', '--etcd-compaction-interval=2s'],
    },
  },
  server => {
    it('a watch from a resourceVersion the server no longer holds is an ERROR event 410 Expired', async () => {
      const ns = await server.namespace(n => [deployment(n, 'web', 1)]);
      const list = await server.kube.request(
        'GET',
        resourcePath('Deployment', ns),
      );
      const rv = list.body.metadata.resourceVersion;
      await churn(server, ns, 25);

      let last: { status: number; events: { type: string; object: any }[] } = {
        status: 0,
        events: [],
      };
      await eventually(
        'resourceVersion expired',
        async () => {
          last = await server.kube.watch(
            `${resourcePath(
              'Deployment',
              ns,
            )}?watch=true&resourceVersion=${rv}&timeoutSeconds=1`,
          );
          return last.events[0]?.type === 'ERROR';
        },
        20_000,
      );
      expect(last.status).toBe(200);
      expect(last.events).toHaveLength(1);
      expect(last.events[0].object).toMatchObject({
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        reason: 'Expired',
        code: 410,
      });
    });

    it('the cache relists after a 410 without logging a failure, and serves the truth', async () => {
      const ns = await server.namespace(n => [deployment(n, 'web', 1)]);
      const warnings: string[] = [];
      const cache = ClusterStateCache.create({
        clusters: server.registry,
        logger: { warn: message => warnings.push(message) },
        watchTimeoutSeconds: 1,
        backoff: { initialMs: 20, maxMs: 200 },
      });
      const lists = () => server.requests.filter(r => r.verb === 'list').length;
      try {
        cache.start();
        await eventually('synced', () => cache.isSynced(CLUSTER), 30_000);
        await eventually(
          'namespace cached',
          () => cache.workloads(CLUSTER, ns)?.length === 1,
        );
        const listsBefore = lists();

        await churn(server, ns, 25);
        await eventually('relisted', () => lists() > listsBefore, 20_000);

        await server.setReplicas('Deployment', ns, 'web', 4);
        await eventually(
          'change seen after the relist',
          () =>
            cache.workloads(CLUSTER, ns)?.find(w => w.name === 'web')?.level ===
            4,
          10_000,
        );
        expect(warnings).toEqual([]);
      } finally {
        await cache.stop();
      }
    });
  },
);

import { K8S_ANNOTATIONS } from '@namespace-scheduler/backstage-plugin-common';
import {
  CLUSTER,
  describeConformance,
} from './__testUtils__/describeConformance';
import { cronJob, deployment, statefulSet } from './__testUtils__/manifests';

/** Issue 14, case 1: wake started what the team had stopped. */
describeConformance(
  'workloads the team stopped before any sleep',
  { tag: 'off' },
  server => {
    const objects = (ns: string) => [
      statefulSet(ns, 'db', 1),
      statefulSet(ns, 'old-db', 0),
      deployment(ns, 'api', 2),
      deployment(ns, 'debugger', 0),
      cronJob(ns, 'report', false),
      cronJob(ns, 'backfill', true),
    ];

    it('stay stopped through two sleep/wake cycles, and the namespace is awake, not partial', async () => {
      const ns = await server.namespace(objects);
      await server.settled(ns);
      const before = await server.live(ns);

      const status = await server.engine.status(CLUSTER, ns);
      expect(status).toMatchObject({
        state: 'awake',
        counts: { total: 6, awake: 3, asleep: 0, off: 3, excluded: 0 },
      });
      expect(
        status.workloads
          .filter(w => w.state === 'off')
          .map(w => w.name)
          .sort(),
      ).toEqual(['backfill', 'debugger', 'old-db']);

      for (let cycle = 1; cycle <= 2; cycle++) {
        const slept = await server.engine.run(CLUSTER, ns, {
          operation: 'sleep',
        });
        expect(slept).toMatchObject({ success: true, total_scaled: 3 });
        expect(slept.originals.map(o => o.name).sort()).toEqual([
          'api',
          'db',
          'report',
        ]);
        expect(await server.live(ns)).toMatchObject({
          'StatefulSet/old-db': { replicas: 0, annotations: {} },
          'Deployment/debugger': { replicas: 0, annotations: {} },
          'CronJob/backfill': { suspend: true, annotations: {} },
        });
        expect((await server.engine.status(CLUSTER, ns)).state).toBe('asleep');

        const woken = await server.engine.run(CLUSTER, ns, {
          operation: 'wake',
        });
        expect(woken).toMatchObject({ success: true, total_scaled: 3 });
        expect(woken.skipped_resources.map(s => s.name).sort()).toEqual([
          'backfill',
          'debugger',
          'old-db',
        ]);
        expect(await server.live(ns)).toEqual(before);
        expect((await server.engine.status(CLUSTER, ns)).state).toBe('awake');
      }
    });

    it('are not started by a scale either', async () => {
      const ns = await server.namespace(objects);
      const scaled = await server.engine.run(CLUSTER, ns, {
        operation: 'scale',
        replicas: 2,
      });
      expect(scaled.success).toBe(true);
      expect(await server.live(ns)).toMatchObject({
        'Deployment/api': { replicas: 2 },
        'StatefulSet/db': { replicas: 2 },
        'Deployment/debugger': { replicas: 0 },
        'StatefulSet/old-db': { replicas: 0 },
        'CronJob/backfill': { suspend: true },
      });
    });

    it('start when kube-downscaler stopped them or the caller remembers them', async () => {
      const ns = await server.namespace(n => [
        deployment(n, 'debugger', 0, {
          [K8S_ANNOTATIONS.downscalerOriginalReplicas]: '2',
        }),
        statefulSet(n, 'old-db', 0),
        cronJob(n, 'backfill', true),
      ]);
      const woken = await server.engine.run(
        CLUSTER,
        ns,
        { operation: 'wake' },
        {
          storedOriginals: [{ type: 'StatefulSet', name: 'old-db', value: 1 }],
        },
      );
      expect(woken.success).toBe(true);
      expect(await server.live(ns)).toMatchObject({
        'Deployment/debugger': { replicas: 2 },
        'StatefulSet/old-db': { replicas: 1 },
        'CronJob/backfill': { suspend: true },
      });
    });
  },
);

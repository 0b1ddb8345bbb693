import { K8S_ANNOTATIONS } from '@namespace-scheduler/backstage-plugin-common';
import {
  CLUSTER,
  describeConformance,
} from './__testUtils__/describeConformance';
import { deployment, statefulSet } from './__testUtils__/manifests';

const asleep = (replicas: number) => ({
  [K8S_ANNOTATIONS.originalReplicas]: String(replicas),
});

/**
 * Issue 14, case 5 (pods that become ready): the fake kubelet on
 * kube-apiserver, a readiness delay on the sandbox.
 */
describeConformance(
  'an honest wake, pods becoming ready',
  { tag: 'ready', sandbox: { readyDelayMs: 150 } },
  server => {
    const objects = (ns: string) => [
      statefulSet(ns, 'db', 0, asleep(2)),
      deployment(ns, 'api', 0, asleep(2)),
      deployment(ns, 'web', 0, asleep(1)),
    ];

    it('with waitForReadyMs ends when every started replica is ready, and status agrees', async () => {
      const ns = await server.namespace(objects);
      const result = await server.engine.run(
        CLUSTER,
        ns,
        { operation: 'wake' },
        {
          waitForReadyMs: 30_000,
        },
      );
      expect(result).toMatchObject({
        success: true,
        total_scaled: 3,
        readiness: { ready: 3, total: 3, waited: true, timed_out: false },
      });
      expect(result.readiness?.workloads).toEqual(
        expect.arrayContaining([
          { type: 'StatefulSet', name: 'db', replicas: 2, ready_replicas: 2 },
          { type: 'Deployment', name: 'api', replicas: 2, ready_replicas: 2 },
          { type: 'Deployment', name: 'web', replicas: 1, ready_replicas: 1 },
        ]),
      );
      expect(result.warnings).toBeUndefined();
      expect(await server.engine.status(CLUSTER, ns)).toMatchObject({
        state: 'awake',
        readiness: { ready: 3, total: 3 },
      });
    });

    it('a woken StatefulSet is accepted by its controller before the wake goes on', async () => {
      const ns = await server.namespace(objects);
      const phases: string[] = [];
      const result = await server.engine.run(
        CLUSTER,
        ns,
        { operation: 'wake' },
        {
          onProgress: event => {
            if (event.stage === 'succeeded' || event.stage === 'started')
              phases.push(`${event.stage} ${event.type}/${event.name}`);
          },
        },
      );
      expect(result.success).toBe(true);
      const db = await server.read('StatefulSet', ns, 'db');
      const status = db?.status as { observedGeneration?: number };
      expect(status.observedGeneration).toBeGreaterThanOrEqual(
        db?.metadata.generation ?? Infinity,
      );
      // The data store's phase ends (accepted) before the Deployments start.
      expect(phases.indexOf('succeeded StatefulSet/db')).toBeLessThan(
        phases.indexOf('started Deployment/api'),
      );
      // Without waiting, the result says what was ready when the writes were accepted.
      expect(result.readiness).toMatchObject({
        total: 3,
        waited: false,
        timed_out: false,
      });
      await server.settled(ns, { ready: true });
      expect((await server.engine.status(CLUSTER, ns)).readiness).toEqual({
        ready: 3,
        total: 3,
      });
    });
  },
);

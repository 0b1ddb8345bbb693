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
 * Issue 14, case 5 (nothing ever becomes ready): on kube-apiserver a
 * ResourceQuota of 0 pods in each namespace, so no pod exists for the fake
 * kubelet to mark; on the sandbox a readiness delay of an hour.
 */
describeConformance(
  'an honest wake, nothing becoming ready',
  { tag: 'unready', podsNeverReady: true },
  server => {
    const objects = (ns: string) => [
      statefulSet(ns, 'db', 0, asleep(1)),
      deployment(ns, 'api', 0, asleep(2)),
      deployment(ns, 'web', 0, asleep(1)),
    ];

    it('succeeds once the scale is accepted and reports 0 of N ready; the namespace is awake', async () => {
      const ns = await server.namespace(objects);
      const result = await server.engine.run(CLUSTER, ns, {
        operation: 'wake',
      });
      expect(result).toMatchObject({
        success: true,
        total_scaled: 3,
        rollback_performed: false,
        readiness: { ready: 0, total: 3, waited: false, timed_out: false },
      });
      expect(await server.engine.status(CLUSTER, ns)).toMatchObject({
        state: 'awake',
        readiness: { ready: 0, total: 3 },
      });
    });

    it('that waits and times out is reported, not rolled back', async () => {
      const ns = await server.namespace(objects);
      const result = await server.engine.run(
        CLUSTER,
        ns,
        { operation: 'wake' },
        {
          waitForReadyMs: 1_500,
        },
      );
      expect(result).toMatchObject({
        success: true,
        rollback_performed: false,
        readiness: { ready: 0, total: 3, waited: true, timed_out: true },
        warnings: [expect.stringMatching(/^0 of 3 workloads ready/)],
      });
      expect(await server.live(ns)).toMatchObject({
        'StatefulSet/db': { replicas: 1, annotations: {} },
        'Deployment/api': { replicas: 2, annotations: {} },
        'Deployment/web': { replicas: 1, annotations: {} },
      });
      expect(await server.engine.status(CLUSTER, ns)).toMatchObject({
        state: 'awake',
        readiness: { ready: 0, total: 3 },
      });
    });
  },
);

import { K8S_ANNOTATIONS } from '@namespace-scheduler/backstage-plugin-common';
import {
  CLUSTER,
  describeConformance,
} from './__testUtils__/describeConformance';
import { deployment, scaledObject } from './__testUtils__/manifests';

const PAUSED = K8S_ANNOTATIONS.kedaPausedReplicas;
const ORIGINAL = K8S_ANNOTATIONS.originalPausedReplicas;

/**
 * KEDA ScaledObjects: the sandbox serves the CRD with `keda: true`; on
 * kube-apiserver the file installs the ScaledObject CRD through
 * apiextensions.k8s.io on a control plane of its own (a CRD is cluster-wide,
 * and the engine lists ScaledObjects wherever keda.sh is served). Neither runs
 * the KEDA operator: these tests are about the annotations the engine writes.
 */
describeConformance(
  'KEDA ScaledObjects',
  { tag: 'keda', keda: true },
  server => {
    it('sleep pauses them at 0 recording that they ran, wake unpauses them; others` pauses and excluded targets are left', async () => {
      const ns = await server.namespace(n => [
        deployment(n, 'api', 2),
        deployment(n, 'ingest', 1, { [K8S_ANNOTATIONS.exclude]: 'true' }),
        deployment(n, 'batch', 1),
        scaledObject(n, 'api', 'api'),
        scaledObject(n, 'ingest', 'ingest'),
        scaledObject(n, 'batch', 'batch', { [PAUSED]: '2' }),
      ]);
      const before = await server.live(ns);

      const slept = await server.engine.run(CLUSTER, ns, {
        operation: 'sleep',
      });
      expect(slept).toMatchObject({ success: true, total_scaled: 3 });
      expect(
        slept.skipped_resources
          .filter(s => s.type === 'ScaledObject')
          .map(s => `${s.name}: ${s.reason}`)
          .sort(),
      ).toEqual([
        'batch: paused by another actor at 2 replicas',
        'ingest: its target Deployment/ingest is excluded',
      ]);
      expect(await server.live(ns)).toMatchObject({
        'ScaledObject/api': {
          annotations: { [PAUSED]: '0', [ORIGINAL]: 'none' },
        },
        'ScaledObject/batch': { annotations: { [PAUSED]: '2' } },
        'ScaledObject/ingest': { annotations: {} },
        'Deployment/api': { replicas: 0 },
        'Deployment/batch': { replicas: 0 },
      });
      const status = await server.engine.status(CLUSTER, ns);
      expect(
        status.workloads.find(
          w => w.name === 'api' && w.kind === 'ScaledObject',
        ),
      ).toMatchObject({ paused: true, state: 'asleep' });

      expect(
        (await server.engine.run(CLUSTER, ns, { operation: 'wake' })).success,
      ).toBe(true);
      expect(await server.live(ns)).toEqual(before);
    });

    it('dry runs change no ScaledObject', async () => {
      const ns = await server.namespace(n => [
        deployment(n, 'api', 1),
        scaledObject(n, 'api', 'api'),
      ]);
      const before = await server.read('ScaledObject', ns, 'api');
      const result = await server.engine.run(
        CLUSTER,
        ns,
        { operation: 'sleep' },
        { dryRun: true },
      );
      expect(result).toMatchObject({ success: true, total_scaled: 2 });
      expect(await server.read('ScaledObject', ns, 'api')).toEqual(before);
    });

    it('reads every ScaledObject of a namespace, past the first page of 500', async () => {
      const ns = await server.namespace(n =>
        Array.from({ length: 520 }, (_, i) =>
          scaledObject(n, `so-${i}`, `app-${i}`),
        ),
      );
      const status = await server.engine.status(CLUSTER, ns);
      expect(
        status.workloads.filter(w => w.kind === 'ScaledObject'),
      ).toHaveLength(520);
    });
  },
);

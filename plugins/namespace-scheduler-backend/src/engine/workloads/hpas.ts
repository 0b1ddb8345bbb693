import type { V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import { K8S_ANNOTATIONS } from '@namespace-scheduler/backstage-plugin-common';
import {
  defineAdapter,
  dryRunParam,
  fromMeta,
  listAll,
  MERGE_PATCH,
  metadataPatch,
} from './adapterKit';
import { replicasCodec } from './codecs';
import type { Workload } from './types';

/** An HPA as the engine sees it (also used by the cluster-state cache). */
export function hpaWorkload(object: V2HorizontalPodAutoscaler): Workload {
  return {
    ...fromMeta('HorizontalPodAutoscaler', object.metadata),
    level: object.spec?.minReplicas ?? 1,
    maxReplicas: object.spec?.maxReplicas,
    target: {
      kind: object.spec?.scaleTargetRef.kind ?? '',
      name: object.spec?.scaleTargetRef.name ?? '',
    },
  };
}

/**
 * HPAs sleep by lowering minReplicas to 1, the floor without the HPAScaleToZero
 * gate. Kubernetes already stops autoscaling a target at 0 replicas; the lower
 * floor keeps an HPA from multiplying a workload that something else wakes
 * while the namespace sleeps. Wake restores the recorded minReplicas exactly.
 */
export const hpaAdapter = defineAdapter<V2HorizontalPodAutoscaler>({
  ...replicasCodec,
  kind: 'HorizontalPodAutoscaler',
  markerAnnotation: K8S_ANNOTATIONS.originalMinReplicas,
  phase: 2,
  sleepLevel: workload => Math.min(workload.level, 1),
  toWorkload: hpaWorkload,
  patchBody: (workload, state) => ({
    metadata: metadataPatch(
      workload,
      K8S_ANNOTATIONS.originalMinReplicas,
      state,
    ),
    spec: { minReplicas: state.level },
  }),
  list: (client, namespace) =>
    listAll((limit, cont) =>
      client.autoscaling.listNamespacedHorizontalPodAutoscaler({
        namespace,
        limit,
        _continue: cont,
      }),
    ),
  read: (client, namespace, name) =>
    client.autoscaling.readNamespacedHorizontalPodAutoscaler({
      namespace,
      name,
    }),
  patch: (client, namespace, name, body, dryRun) =>
    client.autoscaling.patchNamespacedHorizontalPodAutoscaler(
      { namespace, name, body, dryRun: dryRunParam(dryRun) },
      MERGE_PATCH,
    ),
});

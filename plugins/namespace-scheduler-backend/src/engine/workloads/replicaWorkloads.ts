import type { V1Deployment, V1StatefulSet } from '@kubernetes/client-node';
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
import { podRequestsOf } from './podRequests';
import type { Workload, WorkloadState } from './types';

type ReplicaObject = V1Deployment | V1StatefulSet;

function toWorkload(kind: 'Deployment' | 'StatefulSet') {
  return (object: ReplicaObject): Workload => ({
    ...fromMeta(kind, object.metadata),
    level: object.spec?.replicas ?? 1,
    readyReplicas: object.status?.readyReplicas ?? 0,
    observedGeneration: object.status?.observedGeneration,
    podRequests: podRequestsOf(object.spec?.template),
  });
}

function patchBody(workload: Workload, state: WorkloadState): object {
  return {
    metadata: metadataPatch(workload, K8S_ANNOTATIONS.originalReplicas, state),
    spec: { replicas: state.level },
  };
}

/** A Deployment or StatefulSet as the engine sees it (also used by the cluster-state cache). */
export const deploymentWorkload = toWorkload('Deployment');
export const statefulSetWorkload = toWorkload('StatefulSet');

const common = {
  ...replicasCodec,
  markerAnnotation: K8S_ANNOTATIONS.originalReplicas,
  patchBody,
  sleepLevel: () => 0,
};

export const deploymentAdapter = defineAdapter<V1Deployment>({
  ...common,
  kind: 'Deployment',
  phase: 1,
  toWorkload: deploymentWorkload,
  list: (client, namespace) =>
    listAll((limit, cont) =>
      client.apps.listNamespacedDeployment({
        namespace,
        limit,
        _continue: cont,
      }),
    ),
  read: (client, namespace, name) =>
    client.apps.readNamespacedDeployment({ namespace, name }),
  patch: (client, namespace, name, body, dryRun) =>
    client.apps.patchNamespacedDeployment(
      { namespace, name, body, dryRun: dryRunParam(dryRun) },
      MERGE_PATCH,
    ),
});

export const statefulSetAdapter = defineAdapter<V1StatefulSet>({
  ...common,
  kind: 'StatefulSet',
  phase: 0,
  toWorkload: statefulSetWorkload,
  list: (client, namespace) =>
    listAll((limit, cont) =>
      client.apps.listNamespacedStatefulSet({
        namespace,
        limit,
        _continue: cont,
      }),
    ),
  read: (client, namespace, name) =>
    client.apps.readNamespacedStatefulSet({ namespace, name }),
  patch: (client, namespace, name, body, dryRun) =>
    client.apps.patchNamespacedStatefulSet(
      { namespace, name, body, dryRun: dryRunParam(dryRun) },
      MERGE_PATCH,
    ),
});

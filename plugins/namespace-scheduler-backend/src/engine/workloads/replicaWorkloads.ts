import type { V1Deployment, V1StatefulSet } from '@kubernetes/client-node';
import { K8S_ANNOTATIONS } from '@namespace-scheduler/backstage-plugin-common';
import {
  defineAdapter,
  fromMeta,
  metadataPatch,
  untypedCollection,
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
  ...untypedCollection<V1Deployment>('apps', 'v1', 'deployments'),
});

export const statefulSetAdapter = defineAdapter<V1StatefulSet>({
  ...common,
  kind: 'StatefulSet',
  phase: 0,
  toWorkload: statefulSetWorkload,
  ...untypedCollection<V1StatefulSet>('apps', 'v1', 'statefulsets'),
});

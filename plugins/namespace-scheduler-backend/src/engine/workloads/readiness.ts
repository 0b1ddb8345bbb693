import type { Workload } from './types';

export function isReplicaKind(workload: Workload): boolean {
  return workload.kind === 'Deployment' || workload.kind === 'StatefulSet';
}

/**
 * Every replica of the current spec ready: the controller has seen the spec
 * (observedGeneration) and reports as many ready replicas as it asks for.
 */
export function isReady(workload: Workload): boolean {
  const observed =
    workload.generation === undefined ||
    (workload.observedGeneration ?? 0) >= workload.generation;
  return observed && (workload.readyReplicas ?? 0) >= workload.level;
}

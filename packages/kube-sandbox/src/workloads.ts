import { labelSelectorString } from './selectors';
import { getField, isObject, JsonObject, KubeObject } from './types';

/** Deployments and StatefulSets: replicas, the status their controllers report, and `/scale`. */

const SCALABLE_KINDS = ['Deployment', 'StatefulSet'];

export function isScalable(kind: string): boolean {
  return SCALABLE_KINDS.includes(kind);
}

function specReplicas(obj: KubeObject): number {
  const replicas = getField(obj, 'spec', 'replicas');
  return typeof replicas === 'number' ? replicas : 1;
}

/** Go's `omitempty` drops zero counters from DeploymentStatus. */
function withoutZeros(status: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(status).filter(([, v]) => v !== 0));
}

/** The status a controller reports once every replica is up. */
export function settledStatus(obj: KubeObject): JsonObject {
  const replicas = specReplicas(obj);
  const observedGeneration = obj.metadata.generation ?? 1;
  if (obj.kind === 'StatefulSet') {
    // StatefulSetStatus keeps `replicas` and `availableReplicas` even at zero.
    return {
      observedGeneration,
      replicas,
      ...withoutZeros({
        readyReplicas: replicas,
        currentReplicas: replicas,
        updatedReplicas: replicas,
      }),
      availableReplicas: replicas,
    };
  }
  return {
    observedGeneration,
    ...withoutZeros({
      replicas,
      updatedReplicas: replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
    }),
  };
}

/** Status right after creation, before the controller has caught up. */
export function initialStatus(kind: string): JsonObject {
  return kind === 'StatefulSet' ? { replicas: 0, availableReplicas: 0 } : {};
}

export function isSettled(obj: KubeObject): boolean {
  return JSON.stringify(obj.status) === JSON.stringify(settledStatus(obj));
}

export function readyReplicas(obj: KubeObject): number {
  const ready = getField(obj, 'status', 'readyReplicas');
  return typeof ready === 'number' ? ready : 0;
}

/** The autoscaling/v1 Scale view of a workload; it shares the workload's resourceVersion. */
export function toScale(obj: KubeObject): KubeObject {
  const { name, namespace, uid, resourceVersion, creationTimestamp } =
    obj.metadata;
  const statusReplicas = getField(obj, 'status', 'replicas');
  const selector = labelSelectorString(getField(obj, 'spec', 'selector'));
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    // ScaleSpec.replicas is `omitempty`: a workload scaled to zero has an empty Scale spec.
    spec: specReplicas(obj) ? { replicas: specReplicas(obj) } : {},
    status: {
      replicas: typeof statusReplicas === 'number' ? statusReplicas : 0,
      ...(selector ? { selector } : {}),
    },
  };
}

/** The workload with the replicas (and resourceVersion precondition) a Scale asks for. */
export function applyScale(obj: KubeObject, scale: KubeObject): KubeObject {
  const spec = isObject(obj.spec) ? obj.spec : {};
  const metadata = {
    ...obj.metadata,
    resourceVersion: scale.metadata.resourceVersion,
  };
  if (!metadata.resourceVersion) delete metadata.resourceVersion;
  return {
    ...obj,
    metadata,
    spec: { ...spec, replicas: getField(scale, 'spec', 'replicas') ?? 0 },
  };
}

import { labelSelectorString } from './selectors';
import { templateHash } from './pods';
import {
  getField,
  isObject,
  JsonObject,
  KubeObject,
  sameJson,
  timestamp,
} from './types';

/** The annotation the deployment controller numbers a Deployment's rollouts with. */
export const DEPLOYMENT_REVISION = 'deployment.kubernetes.io/revision';

/** Deployments and StatefulSets: replicas, the status their controllers report, and `/scale`. */

const SCALABLE_KINDS = ['Deployment', 'StatefulSet'];

export function isScalable(kind: string): boolean {
  return SCALABLE_KINDS.includes(kind);
}

function specReplicas(obj: KubeObject): number {
  const replicas = getField(obj, 'spec', 'replicas');
  return typeof replicas === 'number' ? replicas : 1;
}

/** Go's `omitempty` drops zero counters from the status structs. */
function withoutZeros(status: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(status).filter(([, v]) => v !== 0));
}

interface Condition {
  type: string;
  status: 'True' | 'False';
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason: string;
  message: string;
}

function conditionsOf(status: unknown): Condition[] {
  const conditions = getField(status, 'conditions');
  return Array.isArray(conditions) ? (conditions as Condition[]) : [];
}

/**
 * A Deployment condition with the times the deployment controller gives it:
 * lastTransitionTime moves when the status flips, lastUpdateTime when the
 * reason or message changes; both stay while nothing changes.
 */
function condition(
  previous: Condition[],
  now: string,
  wanted: Omit<Condition, 'lastUpdateTime' | 'lastTransitionTime'>,
): Condition {
  const before = previous.find(c => c.type === wanted.type);
  const same =
    before?.reason === wanted.reason && before?.message === wanted.message;
  const flipped = before?.status !== wanted.status;
  return {
    type: wanted.type,
    status: wanted.status,
    lastUpdateTime: !flipped && same ? before?.lastUpdateTime ?? now : now,
    lastTransitionTime: flipped ? now : before?.lastTransitionTime ?? now,
    reason: wanted.reason,
    message: wanted.message,
  };
}

/** RollingUpdate's maxUnavailable (default 25%, rounded down); 0 for Recreate. */
function maxUnavailable(obj: KubeObject, replicas: number): number {
  if (getField(obj, 'spec', 'strategy', 'type') === 'Recreate') return 0;
  const value =
    getField(obj, 'spec', 'strategy', 'rollingUpdate', 'maxUnavailable') ??
    '25%';
  if (typeof value === 'number') return value;
  const percent = /^(\d+)%$/.exec(String(value));
  return percent ? Math.floor((replicas * Number(percent[1])) / 100) : 0;
}

/** The ReplicaSet of the Deployment's current template (named as pods.ts names its owner). */
export function replicaSetName(obj: KubeObject): string {
  return `${obj.metadata.name}-${templateHash(obj)}`;
}

/**
 * DeploymentStatus as the deployment controller writes it once it has seen
 * the spec, with `ready` of the replicas ready: the counters (zeros
 * omitted), then Available (enough replicas available for the rolling
 * update's maxUnavailable) and Progressing (the ReplicaSet complete, or
 * still being rolled out).
 */
function deploymentStatus(
  obj: KubeObject,
  ready: number,
  previous: unknown,
  now: string,
): JsonObject {
  const replicas = specReplicas(obj);
  const available = Math.min(ready, replicas);
  const before = conditionsOf(previous);
  const rs = replicaSetName(obj);
  const progressed = `ReplicaSet "${rs}" has successfully progressed.`;
  const complete =
    available >= replicas ||
    before.some(c => c.type === 'Progressing' && c.message === progressed);
  return {
    observedGeneration: obj.metadata.generation ?? 1,
    ...withoutZeros({
      replicas,
      updatedReplicas: replicas,
      readyReplicas: available,
      availableReplicas: available,
      unavailableReplicas: replicas - available,
    }),
    conditions: [
      condition(
        before,
        now,
        available >= replicas - maxUnavailable(obj, replicas)
          ? {
              type: 'Available',
              status: 'True',
              reason: 'MinimumReplicasAvailable',
              message: 'Deployment has minimum availability.',
            }
          : {
              type: 'Available',
              status: 'False',
              reason: 'MinimumReplicasUnavailable',
              message: 'Deployment does not have minimum availability.',
            },
      ),
      condition(
        before,
        now,
        complete
          ? {
              type: 'Progressing',
              status: 'True',
              reason: 'NewReplicaSetAvailable',
              message: progressed,
            }
          : {
              type: 'Progressing',
              status: 'True',
              reason: 'ReplicaSetUpdated',
              message: `ReplicaSet "${rs}" is progressing.`,
            },
      ),
    ],
  };
}

/**
 * StatefulSetStatus as the statefulset controller writes it: with the
 * default OrderedReady policy one pod at a time is created and must be
 * ready before the next; `replicas` and `availableReplicas` are kept at 0,
 * the other counters are omitted then.
 */
function statefulSetStatus(obj: KubeObject, ready: number): JsonObject {
  const wanted = specReplicas(obj);
  const readyNow = Math.min(ready, wanted);
  const parallel = getField(obj, 'spec', 'podManagementPolicy') === 'Parallel';
  const replicas = readyNow >= wanted || parallel ? wanted : readyNow + 1;
  const revision = `${obj.metadata.name}-${templateHash(obj)}`;
  return {
    observedGeneration: obj.metadata.generation ?? 1,
    replicas,
    ...withoutZeros({
      readyReplicas: readyNow,
      currentReplicas: replicas,
      updatedReplicas: replicas,
    }),
    currentRevision: revision,
    updateRevision: revision,
    collisionCount: 0,
    availableReplicas: readyNow,
  };
}

/**
 * The status the workload's controller writes once it has observed the
 * current spec, with `ready` replicas ready. `previous` (the stored status)
 * keeps condition times that still hold.
 */
export function observedStatus(
  obj: KubeObject,
  ready: number,
  previous: unknown = obj.status,
  now: string = timestamp(),
): JsonObject {
  return obj.kind === 'StatefulSet'
    ? statefulSetStatus(obj, ready)
    : deploymentStatus(obj, ready, previous, now);
}

/** The status a controller reports once every replica is up. */
export function settledStatus(
  obj: KubeObject,
  previous: unknown = obj.status,
): JsonObject {
  return observedStatus(obj, specReplicas(obj), previous);
}

/** Status right after creation, before the controller has caught up. */
export function initialStatus(kind: string): JsonObject {
  return kind === 'StatefulSet' ? { replicas: 0, availableReplicas: 0 } : {};
}

/** Whether the stored status is what the controller would write with `ready` replicas ready. */
export function hasStatus(obj: KubeObject, ready: number): boolean {
  return sameJson(obj.status, observedStatus(obj, ready));
}

export function isSettled(obj: KubeObject): boolean {
  return hasStatus(obj, specReplicas(obj));
}

export function specReplicasOf(obj: KubeObject): number {
  return specReplicas(obj);
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

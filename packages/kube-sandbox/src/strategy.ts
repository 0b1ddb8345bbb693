import { ResourceDef } from './resources';
import { ObjectStore } from './store';
import {
  ensureObject,
  getField,
  JsonObject,
  KubeObject,
  ObjectMeta,
  sameJson,
} from './types';
import { initialStatus, isScalable, settledStatus } from './workloads';

/**
 * Per-kind rules the real server applies on every write: defaulting, which fields the server
 * owns (status), and when `metadata.generation` moves.
 */

export interface StrategyContext {
  store: ObjectStore;
  readyDelayMs: number;
}

const DEFAULTERS: Record<string, (obj: KubeObject) => void> = {
  Namespace: obj => {
    // The server always labels a namespace with its own name.
    obj.metadata.labels = {
      ...obj.metadata.labels,
      'kubernetes.io/metadata.name': obj.metadata.name ?? '',
    };
    ensureObject(obj, 'spec').finalizers ??= ['kubernetes'];
  },
  Deployment: obj => {
    const spec = ensureObject(obj, 'spec');
    spec.replicas ??= 1;
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
    const strategy = ensureObject(spec, 'strategy');
    strategy.type ??= 'RollingUpdate';
    if (strategy.type === 'RollingUpdate')
      strategy.rollingUpdate ??= { maxUnavailable: '25%', maxSurge: '25%' };
  },
  StatefulSet: obj => {
    const spec = ensureObject(obj, 'spec');
    spec.replicas ??= 1;
    spec.revisionHistoryLimit ??= 10;
    spec.podManagementPolicy ??= 'OrderedReady';
    const strategy = ensureObject(spec, 'updateStrategy');
    strategy.type ??= 'RollingUpdate';
    if (strategy.type === 'RollingUpdate')
      strategy.rollingUpdate ??= { partition: 0 };
    spec.persistentVolumeClaimRetentionPolicy ??= {
      whenDeleted: 'Retain',
      whenScaled: 'Retain',
    };
  },
  CronJob: obj => {
    const spec = ensureObject(obj, 'spec');
    spec.suspend ??= false;
    spec.concurrencyPolicy ??= 'Allow';
    spec.successfulJobsHistoryLimit ??= 3;
    spec.failedJobsHistoryLimit ??= 1;
  },
  HorizontalPodAutoscaler: obj => {
    const spec = ensureObject(obj, 'spec');
    spec.minReplicas ??= 1;
    if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
      spec.metrics = [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: 80 },
          },
        },
      ];
    }
  },
};

export function applyDefaults(obj: KubeObject): void {
  DEFAULTERS[obj.kind]?.(obj);
}

/**
 * The status to store with a write. Clients cannot set status through the main resource;
 * workload status mirrors the spec at once when there is no readiness delay (otherwise the
 * workload controller catches up later).
 */
export function serverStatus(
  def: ResourceDef,
  obj: KubeObject,
  current: KubeObject | undefined,
  ctx: StrategyContext,
): unknown {
  if (isScalable(def.kind)) {
    return ctx.readyDelayMs === 0
      ? settledStatus(obj)
      : current?.status ?? initialStatus(def.kind);
  }
  switch (def.kind) {
    case 'Namespace':
      return current?.status ?? { phase: 'Active' };
    case 'HorizontalPodAutoscaler':
      return hpaStatus(obj, ctx.store);
    case 'PodDisruptionBudget':
      return (
        current?.status ?? {
          disruptionsAllowed: 0,
          currentHealthy: 0,
          desiredHealthy: 0,
          expectedPods: 0,
        }
      );
    default:
      if (!def.statusSubresource) return obj.status;
      if (current) return current.status;
      // Built-in kinds start with an empty status; custom resources with none.
      return def.custom ? undefined : {};
  }
}

/** What an HPA controller would report: the target's current replicas. */
function hpaStatus(hpa: KubeObject, store: ObjectStore): JsonObject {
  const kind = String(getField(hpa, 'spec', 'scaleTargetRef', 'kind'));
  const name = String(getField(hpa, 'spec', 'scaleTargetRef', 'name'));
  const target = store.get(kind, hpa.metadata.namespace, name);
  const replicas = getField(target, 'spec', 'replicas');
  const count = typeof replicas === 'number' ? replicas : 0;
  return {
    ...(count ? { currentReplicas: count } : {}),
    desiredReplicas: count,
  };
}

/** Namespaces and pods have no generation; everything else counts spec changes. */
export function tracksGeneration(kind: string): boolean {
  return kind !== 'Namespace' && kind !== 'Pod';
}

/** Whether anything besides metadata and status changed (what bumps the generation). */
export function specChanged(next: KubeObject, current: KubeObject): boolean {
  const body = ({ metadata, status, ...rest }: KubeObject): JsonObject => rest;
  return !sameJson(body(next), body(current));
}

const METADATA_ORDER = [
  'name',
  'generateName',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
];

/**
 * Orders fields like the real server's output (kind, apiVersion, metadata, ..., status).
 * `resourceVersion` keeps its slot even while unset, so the store fills it in place.
 */
export function shape(obj: KubeObject): KubeObject {
  const { kind, apiVersion, metadata, status, ...rest } = obj;
  const ordered: ObjectMeta = {};
  for (const key of new Set([...METADATA_ORDER, ...Object.keys(metadata)])) {
    if (metadata[key] !== undefined || key === 'resourceVersion')
      ordered[key] = metadata[key];
  }
  return {
    kind,
    apiVersion,
    metadata: ordered,
    ...rest,
    ...(status === undefined ? {} : { status }),
  };
}

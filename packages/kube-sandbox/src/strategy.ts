import { ResourceDef } from './resources';
import { ObjectStore } from './store';
import {
  ensureObject,
  getField,
  isObject,
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
  /**
   * Direct writes (manifests loaded at start, test setup) find the workload
   * controllers caught up: true when they observe and get ready with no delay.
   */
  directWritesSettle: boolean;
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
    defaultPodTemplate(spec, 'template');
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
    defaultPodTemplate(spec, 'template');
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
    const jobTemplate = ensureObject(spec, 'jobTemplate');
    ensureObject(jobTemplate, 'metadata').creationTimestamp = null;
    defaultPodTemplate(ensureObject(jobTemplate, 'spec'), 'template');
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

/** The kubelet's image pull default: Always for `:latest` or no tag, else IfNotPresent. */
function pullPolicy(image: unknown): string {
  const text = typeof image === 'string' ? image : '';
  if (text.includes('@')) return 'IfNotPresent';
  const lastSegment = text.slice(text.lastIndexOf('/') + 1);
  const tag = lastSegment.includes(':')
    ? lastSegment.slice(lastSegment.lastIndexOf(':') + 1)
    : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(probe: unknown): void {
  if (!isObject(probe)) return;
  probe.timeoutSeconds ??= 1;
  probe.periodSeconds ??= 10;
  probe.successThreshold ??= 1;
  probe.failureThreshold ??= 3;
  if (isObject(probe.httpGet)) probe.httpGet.scheme ??= 'HTTP';
}

function defaultContainer(container: unknown): void {
  if (!isObject(container)) return;
  container.resources ??= {};
  container.terminationMessagePath ??= '/dev/termination-log';
  container.terminationMessagePolicy ??= 'File';
  container.imagePullPolicy ??= pullPolicy(container.image);
  for (const port of Array.isArray(container.ports) ? container.ports : []) {
    if (isObject(port)) port.protocol ??= 'TCP';
  }
  for (const env of Array.isArray(container.env) ? container.env : []) {
    const fieldRef = getField(env, 'valueFrom', 'fieldRef');
    if (isObject(fieldRef)) fieldRef.apiVersion ??= 'v1';
  }
  ['livenessProbe', 'readinessProbe', 'startupProbe'].forEach(probe =>
    defaultProbe(container[probe]),
  );
}

/**
 * What the server defaults in a pod template (SetDefaults_PodSpec and
 * SetDefaults_Container), and the `creationTimestamp: null` an embedded
 * ObjectMeta serializes with.
 */
function defaultPodTemplate(parent: JsonObject, key: string): void {
  const template = ensureObject(parent, key);
  const metadata = ensureObject(template, 'metadata');
  template.metadata = { creationTimestamp: null, ...metadata };
  const spec = ensureObject(template, 'spec');
  for (const list of ['initContainers', 'containers']) {
    const containers = spec[list];
    if (Array.isArray(containers)) containers.forEach(defaultContainer);
  }
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
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
  direct = false,
): unknown {
  if (isScalable(def.kind)) {
    // Through the API the status is as the controller last wrote it (it
    // catches up after the response); direct writes with no readiness delay
    // find the controller caught up already.
    return direct && ctx.directWritesSettle
      ? settledStatus(obj, current?.status)
      : current?.status ?? initialStatus(def.kind);
  }
  switch (def.kind) {
    case 'Namespace':
      return current?.status ?? { phase: 'Active' };
    case 'HorizontalPodAutoscaler':
      // As created, before the HPA controller's first sync (not simulated).
      return current?.status ?? { desiredReplicas: 0, currentMetrics: null };
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

/** Namespaces, pods and HPAs have no generation; everything else counts spec changes. */
export function tracksGeneration(kind: string): boolean {
  return !['Namespace', 'Pod', 'HorizontalPodAutoscaler'].includes(kind);
}

/** Whether anything besides metadata and status changed (what bumps the generation). */
export function specChanged(next: KubeObject, current: KubeObject): boolean {
  const body = ({ metadata, status, ...rest }: KubeObject): JsonObject => rest;
  return !sameJson(body(next), body(current));
}

/** ObjectMeta's `omitempty` maps and lists: an empty one is not serialized. */
const OMIT_EMPTY = new Set([
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
]);

function isEmpty(value: unknown): boolean {
  return (
    (Array.isArray(value) && value.length === 0) ||
    (isObject(value) && Object.keys(value).length === 0)
  );
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
    if (isEmpty(metadata[key]) && OMIT_EMPTY.has(key)) continue;
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

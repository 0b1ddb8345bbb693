import { createHash, randomUUID } from 'node:crypto';
import {
  canonicalJson,
  getField,
  isObject,
  JsonObject,
  KubeObject,
  NAME_ALPHABET,
  randomSuffix,
  timestamp,
} from './types';

/**
 * Pods as the ReplicaSet and StatefulSet controllers would make them, so pod lists, ready
 * counts and resource requests look like a real cluster's. Deployment pods name a
 * `<deployment>-<hash>` ReplicaSet as owner (the sandbox does not serve ReplicaSets).
 */

const NODE_NAME = 'sandbox-node';

/** A short stable hash of the pod template, encoded like Kubernetes' pod-template-hash. */
export function templateHash(workload: KubeObject): string {
  let hash = 0x811c9dc5; // FNV-1a, as the deployment controller uses
  // Of the template's value, not its key order (clients reorder fields).
  for (const byte of Buffer.from(
    canonicalJson(getField(workload, 'spec', 'template') ?? {}),
  )) {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  }
  let encoded = '';
  for (let n = hash; n > 0; n = Math.floor(n / NAME_ALPHABET.length)) {
    encoded += NAME_ALPHABET[n % NAME_ALPHABET.length];
  }
  return encoded || 'b';
}

/** The workload (kind and name) that controls a pod, if it is one the sandbox made. */
export function podOwner(
  pod: KubeObject,
): { kind: string; name: string } | undefined {
  const ref = pod.metadata.ownerReferences?.find(r => r.controller);
  if (ref?.kind === 'StatefulSet')
    return { kind: 'StatefulSet', name: ref.name };
  if (ref?.kind === 'ReplicaSet')
    return {
      kind: 'Deployment',
      name: ref.name.slice(0, ref.name.lastIndexOf('-')),
    };
  return undefined;
}

export function isOwnedBy(pod: KubeObject, workload: KubeObject): boolean {
  const owner = podOwner(pod);
  return owner?.kind === workload.kind && owner.name === workload.metadata.name;
}

/** The template a pod was made from, in the workload's own terms. */
export function podRevision(
  pod: KubeObject,
  workload: KubeObject,
): string | undefined {
  const labels = pod.metadata.labels ?? {};
  return workload.kind === 'StatefulSet'
    ? labels['controller-revision-hash']?.slice(
        `${workload.metadata.name}-`.length,
      )
    : labels['pod-template-hash'];
}

/** The name of a new pod: the next free ordinal for StatefulSets, a random suffix otherwise. */
export function newPodName(workload: KubeObject, taken: Set<string>): string {
  const name = workload.metadata.name ?? '';
  if (workload.kind !== 'StatefulSet')
    return `${name}-${templateHash(workload)}-${randomSuffix()}`;
  let ordinal = 0;
  while (taken.has(`${name}-${ordinal}`)) ordinal++;
  return `${name}-${ordinal}`;
}

export function buildPod(workload: KubeObject, podName: string): KubeObject {
  const name = workload.metadata.name ?? '';
  const hash = templateHash(workload);
  const template = getField(workload, 'spec', 'template');
  const templateLabels = getField(template, 'metadata', 'labels');
  const podSpec = getField(template, 'spec');
  const isStatefulSet = workload.kind === 'StatefulSet';
  const labels: Record<string, string> = {
    ...(isObject(templateLabels) ? stringMap(templateLabels) : {}),
    ...(isStatefulSet
      ? {
          'apps.kubernetes.io/pod-index': podName.slice(name.length + 1),
          'controller-revision-hash': `${name}-${hash}`,
          'statefulset.kubernetes.io/pod-name': podName,
        }
      : { 'pod-template-hash': hash }),
  };
  const owner = isStatefulSet
    ? { kind: 'StatefulSet', name, uid: workload.metadata.uid ?? '' }
    : {
        kind: 'ReplicaSet',
        name: `${name}-${hash}`,
        uid: derivedUid(`${workload.metadata.uid}/${hash}`),
      };
  const spec = { ...(isObject(podSpec) ? podSpec : {}), nodeName: NODE_NAME };
  const now = timestamp();
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      name: podName,
      ...(isStatefulSet ? {} : { generateName: `${owner.name}-` }),
      namespace: workload.metadata.namespace,
      uid: randomUUID(),
      creationTimestamp: now,
      labels,
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          ...owner,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec,
    status: runningStatus(spec, now),
  };
}

function runningStatus(spec: JsonObject, now: string): JsonObject {
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  const podIP = `10.244.0.${1 + Math.floor(Math.random() * 254)}`;
  return {
    phase: 'Running',
    conditions: [
      'PodReadyToStartContainers',
      'Initialized',
      'Ready',
      'ContainersReady',
      'PodScheduled',
    ].map(type => ({
      type,
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: now,
    })),
    hostIP: '10.0.0.10',
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: now,
    containerStatuses: containers.map(c => ({
      name: getField(c, 'name'),
      state: { running: { startedAt: now } },
      ready: true,
      restartCount: 0,
      image: getField(c, 'image'),
      imageID: '',
      started: true,
    })),
    qosClass: qosClass(containers),
  };
}

/** Guaranteed when every container's requests equal its cpu+memory limits; BestEffort with none. */
function qosClass(containers: unknown[]): string {
  const resources = containers.map(c => ({
    requests: getField(c, 'resources', 'requests'),
    limits: getField(c, 'resources', 'limits'),
  }));
  const none = (v: unknown) => !isObject(v) || Object.keys(v).length === 0;
  if (resources.every(r => none(r.requests) && none(r.limits)))
    return 'BestEffort';
  const guaranteed = resources.every(({ requests, limits }) =>
    ['cpu', 'memory'].every(
      resource =>
        getField(limits, resource) !== undefined &&
        (getField(requests, resource) ?? getField(limits, resource)) ===
          getField(limits, resource),
    ),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function stringMap(obj: JsonObject): Record<string, string> {
  return Object.fromEntries(
    Object.entries(obj).map(([k, v]) => [k, String(v)]),
  );
}

function derivedUid(seed: string): string {
  const hex = createHash('sha1').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(
    12,
    16,
  )}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

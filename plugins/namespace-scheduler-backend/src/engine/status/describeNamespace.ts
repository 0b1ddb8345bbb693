import type {
  NamespaceState,
  NamespaceStatus,
  WorkloadStatus,
} from '@namespace-scheduler/backstage-plugin-common';
import { autoscalerBounds } from '../plan/autoscalerBounds';
import { refKey } from '../plan/intent';
import { isOffByTeam, resolveOriginal } from '../plan/resolveOriginal';
import { isReady, isReplicaKind } from '../workloads/readiness';
import {
  excludedKeys,
  exclusionOf,
  hasMarker,
  phaseOf,
} from '../plan/workloadFacts';
import type { Workload } from '../workloads';

const NO_STORED_ORIGINALS: ReadonlyMap<string, number> = new Map();

/**
 * A namespace's state from its live workloads. HPAs follow their targets and
 * do not count. With nothing counted (empty, or everything excluded) the
 * namespace is `asleep`: nothing in it runs or costs, and it never takes one
 * of the off-hours slots.
 */
export function describeNamespace(
  cluster: string,
  namespace: string,
  workloads: readonly Workload[],
): NamespaceStatus {
  const excluded = excludedKeys(workloads);
  const items = workloads.map(w => describeWorkload(w, excluded));
  const counted = items.filter(i => i.kind !== 'HorizontalPodAutoscaler');
  const managed = counted.filter(i => !i.excluded);
  const active = managed.filter(i => i.state !== 'off');
  const awake = active.filter(i => i.state === 'awake').length;
  const autoscalers = autoscalerBounds(workloads, NO_STORED_ORIGINALS);
  return {
    cluster,
    namespace,
    state: stateOf(awake, active.length),
    workloads: items,
    counts: {
      total: counted.length,
      awake,
      asleep: active.length - awake,
      excluded: counted.length - managed.length,
      off: managed.length - active.length,
    },
    readiness: readinessOf(workloads, items),
    ...(autoscalers.length > 0 && { autoscalers }),
    observedAt: new Date().toISOString(),
  };
}

export function unknownStatus(
  cluster: string,
  namespace: string,
  error: string,
): NamespaceStatus {
  return {
    cluster,
    namespace,
    state: 'unknown',
    workloads: [],
    counts: { total: 0, awake: 0, asleep: 0, excluded: 0, off: 0 },
    error,
    observedAt: new Date().toISOString(),
  };
}

function stateOf(awake: number, total: number): NamespaceState {
  if (awake === 0) {
    return 'asleep';
  }
  return awake === total ? 'awake' : 'partial';
}

function describeWorkload(
  workload: Workload,
  excluded: ReadonlySet<string>,
): WorkloadStatus {
  const target = workload.target;
  const running = isRunning(workload);
  const marked = hasMarker(workload);
  return {
    kind: workload.kind,
    name: workload.name,
    ...levelFields(workload),
    originalReplicas:
      marked || !running
        ? resolveOriginal(workload, NO_STORED_ORIGINALS) ??
          (workload.kind === 'HorizontalPodAutoscaler'
            ? workload.level
            : undefined)
        : undefined,
    phase: phaseOf(workload),
    excluded: Boolean(
      exclusionOf(workload) ||
        (target && excluded.has(refKey(target.kind, target.name))),
    ),
    state: stateOfWorkload(workload, running),
    drift: marked && running ? driftOf(workload) : undefined,
  };
}

function stateOfWorkload(
  workload: Workload,
  running: boolean,
): WorkloadStatus['state'] {
  if (running) return 'awake';
  return isOffByTeam(workload, NO_STORED_ORIGINALS) ? 'off' : 'asleep';
}

/**
 * Of the awake Deployments and StatefulSets, how many have every replica
 * ready for their current spec: a namespace just woken is awake (charged,
 * holding its slot) before it can serve.
 */
function readinessOf(
  workloads: readonly Workload[],
  items: readonly WorkloadStatus[],
) {
  const started = workloads.filter(
    (w, i) =>
      isReplicaKind(w) && !items[i].excluded && items[i].state === 'awake',
  );
  return { ready: started.filter(isReady).length, total: started.length };
}

/** HPAs are awake unless we lowered them to 1; the rest while above 0. */
function isRunning(workload: Workload): boolean {
  if (workload.kind === 'HorizontalPodAutoscaler') {
    return !hasMarker(workload) || workload.level > 1;
  }
  return workload.level > 0;
}

function levelFields(workload: Workload): Partial<WorkloadStatus> {
  switch (workload.kind) {
    case 'CronJob':
      return { suspended: workload.level === 0 };
    case 'ScaledObject':
      return { paused: workload.level === 0 };
    case 'HorizontalPodAutoscaler':
      return { replicas: workload.level };
    default:
      return {
        replicas: workload.level,
        readyReplicas: workload.readyReplicas,
        podRequests: workload.podRequests,
      };
  }
}

function driftOf(workload: Workload): string {
  const what = {
    CronJob: 'resumed',
    ScaledObject: 'unpaused',
    HorizontalPodAutoscaler: `minReplicas raised to ${workload.level}`,
    Deployment: `scaled to ${workload.level}`,
    StatefulSet: `scaled to ${workload.level}`,
  }[workload.kind];
  return `${what} while asleep by something other than the scheduler`;
}

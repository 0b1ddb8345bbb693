import type {
  NamespaceState,
  NamespaceStatus,
  WorkloadStatus,
} from '@namespace-scheduler/backstage-plugin-common';
import { refKey } from '../plan/intent';
import { resolveOriginal } from '../plan/resolveOriginal';
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
  const active = counted.filter(i => !i.excluded);
  const awake = active.filter(i => i.state === 'awake').length;
  return {
    cluster,
    namespace,
    state: stateOf(awake, active.length),
    workloads: items,
    counts: {
      total: counted.length,
      awake,
      asleep: active.length - awake,
      excluded: counted.length - active.length,
    },
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
    counts: { total: 0, awake: 0, asleep: 0, excluded: 0 },
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
        ? resolveOriginal(workload, NO_STORED_ORIGINALS)
        : undefined,
    phase: phaseOf(workload),
    excluded: Boolean(
      exclusionOf(workload) ||
        (target && excluded.has(refKey(target.kind, target.name))),
    ),
    state: running ? 'awake' : 'asleep',
    drift: marked && running ? driftOf(workload) : undefined,
  };
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

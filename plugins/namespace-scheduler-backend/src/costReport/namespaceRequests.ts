import {
  NamespaceStatus,
  WorkloadStatus,
} from '@namespace-scheduler/backstage-plugin-common';

const GIB = 1024 ** 3;

/** CPU cores and GiB of memory a namespace requests while awake. */
export type NamespaceRequests = { cpuCores: number; memoryGib: number };

/**
 * The requests of every pod the namespace runs when awake: each Deployment's
 * and StatefulSet's pod requests × its replicas, or × its original replicas
 * while asleep (what a wake restores), or × `replicas` when given (what a
 * scale to that many runs). Excluded workloads are never scaled, and those
 * the team turned off are never started, so the scheduler neither costs nor
 * saves them.
 */
export function namespaceRequests(
  status: NamespaceStatus,
  options: { replicas?: number } = {},
): NamespaceRequests {
  let cpuCores = 0;
  let memoryBytes = 0;
  for (const workload of status.workloads) {
    if (workload.excluded || workload.state === 'off') continue;
    if (!workload.podRequests) continue;
    const replicas = options.replicas ?? awakeReplicas(workload);
    cpuCores += workload.podRequests.cpuCores * replicas;
    memoryBytes += workload.podRequests.memoryBytes * replicas;
  }
  return { cpuCores, memoryGib: memoryBytes / GIB };
}

function awakeReplicas(workload: WorkloadStatus): number {
  return workload.state === 'awake'
    ? workload.replicas ?? 0
    : workload.originalReplicas ?? 1;
}

import { NamespaceStatus } from '@namespace-scheduler/backstage-plugin-common';

const GIB = 1024 ** 3;

/** CPU cores and GiB of memory a namespace requests while awake. */
export type NamespaceRequests = { cpuCores: number; memoryGib: number };

/**
 * The requests of every pod the namespace runs when awake: each Deployment's
 * and StatefulSet's pod requests × its replicas, or × its original replicas
 * while asleep (what a wake restores). Excluded workloads are never scaled,
 * so the scheduler neither costs nor saves them.
 */
export function namespaceRequests(status: NamespaceStatus): NamespaceRequests {
  let cpuCores = 0;
  let memoryBytes = 0;
  for (const workload of status.workloads) {
    if (workload.excluded || !workload.podRequests) continue;
    const replicas =
      workload.state === 'awake'
        ? workload.replicas ?? 0
        : workload.originalReplicas ?? 1;
    cpuCores += workload.podRequests.cpuCores * replicas;
    memoryBytes += workload.podRequests.memoryBytes * replicas;
  }
  return { cpuCores, memoryGib: memoryBytes / GIB };
}

import {
  NamespaceStatus,
  WorkloadStatus,
} from '@namespace-scheduler/backstage-plugin-common';
import { namespaceRequests } from './namespaceRequests';

const GIB = 1024 ** 3;
const pod = { cpuCores: 0.5, memoryBytes: GIB };

function status(workloads: Partial<WorkloadStatus>[]): NamespaceStatus {
  return {
    cluster: 'sandbox',
    namespace: 'shop-dev',
    state: 'awake',
    workloads: workloads.map((w, i) => ({
      kind: 'Deployment',
      name: `w${i}`,
      excluded: false,
      state: 'awake',
      podRequests: pod,
      ...w,
    })),
    counts: { total: 4, awake: 1, asleep: 1, excluded: 1, off: 1 },
    observedAt: '2026-12-03T12:00:00Z',
  };
}

describe('namespaceRequests', () => {
  const namespace = status([
    { replicas: 2 },
    { state: 'asleep', replicas: 0, originalReplicas: 3 },
    { state: 'off', replicas: 0 },
    { excluded: true, replicas: 5 },
  ]);

  it('counts awake replicas and what a wake restores, never excluded or team-stopped workloads', () => {
    expect(namespaceRequests(namespace)).toEqual({
      cpuCores: 2.5,
      memoryGib: 5,
    });
  });

  it('counts every scaled workload at the replicas of a scale', () => {
    expect(namespaceRequests(namespace, { replicas: 4 })).toEqual({
      cpuCores: 4,
      memoryGib: 8,
    });
  });
});

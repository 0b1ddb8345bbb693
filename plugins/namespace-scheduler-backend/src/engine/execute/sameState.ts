import type { WorkloadState } from '../workloads';

export function sameState(a: WorkloadState, b: WorkloadState): boolean {
  return a.level === b.level && a.marker === b.marker;
}

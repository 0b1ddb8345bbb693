import type { Workload, WorkloadState } from '../workloads';

/** One write the operation makes: `from` is what rollback restores. */
export interface Change {
  workload: Workload;
  phase: number;
  from: WorkloadState;
  to: WorkloadState;
}

export type Decision =
  | { type: 'change'; change: Change }
  | { type: 'skip'; workload: Workload; reason: string };

/** What planning needs besides the workload itself. */
export interface PlanContext {
  /** Keys of excluded workloads (`Kind/name`). */
  excluded: ReadonlySet<string>;
}

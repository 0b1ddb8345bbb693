import type { OperationProgressEvent } from '@namespace-scheduler/backstage-plugin-common';
import type { ClusterClient } from '../../clusters';
import type { Intent } from '../plan/intent';
import type { Change, PlanContext } from '../plan/types';
import type { EngineLogger } from '../types';
import type { Workload } from '../workloads';

export type ProgressStage = OperationProgressEvent['stage'];

/** Everything the writes of one operation share. */
export interface ExecutionContext {
  client: ClusterClient;
  namespace: string;
  intent: Intent;
  plan: PlanContext;
  dryRun: boolean;
  concurrency: number;
  statefulSetAcceptTimeoutMs: number;
  logger: EngineLogger;
  progress(change: Change, stage: ProgressStage, error?: string): void;
}

export interface FailedChange {
  change: Change;
  error: string;
}

/** What became of each planned change. */
export interface ExecutionOutcome {
  applied: Change[];
  failed: FailedChange[];
  /** Nothing left to do once a conflict was re-read. */
  settled: { workload: Workload; reason: string }[];
  /** Never started because an earlier change failed. */
  notAttempted: Change[];
}

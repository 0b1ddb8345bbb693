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
  /** Wake: wait for each phase's replicas to be ready, until this instant (epoch ms). */
  readyDeadline?: number;
  logger: EngineLogger;
  progress(change: Change, stage: ProgressStage, error?: string): void;
}

export interface FailedChange {
  /** The last attempt (re-planned after conflicts): what the write was made against. */
  change: Change;
  error: string;
  /** No answer or a 5xx: the write may still land. A 4xx answer means it did not. */
  ambiguous: boolean;
}

/** A change whose write the server confirmed, with the object it answered. */
export interface AppliedChange {
  change: Change;
  written: Workload;
}

/** What became of each planned change. */
export interface ExecutionOutcome {
  applied: AppliedChange[];
  failed: FailedChange[];
  /** Nothing left to do once a conflict was re-read. */
  settled: { workload: Workload; reason: string }[];
  /** Never started because an earlier change failed. */
  notAttempted: Change[];
}

import type { OperationType, WorkloadKind } from './vocabulary';

/**
 * What an operation does to a namespace: the one shape an operation has from
 * the form that asks for it to the engine that runs it.
 *
 * @public
 */
export type OperationIntent =
  | { operation: 'sleep' }
  | { operation: 'wake' }
  /** Every Deployment and StatefulSet to `replicas`; 0 is a sleep. */
  | { operation: 'scale'; replicas: number };

/**
 * An operation as a user asks for it on a namespace: the intent, the cost
 * center to charge, a dry run (the plan only), a sleep or wake held `until` a
 * time (an override schedule, shown in `zone`), and, for a wake or scale up,
 * how long to wait for the started workloads to be ready. The routes
 * `POST …/{sleep,wake,scale}` take the rest as their body.
 *
 * @public
 */
export type OperationAsk = OperationIntent & {
  costCenter: string;
  dryRun?: boolean;
  until?: string;
  zone?: string;
  waitForReadySeconds?: number;
};

/**
 * A change the engine made (or, in a dry run, would make). "Replicas" are
 * spec.replicas for Deployments/StatefulSets, minReplicas for HPAs, and 1/0
 * (running/stopped) for CronJobs (suspend) and KEDA ScaledObjects (paused).
 *
 * @public
 */
export type ScaledResource = {
  type: WorkloadKind;
  name: string;
  from_replicas: number;
  to_replicas: number;
  status: 'success' | 'planned';
};

/** @public */
export type FailedResource = {
  type: WorkloadKind;
  name: string;
  status: 'failed';
  error: string;
};

/** @public */
export type SkippedResource = {
  type: WorkloadKind;
  name: string;
  reason: string;
};

/** @public */
export type RollbackResult = {
  type: WorkloadKind;
  name: string;
  restored_replicas: number;
  /** `left_alone`: someone else changed or deleted it meanwhile, so it was not touched. */
  status: 'success' | 'failed' | 'left_alone';
  /** Why it failed, or why it was left alone. */
  error?: string;
};

/**
 * Original values recorded before a change, for the caller to persist.
 *
 * @public
 */
export type OriginalValue = {
  type: WorkloadKind;
  name: string;
  /**
   * replicas, HPA minReplicas, or 1/0 for a CronJob that was active/suspended
   * and a ScaledObject that was unpaused/paused (kube-downscaler's convention).
   */
  value: number;
};

/**
 * The result of one operation on one namespace: changes, failures and rollback per workload.
 *
 * @public
 */
export type OperationResult = {
  operation: OperationType;
  cluster: string;
  namespace: string;
  dry_run: boolean;
  success: boolean;
  scaled_resources: ScaledResource[];
  failed_resources: FailedResource[];
  skipped_resources: SkippedResource[];
  total_scaled: number;
  total_failed: number;
  rollback_performed: boolean;
  rollback_results: RollbackResult[];
  rollback_success_count: number;
  rollback_failed_count: number;
  originals: OriginalValue[];
  /** For `scale`: the replicas asked for. */
  target_replicas?: number;
  /** Changes planned but never started because an earlier one failed. */
  not_attempted?: Array<{ type: WorkloadKind; name: string }>;
  errors: string[];
  /** Things worth knowing that did not fail the operation (e.g. not ready in time). */
  warnings?: string[];
  /**
   * The rollback could not finish within its window (the cluster stayed
   * unreachable): the namespace is marked for repair, and the scheduler
   * undoes the remaining changes when the cluster answers again.
   */
  repair_pending?: boolean;
  /** Wake and scale up: how many of the started Deployments and StatefulSets have all replicas ready. */
  readiness?: OperationReadiness;
  started_at: string;
  finished_at: string;
};

/**
 * Readiness of the Deployments and StatefulSets an operation started.
 *
 * @public
 */
export type OperationReadiness = {
  /** Workloads with every replica ready. */
  ready: number;
  total: number;
  /** Whether the operation waited for them (`waitForReady`). */
  waited: boolean;
  /** Waited, and the time limit passed before all were ready. */
  timed_out: boolean;
  workloads: Array<{
    type: WorkloadKind;
    name: string;
    replicas: number;
    ready_replicas: number;
  }>;
};

/**
 * What happened to one workload during an operation, as it happens.
 *
 * @public
 */
export type OperationProgressEvent = {
  operation: OperationType;
  cluster: string;
  namespace: string;
  type: WorkloadKind;
  name: string;
  /** The wake phase the workload runs in (lower wakes first, sleeps last). */
  phase: number;
  stage:
    | 'started'
    | 'succeeded'
    /** Nothing left to do once a conflict was re-read. */
    | 'skipped'
    | 'failed'
    | 'rolling_back'
    | 'rolled_back'
    | 'rollback_failed';
  from_replicas: number;
  to_replicas: number;
  dry_run: boolean;
  error?: string;
  /** How many workload changes the operation planned. */
  total: number;
};

import type { OperationType, WorkloadKind } from './vocabulary';

/**
 * A namespace's state, derived from the live cluster.
 *
 * @public
 */
export type NamespaceState = 'awake' | 'asleep' | 'partial' | 'unknown';

/**
 * One workload's live state.
 *
 * @public
 */
export type WorkloadStatus = {
  kind: WorkloadKind;
  name: string;
  /** spec.replicas (Deployment/StatefulSet) or minReplicas (HPA). */
  replicas?: number;
  readyReplicas?: number;
  /** What wake will restore, when the workload is asleep. */
  originalReplicas?: number;
  /** CronJob suspension. */
  suspended?: boolean;
  /** KEDA ScaledObject paused at 0 (`autoscaling.keda.sh/paused-replicas: "0"`). */
  paused?: boolean;
  /** Wake phase: lower wakes first and sleeps last. */
  phase?: number;
  /** Excluded by `namespace-scheduler/exclude` or `downscaler/exclude`. */
  excluded: boolean;
  /**
   * `off`: stopped by someone else before the scheduler put it to sleep (no
   * original recorded); sleep and wake leave it as it is, and it does not
   * count towards the namespace state.
   */
  state: 'awake' | 'asleep' | 'off';
  /** Set when something scaled the workload back up while it should sleep. */
  drift?: string;
  /** Deployments and StatefulSets: what one pod requests (its containers' sum). */
  podRequests?: PodRequests;
};

/**
 * The resources one pod asks the scheduler for: CPU in cores, memory in bytes.
 *
 * @public
 */
export type PodRequests = { cpuCores: number; memoryBytes: number };

/**
 * Counts over the workloads that make up the namespace state: every kind but
 * HPAs (they follow their target). `awake`/`asleep` exclude excluded
 * workloads and those the team turned off.
 *
 * @public
 */
export type WorkloadCounts = {
  total: number;
  awake: number;
  asleep: number;
  excluded: number;
  /** Stopped by the team before any sleep: left as they are. */
  off: number;
};

/**
 * Of the awake Deployments and StatefulSets, how many have every replica of
 * their current spec ready. An awake namespace with `ready < total` is still
 * starting ("waking").
 *
 * @public
 */
export type NamespaceReadiness = { ready: number; total: number };

/**
 * A managed namespace with its live state: `awake` when every counted workload
 * runs, `asleep` when none does (also a namespace with no counted workloads,
 * since nothing in it runs or costs), `partial` otherwise.
 *
 * @public
 */
export type NamespaceStatus = {
  cluster: string;
  namespace: string;
  state: NamespaceState;
  workloads: WorkloadStatus[];
  counts: WorkloadCounts;
  readiness?: NamespaceReadiness;
  /** Why the state is `unknown` (cluster unreachable, namespace missing, …). */
  error?: string;
  /** The operation holding the namespace now, or its pending repair. */
  operation?: NamespaceOperationInProgress;
  /**
   * The HPAs that bound a scale: a scale to N sets their targets to N, so N
   * must lie within each one's minReplicas and maxReplicas (see
   * `autoscalerProblem`). Absent when no HPA scales a workload a scale sets.
   */
  autoscalers?: AutoscalerBounds[];
  observedAt: string;
};

/**
 * An HPA that autoscales a Deployment or StatefulSet a scale sets. A scale
 * below `minReplicas` would be undone by the HPA scaling it back up, one
 * above `maxReplicas` by scaling it down.
 *
 * @public
 */
export type AutoscalerBounds = {
  /** The HorizontalPodAutoscaler's name. */
  name: string;
  /** What it scales. */
  target: { kind: 'Deployment' | 'StatefulSet'; name: string };
  /** The minReplicas it runs with when awake (while asleep, the original a wake restores). */
  minReplicas: number;
  maxReplicas: number;
};

/**
 * An operation in progress on a namespace (one at a time, across backend
 * instances), or one whose changes could not be undone in time: the
 * namespace is `repair` until the scheduler restores them, and operations on
 * it are refused until then.
 *
 * @public
 */
export type NamespaceOperationInProgress = {
  operation: OperationType;
  requested_by: string;
  started_at: string;
  state: 'running' | 'repair';
  /** Why it needs repair. */
  reason?: string;
};

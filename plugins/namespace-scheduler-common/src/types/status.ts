/** A namespace's state, derived from the live cluster (seed 000 property 3). */
export type NamespaceState = 'awake' | 'asleep' | 'partial' | 'unknown';

/** The kinds the engine acts on. */
export type WorkloadKind =
  | 'Deployment'
  | 'StatefulSet'
  | 'CronJob'
  | 'HorizontalPodAutoscaler'
  | 'ScaledObject';

/** One workload's live state. */
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
  state: 'awake' | 'asleep';
  /** Set when something scaled the workload back up while it should sleep. */
  drift?: string;
  /** Deployments and StatefulSets: what one pod requests (its containers' sum). */
  podRequests?: PodRequests;
};

/** The resources one pod asks the scheduler for: CPU in cores, memory in bytes. */
export type PodRequests = { cpuCores: number; memoryBytes: number };

/**
 * Counts over the workloads that make up the namespace state: every kind but
 * HPAs (they follow their target). `awake`/`asleep` exclude excluded workloads.
 */
export type WorkloadCounts = {
  total: number;
  awake: number;
  asleep: number;
  excluded: number;
};

/**
 * A managed namespace with its live state: `awake` when every counted workload
 * runs, `asleep` when none does (also a namespace with no counted workloads,
 * since nothing in it runs or costs), `partial` otherwise.
 */
export type NamespaceStatus = {
  cluster: string;
  namespace: string;
  state: NamespaceState;
  workloads: WorkloadStatus[];
  counts: WorkloadCounts;
  /** Why the state is `unknown` (cluster unreachable, namespace missing, …). */
  error?: string;
  observedAt: string;
};

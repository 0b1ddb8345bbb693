import type {
  PodRequests,
  WorkloadKind,
} from '@namespace-scheduler/backstage-plugin-common';
import type { ClusterApis } from '../../clusters';

export interface WorkloadRef {
  kind: WorkloadKind;
  name: string;
}

/**
 * A workload read from the cluster, reduced to what the engine decides on.
 * `level` is spec.replicas, HPA minReplicas, or 1/0 for a running/stopped
 * CronJob (suspend) or ScaledObject (paused at 0).
 */
export interface Workload extends WorkloadRef {
  resourceVersion: string;
  generation?: number;
  observedGeneration?: number;
  annotations: Readonly<Record<string, string>>;
  level: number;
  readyReplicas?: number;
  /** What an HPA or ScaledObject scales (any kind, e.g. a ReplicaSet). */
  target?: { kind: string; name: string };
  /** HPAs: spec.maxReplicas. */
  maxReplicas?: number;
  /** Why the engine must leave this workload alone whatever the operation. */
  leaveAlone?: string;
  /** Deployments and StatefulSets: one pod's resource requests. */
  podRequests?: PodRequests;
}

/** The part of a workload the engine writes: its level and its original-value marker. */
export interface WorkloadState {
  level: number;
  /** Our original-value annotation; null when absent. */
  marker: string | null;
}

/** How the engine reads and writes one kind. */
export interface KindAdapter {
  readonly kind: WorkloadKind;
  /** The annotation holding the original value while asleep. */
  readonly markerAnnotation: string;
  /** Default wake phase (lower wakes first, sleeps last). */
  readonly phase: number;
  list(client: ClusterApis, namespace: string): Promise<Workload[]>;
  read(client: ClusterApis, namespace: string, name: string): Promise<Workload>;
  /** One merge patch carrying the level, the marker and the read resourceVersion. */
  write(
    client: ClusterApis,
    namespace: string,
    workload: Workload,
    state: WorkloadState,
    dryRun: boolean,
  ): Promise<Workload>;
  /**
   * Sets (or, with null, removes) annotations only; with `precondition` the
   * write fails with 409 unless the object is still at the workload's
   * resourceVersion.
   */
  annotate(
    client: ClusterApis,
    namespace: string,
    workload: Workload,
    annotations: Record<string, string | null>,
    precondition: boolean,
  ): Promise<Workload>;
  /** The level a sleeping workload of this kind has. */
  sleepLevel(workload: Workload): number;
  encode(level: number): string;
  /** undefined for a value that is not a valid original. */
  decode(marker: string): number | undefined;
}

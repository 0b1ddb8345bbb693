import type {
  ApisApi,
  AppsV1Api,
  AutoscalingV2Api,
  BatchV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  Watch,
} from '@kubernetes/client-node';
import type { BearerTokenSource } from './auth/BearerTokenSource';

/** Query parameters; undefined ones are left out. */
export type KubeQuery = Readonly<Record<string, string | number | undefined>>;

/**
 * Untyped JSON requests to the cluster, for hot paths (the engine's workload
 * reads and writes): the same rate limit, retries, breaker, timeouts and
 * metrics as the typed clients, without their per-request (de)serialization.
 * Paths are the API's own (`/apis/apps/v1/namespaces/ns/deployments/web`);
 * an answer other than 2xx throws client-node's ApiException, as the typed
 * clients do.
 */
export interface KubeJsonApi {
  get(path: string, query?: KubeQuery): Promise<unknown>;
  /** A JSON merge patch (application/merge-patch+json). */
  mergePatch(path: string, body: object, query?: KubeQuery): Promise<unknown>;
}

/** Typed API clients of one cluster. */
export interface ClusterApis {
  readonly core: CoreV1Api;
  readonly apps: AppsV1Api;
  readonly batch: BatchV1Api;
  readonly autoscaling: AutoscalingV2Api;
  readonly customObjects: CustomObjectsApi;
  readonly apis: ApisApi;
  readonly json: KubeJsonApi;
}

/** Typed API clients for one cluster, sharing its connection pool, rate limit and breaker. */
export interface ClusterClient extends ClusterApis {
  readonly name: string;
  /**
   * The same clients without the circuit breaker and retries, for undoing an
   * operation: the breaker protects normal traffic from a failing cluster,
   * but a rollback must keep trying (its caller retries and bounds it) or a
   * namespace is left half asleep. Each attempt still has its time limit.
   */
  readonly recovery: ClusterApis;
  /**
   * Watch streams. They bypass the rate limit, timeout and retries of the
   * clients above: a watch is one long-lived request, and its caller relists
   * and reconnects (see clusterState/).
   */
  readonly watch: Watch;
}

/** One request to a cluster as it ended, after its retries. */
export interface ClusterRequestEvent {
  cluster: string;
  /** The Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection. */
  verb: string;
  durationSeconds: number;
  /** No response, or 429/5xx after the retries: the cluster did not serve it. */
  failed: boolean;
  /** 429 answers (API Priority and Fairness) it met and waited out. */
  throttled: number;
}

/** Told about every cluster request (metrics); must not throw. */
export type ClusterRequestObserver = (event: ClusterRequestEvent) => void;

/** Access to the configured clusters by name. */
export interface ClusterAccess {
  clusterNames(): string[];
  /** Throws a `NotFoundError` for a cluster that is not configured. */
  get(name: string): ClusterClient;
}

/** A cluster given as an already-built KubeConfig (current context is used). */
export interface NamedKubeConfig {
  name: string;
  kubeConfig: KubeConfig;
  /**
   * Where the bearer token comes from when it is not fixed (an auth
   * strategy); the KubeConfig's user then carries none of its own.
   */
  credentials?: BearerTokenSource;
}

/** A cluster given as kubeconfig YAML whose current context reaches it. */
export interface KubeConfigYaml {
  name: string;
  kubeConfig: string;
}

/** How requests to every cluster are paced and made resilient. */
export interface ClusterAccessOptions {
  /**
   * Sustained requests per second per cluster; 0 (the default) sets no
   * client-side limit: in-flight requests are bounded by maxSockets, and the
   * server's API Priority and Fairness paces the client (429 + Retry-After).
   */
  qps: number;
  /** Requests that may go at once before `qps` applies. */
  burst: number;
  /** Keep-alive sockets per cluster. */
  maxSockets: number;
  /** Time limit of one HTTP attempt. */
  requestTimeoutMs: number;
  /** Retries after the first attempt, on 429, 5xx, timeouts and connection errors. */
  retryMaxAttempts: number;
  retryInitialDelayMs: number;
  retryMaxDelayMs: number;
  /** Consecutive failed attempts that open a cluster's circuit. */
  breakerConsecutiveFailures: number;
  /** How long an open circuit fails fast before letting a probe through. */
  breakerHalfOpenAfterMs: number;
}

export const DEFAULT_CLUSTER_ACCESS_OPTIONS: Readonly<ClusterAccessOptions> = {
  qps: 0,
  burst: 100,
  maxSockets: 16,
  requestTimeoutMs: 10_000,
  retryMaxAttempts: 3,
  retryInitialDelayMs: 100,
  retryMaxDelayMs: 2_000,
  breakerConsecutiveFailures: 10,
  breakerHalfOpenAfterMs: 5_000,
};

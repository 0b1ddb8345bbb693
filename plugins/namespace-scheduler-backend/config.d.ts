import { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * The Backstage kubernetes plugin's cluster config, reused by the Namespace
   * Scheduler. Only the fields it reads are declared here; the kubernetes
   * plugin's own schema, when installed, declares the rest.
   */
  kubernetes?: {
    clusterLocatorMethods?: Array<{
      /** `config` and `localKubectlProxy` are read; other types are skipped with a warning. */
      type: string;
      clusters?: Array<{
        name: string;
        url: string;
        /**
         * `serviceAccount` (token below, or the pod's own when absent) and
         * `inCluster`; other providers are skipped with a warning.
         * @default serviceAccount
         */
        authProvider?: string;
        /** @visibility secret */
        serviceAccountToken?: string;
        skipTLSVerify?: boolean;
        /** @visibility secret */
        caData?: string;
        caFile?: string;
      }>;
    }>;
  };

  namespaceScheduler?: {
    /**
     * The cluster of namespaces that catalog annotations name without one
     * (`backstage.io/kubernetes-namespace: shop-dev`).
     * @default the first configured cluster
     * @visibility backend
     */
    defaultCluster?: string;

    /**
     * Groups whose members may do everything (read by the demo permission
     * policy in packages/backend; a portal's own policy may ignore it).
     * @default ["group:default/platform-team"]
     * @visibility backend
     */
    adminGroups?: string[];

    /**
     * The in-process Kubernetes API sandbox started by the demo backend
     * (packages/backend) for local use and tests.
     * @visibility backend
     */
    sandbox?: {
      /** @default false */
      enabled?: boolean;
      /** Cluster name of the sandbox. @default sandbox */
      name?: string;
      /** Directory of manifests to seed it with, relative to the backend's working directory. */
      seedDir?: string;
      /** Port to listen on (loopback). @default 0 (a free port) */
      port?: number;
    };

    /**
     * Clusters reached through a kubeconfig context or from inside the
     * cluster; they override `kubernetes` clusters of the same name.
     * @visibility backend
     */
    clusters?: Array<{
      name: string;
      /** Context to use; the kubeconfig's current context when absent. */
      kubeconfigContext?: string;
      /** Kubeconfig file; `KUBECONFIG` or ~/.kube/config when absent. */
      kubeconfigPath?: string;
      /** Use the pod's service account (loadFromCluster). */
      inCluster?: boolean;
    }>;

    /**
     * Writes in flight per sleep/wake/scale operation.
     * @default 8
     * @visibility backend
     */
    concurrency?: number;

    /**
     * How long a woken StatefulSet may take to accept its new scale before
     * the operation fails and rolls back.
     * @default 60000
     * @visibility backend
     */
    statefulSetAcceptTimeoutMs?: number;

    /**
     * How every cluster is called: one keep-alive connection pool, a token
     * bucket rate limit, retries and a circuit breaker per cluster.
     * @visibility backend
     */
    clusterAccess?: {
      /**
       * Sustained requests per second per cluster; 0 disables the limit.
       * @default 50
       */
      qps?: number;
      /**
       * Requests that may go at once before `qps` applies.
       * @default 100
       */
      burst?: number;
      /**
       * Keep-alive sockets per cluster.
       * @default 16
       */
      maxSockets?: number;
      /**
       * Time limit of one HTTP attempt, in milliseconds.
       * @default 10000
       */
      requestTimeoutMs?: number;
      /** Retries on 429, 5xx, timeouts and connection errors (never on 409). */
      retry?: {
        /**
         * Retries after the first attempt.
         * @default 3
         */
        maxAttempts?: number;
        /**
         * First backoff (exponential, decorrelated jitter), in milliseconds.
         * @default 100
         */
        initialDelayMs?: number;
        /**
         * Longest backoff, in milliseconds.
         * @default 2000
         */
        maxDelayMs?: number;
      };
      /** Fails a cluster fast after repeated failures. */
      circuitBreaker?: {
        /**
         * Consecutive failed attempts that open the circuit.
         * @default 10
         */
        consecutiveFailures?: number;
        /**
         * How long the circuit stays open before a probe, in milliseconds.
         * @default 30000
         */
        halfOpenAfterMs?: number;
      };
    };

    /**
     * The schedule runner: a task on the portal scheduler that runs due
     * schedules. Without `frequency` it ticks every minute on the minute
     * (`{ cron: '* * * * *' }`) with a 5 minute timeout. When `frequency` is
     * given, this block is read as a scheduler task schedule
     * (readSchedulerServiceTaskScheduleDefinitionFromConfig): `timeout`
     * (default 5 minutes), `initialDelay` and `scope` (default `global`)
     * apply too. Keep the frequency at a minute or less: runs are due within
     * two minutes of their time.
     * @visibility backend
     */
    runner?: {
      /** A duration such as `{ minutes: 1 }`, or `{ cron: '* * * * *' }`. */
      frequency?: { cron: string } | HumanDuration | string;
      /** @default { minutes: 5 } */
      timeout?: HumanDuration | string;
      initialDelay?: HumanDuration | string;
      /** @default global */
      scope?: 'global' | 'local';
      /**
       * Operations a tick runs at once across namespaces (one at a time per
       * namespace).
       * @default 8
       */
      concurrency?: number;
    };

    /**
     * Cost-center governance (seed 000 property 2). Every wake, sleep, scale
     * and schedule is charged to a cost center that an entity claiming the
     * namespace declares (`namespace-scheduler/cost-centers`, inherited from
     * the owning Group), that a permission record authorizes and, when the
     * record names allowed groups, that the user belongs to one of.
     * @visibility backend
     */
    costCenters?: {
      /**
       * Whether a cost center without a permission record may be charged.
       * Off by default: an admin (or `permissions` below) authorizes each.
       * @default false
       */
      defaultAuthorized?: boolean;
      /**
       * Permission records written at startup for cost centers that have
       * none; records edited by admins are never overwritten.
       */
      permissions?: Array<{
        costCenter: string;
        authorized: boolean;
        /** Group refs whose members may charge it; anyone when absent. */
        allowedGroups?: string[];
        note?: string;
      }>;
    };

    /**
     * The off-hours limit (seed 000 property 1): outside business hours at
     * most `limit` managed namespaces may be awake. A wake then takes a slot
     * (refused with 409 when none is free), schedules that would keep more
     * awake are refused at save time, and at the start of off-hours the
     * runner puts to sleep awake namespaces holding no slot.
     * @visibility backend
     */
    offHours?: {
      /**
       * Namespaces that may be awake at once outside business hours.
       * @default 5
       */
      limit?: number;
      /**
       * One limit across all clusters (`global`) or one per cluster.
       * @default global
       */
      scope?: 'global' | 'cluster';
      /** When people work; everything else is off-hours. */
      businessHours?: {
        /**
         * Days with business hours; none makes all time off-hours.
         * @default [mon, tue, wed, thu, fri]
         */
        days?: Array<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'>;
        /**
         * Start, `HH:mm` in `timeZone`.
         * @default 07:00
         */
        start?: string;
        /**
         * End, `HH:mm` or `24:00`; at or before `start` runs overnight.
         * `00:00` to `24:00` on every day leaves no off-hours.
         * @default 20:00
         */
        end?: string;
        /**
         * IANA time zone of `start` and `end`.
         * @default Europe/Madrid
         */
        timeZone?: string;
      };
    };
  };
}

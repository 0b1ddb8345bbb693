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
         * `serviceAccount` (token below, or the pod's own when absent),
         * `aws`, `azure` and `googleServiceAccount` (credentials from the
         * kubernetes plugin's auth strategies: the backend's own AWS, Azure or
         * Google identity), `localKubectlProxy` (none) and `inCluster`.
         * `google`, `oidc` and `aks` use the signed-in user's token, which
         * schedules do not have: such a cluster, like one with an unknown
         * provider, is reported failing on `/health/ready`.
         * @default serviceAccount
         */
        authProvider?: string;
        /** @visibility secret */
        serviceAccountToken?: string;
        /**
         * Settings of the auth provider, as the kubernetes plugin reads them;
         * they win over the keys beside them. `aws`:
         * `kubernetes.io/aws-assume-role` (role ARN to assume),
         * `kubernetes.io/aws-external-id`, `kubernetes.io/x-k8s-aws-id` (the
         * EKS cluster name, when it is not `name`). Also
         * `kubernetes.io/auth-provider` and `serviceAccountToken`.
         * @visibility secret
         */
        authMetadata?: { [key: string]: string };
        /** `aws`: role ARN to assume (`kubernetes.io/aws-assume-role`). */
        assumeRole?: string;
        /** `aws`: external id of the role (`kubernetes.io/aws-external-id`). */
        externalId?: string;
        skipTLSVerify?: boolean;
        /** @visibility secret */
        caData?: string;
        /** @visibility secret */
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
     * Services that may make changes (wake, sleep, schedules), each acting
     * as a catalog entity: e.g. a CI pipeline with an external access token
     * (`backend.auth.externalAccess`). A service may change only what the
     * entity owns, charge only what its members may charge, and is recorded
     * as `service:<subject> (as <actsAs>)`. Services not listed may only read.
     * @visibility backend
     */
    serviceCallers?: Array<{
      /** The service principal's subject: a static token's `subject`, `external:<sub>` for a JWKS token. */
      subject: string;
      /** The entity ref it acts as, e.g. `group:default/team-commerce`. */
      actsAs: string;
    }>;

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
     * How long a failed operation keeps retrying to undo its changes (through
     * an unreachable API server or an open circuit) before it leaves what is
     * not undone to the repair sweep (docs/operations.md).
     * @default 60000
     * @visibility backend
     */
    rollbackWindowMs?: number;

    /**
     * The cluster-state cache: every cluster's namespaces, Deployments,
     * StatefulSets, CronJobs, HPAs (and KEDA ScaledObjects where served) kept
     * in memory by list+watch, so the entity tab and the admin overview read
     * memory instead of listing per request. A cluster whose watches are down
     * is read live (so it reports `unknown`), and a namespace is read live
     * after this backend writes to it until the cache has caught up.
     * @visibility backend
     */
    cache?: {
      /** @default true */
      enabled?: boolean;
      /**
       * Asked of the API server for each watch; a watch open longer than this
       * plus 5 s counts as lost. The bound on how stale cached state can get
       * when a cluster stops answering without closing connections.
       * @default 60
       */
      watchTimeoutSeconds?: number;
    };

    /**
     * How every cluster is called: one keep-alive connection pool, a token
     * bucket rate limit, retries and a circuit breaker per cluster.
     * @visibility backend
     */
    clusterAccess?: {
      /**
       * Sustained requests per second per cluster; 0 sets no client-side
       * limit. By default none is set: in-flight requests are bounded by
       * `maxSockets`, and the server's API Priority and Fairness paces the
       * client (a 429 with Retry-After pauses every request to that cluster
       * for the time asked, and is resent up to 10 times).
       * @default 0
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
         * Short, so operations resume seconds after a cluster recovers;
         * rollbacks never wait for it (they bypass the breaker).
         * @default 5000
         */
        halfOpenAfterMs?: number;
      };
    };

    /**
     * Notifications to a namespace's owners (the owners of the entities
     * claiming it, through the Backstage notifications service). Failures
     * and automatic sleeps are always told.
     * @visibility backend
     */
    notifications?: {
      /**
       * Minutes before an automatic sleep (a schedule's, an override's end,
       * or the off-hours boundary's for a namespace without a slot) to tell
       * the owners, with a link that opens the tab's "keep awake until…"
       * dialog. Once per namespace and sleep across backend instances; 0
       * turns the notice off.
       * @default 15
       */
      beforeSleepMinutes?: number;
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
     * Schedules declared in the catalog (`namespace-scheduler/schedule`) are
     * reconciled into the schedule store by a task on the portal scheduler
     * (one backend instance at a time). This block is read as a scheduler
     * task schedule (readSchedulerServiceTaskScheduleDefinitionFromConfig):
     * `frequency` (default 30 seconds), `timeout` (default 5 minutes),
     * `initialDelay`, `scope` (default `global`).
     * @visibility backend
     */
    catalogSchedules?: {
      /** A duration such as `{ seconds: 30 }`, or `{ cron: '* * * * *' }`. */
      frequency?: { cron: string } | HumanDuration | string;
      /** @default { minutes: 5 } */
      timeout?: HumanDuration | string;
      initialDelay?: HumanDuration | string;
      /** @default global */
      scope?: 'global' | 'local';
    };

    /**
     * Named holiday calendars, each a list of `YYYY-MM-DD` dates. A declared
     * schedule's `except holidays:<name>` suspends it on the calendar's dates
     * too; an entry naming a calendar not listed here is invalid.
     * @visibility backend
     */
    holidayCalendars?: {
      [name: string]: string[];
    };

    /**
     * Cost-center governance. Every wake, sleep, scale
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
     * The admin page's cost report: awake hours priced by the CPU and memory
     * the namespace's workloads request (all replicas, original replicas
     * while asleep). Savings are asleep hours at the same price. The entity
     * tab's cost and the operation dialogs' estimates use the same prices,
     * and only when `prices` is set: they show no money at the defaults.
     * @visibility backend
     */
    costReport?: {
      /** ISO 4217 code shown with the amounts. @default USD */
      currency?: string;
      prices?: {
        /** Price of one CPU core requested for an hour. @default 0.04 */
        cpuHour?: number;
        /** Price of one GiB of memory requested for an hour. @default 0.005 */
        gibHour?: number;
      };
    };

    /**
     * Deprecated: installing
     * `@namespace-scheduler/backstage-plugin-backend-module-dynamodb` is how
     * the activity log goes to DynamoDB now. Still read so that a config
     * saying `dynamodb` without the module fails startup instead of keeping
     * the log in the portal database unnoticed.
     * @deprecated install the DynamoDB module instead (docs/dynamodb.md)
     * @visibility backend
     */
    activityStore?: 'database' | 'dynamodb';

    /**
     * The off-hours limit: outside business hours at most `limit` managed
     * namespaces may be awake. A wake then takes a slot (refused with 409
     * when none is free), schedules that would keep more awake are refused
     * at save time, and at the start of off-hours the runner puts to sleep
     * awake namespaces holding no slot.
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

    /**
     * `GET /api/namespace-scheduler/health/ready`: the portal database,
     * every cluster and registered dependencies are checked at once.
     * @visibility backend
     */
    readiness?: {
      /**
       * How long one dependency may take to answer before it counts as down,
       * in milliseconds.
       * @default 3000
       */
      timeoutMs?: number;
    };

    /**
     * Alertmanager silences while namespaces sleep: a sleep creates a
     * silence lasting until the namespace's next planned wake (at most
     * `maxDuration`), a wake expires it. Off unless `url` is set. Failures
     * to reach Alertmanager are logged and never fail an operation.
     * @visibility backend
     */
    alertmanager?: {
      /** Base URL of Alertmanager's API, e.g. `http://alertmanager:9093`. */
      url?: string;
      /**
       * Matchers of each silence; `{{cluster}}` and `{{namespace}}` in
       * `value` are replaced.
       * @default [{ name: namespace, value: "{{namespace}}" }]
       */
      matchers?: Array<{
        name: string;
        value: string;
        /** @default false */
        isRegex?: boolean;
        /** @default true */
        isEqual?: boolean;
      }>;
      /**
       * Longest silence, also its length when no schedule plans a wake.
       * @default { hours: 24 }
       */
      maxDuration?: HumanDuration | string;
      /**
       * Time limit of each Alertmanager call, in milliseconds.
       * @default 5000
       */
      timeoutMs?: number;
      /**
       * `createdBy` of the silences.
       * @default namespace-scheduler
       */
      createdBy?: string;
    };
  };
}

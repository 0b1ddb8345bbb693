import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import type { ClusterRequestEvent } from '../../clusters';

/**
 * Bucket bounds in seconds. OpenTelemetry's default buckets are meant for
 * milliseconds, so every histogram here names its own.
 */
const REQUEST_SECONDS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
];
const LATENESS_SECONDS = [1, 5, 10, 15, 30, 60, 90, 120, 180, 300, 600];

export type OperationOutcomeLabel =
  | 'succeeded'
  | 'failed'
  | 'rolled_back'
  | 'rollback_failed';

export type HttpRequestSample = {
  /** The route template (`/namespaces/:cluster/:namespace/sleep`), never a raw path. */
  route: string;
  method: string;
  status: number;
  seconds: number;
};

/** What the observable gauges read at each scrape. */
export type GaugeSources = {
  /** Awake namespaces per cluster, from the last known states (no cluster calls). */
  awakeByCluster(): Map<string, number>;
  /** Off-hours slots taken now, and the limit. */
  offHoursSlots(): Promise<{ used: number; limit: number }>;
  circuitStates(): Array<{ cluster: string; open: boolean }>;
};

/**
 * Every metric of the plugin, recorded through Backstage's MetricsService
 * (the OpenTelemetry meter of the plugin). Names are final Prometheus names:
 * the exporter only appends `_total` to counters, which already end in it,
 * and units are left out of the descriptors so no `# UNIT` line contradicts
 * a name's `_seconds` suffix. Grafana dashboards and alert rules use these
 * names verbatim.
 */
export class PluginMetrics {
  private readonly operations;
  private readonly rollbacks;
  private readonly lateness;
  private readonly http;
  private readonly kube;
  private readonly kubeErrors;
  private readonly kubeThrottles;
  private readonly savings;

  static create(metrics: MetricsService): PluginMetrics {
    return new PluginMetrics(metrics);
  }

  private constructor(private readonly metrics: MetricsService) {
    this.operations = metrics.createCounter<{
      operation: string;
      outcome: OperationOutcomeLabel;
    }>('namespace_scheduler_operations_total', {
      description: 'Sleep, wake and scale operations that ran, by outcome',
    });
    this.rollbacks = metrics.createCounter(
      'namespace_scheduler_rollbacks_total',
      { description: 'Operations that rolled their changes back' },
    );
    this.lateness = metrics.createHistogram(
      'namespace_scheduler_runner_lateness_seconds',
      {
        description: 'Seconds between a scheduled run being due and starting',
        advice: { explicitBucketBoundaries: LATENESS_SECONDS },
      },
    );
    this.http = metrics.createHistogram<{
      route: string;
      method: string;
      status: string;
    }>('namespace_scheduler_http_request_duration_seconds', {
      description: 'Duration of the plugin API requests',
      advice: { explicitBucketBoundaries: REQUEST_SECONDS },
    });
    this.kube = metrics.createHistogram<{ cluster: string; verb: string }>(
      'namespace_scheduler_kube_request_duration_seconds',
      {
        description: 'Duration of Kubernetes API requests, retries included',
        advice: { explicitBucketBoundaries: REQUEST_SECONDS },
      },
    );
    this.kubeErrors = metrics.createCounter<{ cluster: string }>(
      'namespace_scheduler_kube_request_errors_total',
      {
        description:
          'Kubernetes API requests the cluster did not serve (no answer, 429 or 5xx after retries)',
      },
    );
    this.kubeThrottles = metrics.createCounter<{ cluster: string }>(
      'namespace_scheduler_kube_throttled_total',
      {
        description:
          'Kubernetes API answers 429 (API Priority and Fairness) waited out and resent',
      },
    );
    this.savings = metrics.createCounter(
      'namespace_scheduler_estimated_savings_hours_total',
      {
        description:
          'Hours namespaces spent asleep, counted when they are woken again',
      },
    );
  }

  recordOperation(operation: string, outcome: OperationOutcomeLabel) {
    this.operations.add(1, { operation, outcome });
    if (outcome === 'rolled_back' || outcome === 'rollback_failed') {
      this.rollbacks.add(1);
    }
  }

  recordRunnerLateness(seconds: number) {
    this.lateness.record(Math.max(0, seconds));
  }

  recordHttpRequest(sample: HttpRequestSample) {
    this.http.record(sample.seconds, {
      route: sample.route,
      method: sample.method,
      status: String(sample.status),
    });
  }

  /** A ClusterRequestObserver. */
  readonly recordKubeRequest = (event: ClusterRequestEvent) => {
    const { cluster, verb } = event;
    this.kube.record(event.durationSeconds, { cluster, verb });
    if (event.failed) this.kubeErrors.add(1, { cluster });
    if (event.throttled > 0)
      this.kubeThrottles.add(event.throttled, { cluster });
  };

  addSavingsHours(hours: number) {
    if (hours > 0) this.savings.add(hours);
  }

  /** Registers the gauges read at scrape time. */
  observe(sources: GaugeSources) {
    this.metrics
      .createObservableGauge<{ cluster: string }>(
        'namespace_scheduler_namespaces_awake',
        { description: 'Managed namespaces awake, by cluster (last known)' },
      )
      .addCallback(result => {
        for (const [cluster, awake] of sources.awakeByCluster()) {
          result.observe(awake, { cluster });
        }
      });
    this.observeSlots(sources);
    this.metrics
      .createObservableGauge<{ cluster: string }>(
        'namespace_scheduler_circuit_breaker_open',
        { description: '1 while a cluster circuit breaker fails fast' },
      )
      .addCallback(result => {
        for (const { cluster, open } of sources.circuitStates()) {
          result.observe(open ? 1 : 0, { cluster });
        }
      });
  }

  /** Used and limit come from one read, shared by both gauges' callbacks. */
  private observeSlots(sources: GaugeSources) {
    let pending: Promise<{ used: number; limit: number }> | undefined;
    const read = () => {
      pending ??= sources.offHoursSlots().finally(() => {
        pending = undefined;
      });
      return pending;
    };
    const gauge = (name: string, description: string) =>
      this.metrics.createObservableGauge(name, { description });
    gauge(
      'namespace_scheduler_off_hours_slots_used',
      'Off-hours slots taken now (0 during business hours)',
    ).addCallback(async result => result.observe((await read()).used));
    gauge(
      'namespace_scheduler_off_hours_slots_limit',
      'Namespaces that may be awake at once off-hours (per scope)',
    ).addCallback(async result => result.observe((await read()).limit));
  }
}

import { inProcessPrometheus, sampleValue } from '../__testUtils__/prometheus';
import { PluginMetrics } from './PluginMetrics';

describe('PluginMetrics', () => {
  const prometheus = inProcessPrometheus();
  const metrics = PluginMetrics.create(
    prometheus.provider.getMeter('backstage-plugin-namespace-scheduler'),
  );
  let slotReads = 0;
  metrics.observe({
    awakeByCluster: () =>
      new Map([
        ['prod', 2],
        ['dev', 0],
      ]),
    offHoursSlots: async () => {
      slotReads++;
      return { used: 3, limit: 5 };
    },
    circuitStates: () => [
      { cluster: 'prod', open: true },
      { cluster: 'dev', open: false },
    ],
  });

  afterAll(() => prometheus.shutdown());

  it('exports every metric under the exact name dashboards and alerts use', async () => {
    metrics.recordOperation('sleep', 'succeeded');
    metrics.recordOperation('wake', 'rolled_back');
    metrics.recordOperation('wake', 'rollback_failed');
    metrics.recordRunnerLateness(42);
    metrics.recordHttpRequest({
      route: '/namespaces/:cluster/:namespace/sleep',
      method: 'POST',
      status: 200,
      seconds: 0.12,
    });
    metrics.recordKubeRequest({
      cluster: 'prod',
      verb: 'patch',
      durationSeconds: 0.03,
      failed: false,
      throttled: 2,
    });
    metrics.recordKubeRequest({
      cluster: 'prod',
      verb: 'list',
      durationSeconds: 2,
      failed: true,
      throttled: 0,
    });
    metrics.addSavingsHours(10.5);

    const text = await prometheus.scrape();

    expect(
      sampleValue(text, 'namespace_scheduler_operations_total', {
        operation: 'sleep',
        outcome: 'succeeded',
      }),
    ).toBe(1);
    expect(sampleValue(text, 'namespace_scheduler_rollbacks_total')).toBe(2);
    expect(
      sampleValue(text, 'namespace_scheduler_runner_lateness_seconds_bucket', {
        le: '60',
      }),
    ).toBe(1);
    expect(
      sampleValue(text, 'namespace_scheduler_runner_lateness_seconds_bucket', {
        le: '30',
      }),
    ).toBe(0);
    expect(
      sampleValue(
        text,
        'namespace_scheduler_http_request_duration_seconds_count',
        {
          route: '/namespaces/:cluster/:namespace/sleep',
          method: 'POST',
          status: '200',
        },
      ),
    ).toBe(1);
    expect(
      sampleValue(
        text,
        'namespace_scheduler_kube_request_duration_seconds_count',
        { cluster: 'prod', verb: 'patch' },
      ),
    ).toBe(1);
    expect(
      sampleValue(text, 'namespace_scheduler_kube_request_errors_total', {
        cluster: 'prod',
      }),
    ).toBe(1);
    expect(
      sampleValue(text, 'namespace_scheduler_kube_throttled_total', {
        cluster: 'prod',
      }),
    ).toBe(2);
    expect(
      sampleValue(text, 'namespace_scheduler_estimated_savings_hours_total'),
    ).toBe(10.5);
    expect(
      sampleValue(text, 'namespace_scheduler_namespaces_awake', {
        cluster: 'prod',
      }),
    ).toBe(2);
    expect(
      sampleValue(text, 'namespace_scheduler_namespaces_awake', {
        cluster: 'dev',
      }),
    ).toBe(0);
    expect(sampleValue(text, 'namespace_scheduler_off_hours_slots_used')).toBe(
      3,
    );
    expect(sampleValue(text, 'namespace_scheduler_off_hours_slots_limit')).toBe(
      5,
    );
    expect(
      sampleValue(text, 'namespace_scheduler_circuit_breaker_open', {
        cluster: 'prod',
      }),
    ).toBe(1);
    expect(
      sampleValue(text, 'namespace_scheduler_circuit_breaker_open', {
        cluster: 'dev',
      }),
    ).toBe(0);
  });

  it('declares no unit, so no `# UNIT` line contradicts a name suffix', async () => {
    expect(await prometheus.scrape()).not.toContain('# UNIT');
  });

  it('reads the off-hours slots once per scrape for both gauges', async () => {
    const before = slotReads;
    await prometheus.scrape();
    expect(slotReads - before).toBe(1);
  });
});

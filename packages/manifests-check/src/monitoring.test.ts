import fs from 'node:fs';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { parse as parseYaml } from 'yaml';
import { repoPath } from './paths';
import { allowedSeriesNames, metricSelectorsIn, METRICS } from './promql';

/*
 * The alerts and the Grafana dashboard may only query the metrics the
 * backend exports (src/promql.ts lists them; the metrics code must use the
 * same names).
 */

const MONITORING = 'manifests/components/monitoring';

interface Panel {
  title: string;
  type: string;
  targets?: Array<{ expr: string; refId: string }>;
}

const dashboard = JSON.parse(
  fs.readFileSync(repoPath(MONITORING, 'grafana-dashboard.json'), 'utf8'),
) as { title: string; uid: string; panels: Panel[] };

const ruleDocument = parseYaml(
  fs.readFileSync(repoPath(MONITORING, 'prometheusrule.yaml'), 'utf8'),
);

type AlertRule = {
  alert: string;
  expr: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
};
const alerts = (): AlertRule[] =>
  ruleDocument.spec.groups.flatMap(
    (group: { rules: AlertRule[] }) => group.rules,
  );

describe('metricSelectorsIn', () => {
  it('finds the series a query selects, not functions, labels or keywords', () => {
    expect(
      metricSelectorsIn(
        'histogram_quantile(0.99, sum by (le, cluster) (rate(foo_bucket{job="a", le!="+Inf"}[5m]))) > 120',
      ),
    ).toEqual(['foo_bucket']);
    expect(
      metricSelectorsIn(
        'max by (cluster) (a_used) >= on (cluster) group_left max without (pod) (b_limit) and bool c offset 5m',
      ),
    ).toEqual(['a_used', 'b_limit', 'c']);
    expect(
      metricSelectorsIn(
        'sum(increase(x_total{outcome=~"failed|rolled_back"}[$__range])) * 3600 / 1e3',
      ),
    ).toEqual(['x_total']);
    expect(
      metricSelectorsIn('absent(up{job="namespace-scheduler"} == 1)'),
    ).toEqual(['up']);
  });
});

describe('the Grafana dashboard', () => {
  const allowed = allowedSeriesNames();
  const queries = () =>
    dashboard.panels.flatMap(panel =>
      (panel.targets ?? []).map(target => ({ panel: panel.title, ...target })),
    );

  it('is a dashboard with a stable uid and panels that all query', () => {
    expect(dashboard.uid).toBe('namespace-scheduler');
    expect(dashboard.panels.length).toBeGreaterThan(0);
    for (const panel of dashboard.panels) {
      expect({
        panel: panel.title,
        queries: panel.targets?.length ?? 0,
      }).toEqual({
        panel: panel.title,
        queries: expect.any(Number),
      });
      expect(panel.targets?.length).toBeGreaterThan(0);
    }
  });

  it("queries only the backend's namespace_scheduler_ metrics", () => {
    const unknown = queries().flatMap(query => {
      const selectors = metricSelectorsIn(query.expr);
      expect(selectors.length).toBeGreaterThan(0);
      return selectors
        .filter(name => !allowed.has(name))
        .map(name => `${query.panel}: ${name}`);
    });
    expect(unknown).toEqual([]);
  });

  it('shows namespaces awake, off-hours slots used vs limit, savings, operations and API latency', () => {
    const used = new Set(
      queries().flatMap(query =>
        metricSelectorsIn(query.expr).map(name =>
          name.replace(/_(bucket|sum|count)$/, ''),
        ),
      ),
    );
    expect([...used].sort()).toEqual(
      expect.arrayContaining([
        'namespace_scheduler_namespaces_awake',
        'namespace_scheduler_off_hours_slots_used',
        'namespace_scheduler_off_hours_slots_limit',
        'namespace_scheduler_estimated_savings_hours_total',
        'namespace_scheduler_operations_total',
        'namespace_scheduler_http_request_duration_seconds',
      ]),
    );
    // Every exported metric has a panel.
    expect([...used].sort()).toEqual(Object.keys(METRICS).sort());
  });

  it('is the dashboard the monitoring component ships', () => {
    const kustomization = parseYaml(
      fs.readFileSync(repoPath(MONITORING, 'kustomization.yaml'), 'utf8'),
    );
    expect(kustomization.configMapGenerator[0].files).toEqual([
      'namespace-scheduler.json=grafana-dashboard.json',
    ]);
  });
});

describe('the PrometheusRule', () => {
  it('validates against the prometheus-operator schema', () => {
    expect(() => new PrometheusRule(ruleDocument).validate()).not.toThrow();
  });

  it('alerts on failures, rollbacks, lateness, the off-hours limit, open breakers and a down backend', () => {
    expect(alerts().map(rule => rule.alert)).toEqual(
      expect.arrayContaining([
        'NamespaceSchedulerOperationFailures',
        'NamespaceSchedulerRollbacks',
        'NamespaceSchedulerRollbackFailed',
        'NamespaceSchedulerRunnerLate',
        'NamespaceSchedulerOffHoursSlotsAtLimit',
        'NamespaceSchedulerCircuitBreakerOpen',
        'NamespaceSchedulerBackendDown',
      ]),
    );
    const late = alerts().find(
      rule => rule.alert === 'NamespaceSchedulerRunnerLate',
    )!;
    expect(late.expr).toMatch(
      /namespace_scheduler_runner_lateness_seconds_bucket/,
    );
    expect(late.expr).toMatch(/>\s*120\b/);
  });

  it('queries only the exported metrics (and up for the backend)', () => {
    const allowed = allowedSeriesNames().add('up');
    const unknown = alerts().flatMap(rule =>
      metricSelectorsIn(rule.expr)
        .filter(name => !allowed.has(name))
        .map(name => `${rule.alert}: ${name}`),
    );
    expect(unknown).toEqual([]);
  });

  it('gives every alert a severity, a summary and a runbook in docs/operations.md', () => {
    const docs = fs.readFileSync(repoPath('docs', 'operations.md'), 'utf8');
    const anchors = new Set(
      [...docs.matchAll(/^#+\s+(.+)$/gm)].map(([, heading]) =>
        heading
          .trim()
          .toLowerCase()
          .replace(/[^\w\- ]/g, '')
          .replace(/ /g, '-'),
      ),
    );
    for (const rule of alerts()) {
      expect(['critical', 'warning', 'info']).toContain(rule.labels.severity);
      expect(rule.annotations.summary).toBeTruthy();
      const anchor = rule.annotations.runbook_url.split('#')[1];
      expect({ alert: rule.alert, runbook: anchors.has(anchor) }).toEqual({
        alert: rule.alert,
        runbook: true,
      });
    }
  });
});

/*
 * OpenTelemetry metrics for the portal, loaded before the backend starts
 * (`node --require ./src/instrumentation.js`, as Backstage's "Setup
 * OpenTelemetry" tutorial does): a MeterProvider read by a Prometheus
 * exporter, registered globally so every plugin's MetricsService records
 * into it. Prometheus scrapes http://<pod>:${PROMETHEUS_PORT:-9464}/metrics
 * (on every interface unless PROMETHEUS_HOST narrows it: a scraper reaches
 * the pod by its IP). PROMETHEUS_PORT=off turns it off.
 */
const { isMainThread } = require('node:worker_threads');

// Worker threads load --require files too; only the main thread exports.
if (isMainThread && process.env.PROMETHEUS_PORT !== 'off') {
  const { metrics } = require('@opentelemetry/api');
  const { PrometheusExporter } = require('@opentelemetry/exporter-prometheus');
  const { MeterProvider } = require('@opentelemetry/sdk-metrics');

  const port = Number(process.env.PROMETHEUS_PORT || 9464);
  const host = process.env.PROMETHEUS_HOST || '0.0.0.0';
  const exporter = new PrometheusExporter({ host, port }, error => {
    // A taken port must not stop the portal: it runs without the endpoint.
    if (error) {
      console.warn(
        `Prometheus metrics not served on :${port}: ${error.message}`,
      );
    }
  });
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [exporter] }));
}

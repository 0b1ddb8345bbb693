import {
  PrometheusExporter,
  PrometheusSerializer,
} from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';

/**
 * A MeterProvider read by a Prometheus exporter that serves no port: tests
 * scrape it in process and get the exact text Prometheus would.
 */
export function inProcessPrometheus() {
  const exporter = new PrometheusExporter({ preventServerStart: true });
  const provider = new MeterProvider({ readers: [exporter] });
  const serializer = new PrometheusSerializer();
  return {
    provider,
    async scrape(): Promise<string> {
      const { resourceMetrics, errors } = await exporter.collect();
      if (errors.length)
        throw new Error(`collect failed: ${errors.join('; ')}`);
      return serializer.serialize(resourceMetrics);
    },
    shutdown: () => provider.shutdown(),
  };
}

/** The samples of one metric family (`name`, `name_bucket`, …) from a scrape. */
export function samples(text: string, name: string): string[] {
  return text
    .split('\n')
    .filter(line => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
}

/** The value of the sample of `name` whose labels include every `labels` pair. */
export function sampleValue(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const line = samples(text, name).find(sample =>
    Object.entries(labels).every(([key, value]) =>
      sample.includes(`${key}="${value}"`),
    ),
  );
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

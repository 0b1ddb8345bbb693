/*
 * Sleeps and wakes a namespace of N Deployments in a kube-sandbox (its own
 * process) with a fixed latency on every request, and compares the time with
 * the floor ceil(requests / concurrency) × latency. A second pass keeps the
 * default client rate limit and reports the busiest 1 s window against it.
 *
 *   yarn workspace @namespace-scheduler/backstage-plugin-backend bench:engine \
 *     [--workloads 200] [--latency 20] [--concurrency 8] [--pods]
 *
 * Without --pods the sandbox's controller never makes the workloads ready, so it
 * simulates no pods: its pod bookkeeping costs O(pods in the namespace) of CPU
 * per write and would otherwise be what this measures.
 */
import { KubeConfig } from '@kubernetes/client-node';
import type { RequestRecord } from '@namespace-scheduler/kube-sandbox';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import {
  ClusterAccessOptions,
  ClusterRegistry,
  DEFAULT_CLUSTER_ACCESS_OPTIONS,
} from '../src/clusters';
import { EngineLogger, NamespaceEngine } from '../src/engine';
import { SandboxProcess, startSandboxProcess } from './bench/sandboxProcess';

const NAMESPACE = 'bench';
const CLUSTER = 'bench';
/** Long enough that no workload becomes ready (and grows pods) during a run. */
const NEVER_READY_MS = 3_600_000;

interface Settings {
  workloads: number;
  latencyMs: number;
  concurrency: number;
  pods: boolean;
}

interface Measure {
  operation: string;
  ok: boolean;
  requests: number;
  ms: number;
  floorMs: number;
  maxPerSecond: number;
  maxInFlight: number;
}

const quiet: EngineLogger = { debug() {}, info() {}, warn() {}, error() {} };

function readSettings(): Settings {
  const { values } = parseArgs({
    options: {
      workloads: { type: 'string', default: '200' },
      latency: { type: 'string', default: '20' },
      concurrency: { type: 'string', default: '8' },
      pods: { type: 'boolean', default: false },
    },
  });
  return {
    workloads: Number(values.workloads),
    latencyMs: Number(values.latency),
    concurrency: Number(values.concurrency),
    pods: values.pods ?? false,
  };
}

function manifests(settings: Settings): string {
  const namespace = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: NAMESPACE },
  };
  const deployments = Array.from({ length: settings.workloads }, (_, i) => {
    const labels = { app: `app-${i}` };
    return {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: `app-${String(i).padStart(3, '0')}`,
        namespace: NAMESPACE,
      },
      spec: {
        replicas: (i % 3) + 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [{ name: 'app', image: 'app:1' }] },
        },
      },
      // A status given is kept: without pods it stays empty (nothing ready).
      ...(settings.pods ? {} : { status: {} }),
    };
  });
  return [namespace, ...deployments].map(doc => stringify(doc)).join('---\n');
}

/** The most requests started within any 1 s window. */
function maxPerSecond(requests: RequestRecord[]): number {
  const starts = requests.map(r => r.startedAt).sort((a, b) => a - b);
  let best = 0;
  for (let lo = 0, hi = 0; hi < starts.length; hi++) {
    while (starts[hi] - starts[lo] >= 1000) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

async function measure(
  sandbox: SandboxProcess,
  settings: Settings,
  operation: string,
  run: () => Promise<{ success: boolean }>,
): Promise<Measure> {
  await sandbox.resetStats();
  const started = performance.now();
  const result = await run();
  const ms = performance.now() - started;
  const stats = await sandbox.stats();
  return {
    operation,
    ok: result.success,
    requests: stats.total,
    ms,
    floorMs: Math.ceil(stats.total / settings.concurrency) * settings.latencyMs,
    maxPerSecond: maxPerSecond(stats.requests),
    maxInFlight: stats.maxInFlight,
  };
}

/** A sleep and a wake, after a warm-up pair (JIT, connections) if asked. */
async function cycle(
  sandbox: SandboxProcess,
  settings: Settings,
  access: Partial<ClusterAccessOptions>,
  warmUp: boolean,
): Promise<Measure[]> {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(sandbox.kubeConfigYaml);
  const clusters = ClusterRegistry.fromKubeConfigs(
    [{ name: CLUSTER, kubeConfig }],
    access,
  );
  const engine = NamespaceEngine.create({
    clusters,
    logger: quiet,
    concurrency: settings.concurrency,
  });
  try {
    if (warmUp) {
      await engine.sleep(CLUSTER, NAMESPACE);
      await engine.wake(CLUSTER, NAMESPACE);
    }
    return [
      await measure(sandbox, settings, 'sleep', () =>
        engine.sleep(CLUSTER, NAMESPACE),
      ),
      await measure(sandbox, settings, 'wake', () =>
        engine.wake(CLUSTER, NAMESPACE),
      ),
    ];
  } finally {
    await clusters.close();
  }
}

function report(title: string, rows: Measure[]): void {
  console.log(`\n${title}`);
  console.table(
    rows.map(m => ({
      operation: m.operation,
      ok: m.ok,
      requests: m.requests,
      'time ms': Math.round(m.ms),
      'floor ms': m.floorMs,
      ratio: Number((m.ms / m.floorMs).toFixed(2)),
      'max req in 1 s': m.maxPerSecond,
      'max in flight': m.maxInFlight,
    })),
  );
}

async function main(): Promise<void> {
  const settings = readSettings();
  const sandbox = await startSandboxProcess(
    manifests(settings),
    settings.pods ? 0 : NEVER_READY_MS,
  );
  try {
    await sandbox.setLatency(settings.latencyMs);
    console.log(
      `${settings.workloads} Deployments, ${settings.latencyMs} ms per request, ` +
        `concurrency ${settings.concurrency}, pods ${
          settings.pods ? 'on' : 'off'
        }, Node ${process.version}`,
    );
    report(
      'Rate limit off (qps 0), after a warm-up: time vs floor = ceil(requests / concurrency) × latency',
      await cycle(sandbox, settings, { qps: 0 }, true),
    );
    const { qps, burst } = DEFAULT_CLUSTER_ACCESS_OPTIONS;
    report(
      `Default rate limit (qps ${qps}, burst ${burst}: at most ${
        qps + burst
      } in any 1 s), cold start`,
      await cycle(sandbox, settings, {}, false),
    );
  } finally {
    await sandbox.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});

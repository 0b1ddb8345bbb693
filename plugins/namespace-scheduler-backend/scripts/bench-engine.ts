/*
 * Sleeps and wakes, in a kube-sandbox (its own process) with a fixed latency
 * on every request: one namespace of 200 Deployments, then 100 namespaces of
 * 20 Deployments all at once. Compares each time with the floor
 * ceil(requests / concurrency) × latency, where concurrency is what the
 * client allows in flight: the engine's per-operation concurrency for one
 * namespace, the cluster's keep-alive sockets (maxSockets) for many at once.
 * A second pass turns the optional client rate limit on with an explicit qps
 * (the default is qps 0: no client limit, the server's API Priority and
 * Fairness paces the client) and checks the busiest 1 s window against it
 * (qps + burst): that the token bucket holds when configured.
 *
 *   yarn workspace @namespace-scheduler/backstage-plugin-backend bench:engine \
 *     [--workloads 200] [--namespaces 100] [--per-namespace 20] [--latency 20]
 *     [--concurrency 8] [--qps 50] [--many-qps 400] [--burst 100] [--pods]
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
import { BenchResult, reportResults } from './bench/results';
import { SandboxProcess, startSandboxProcess } from './bench/sandboxProcess';

const CLUSTER = 'bench';
/** Long enough that no workload becomes ready (and grows pods) during a run. */
const NEVER_READY_MS = 3_600_000;
/** Target: time ≤ 1.5 × floor. */
const MAX_RATIO = 1.5;

interface Settings {
  workloads: number;
  namespaces: number;
  perNamespace: number;
  latencyMs: number;
  concurrency: number;
  /** The explicit client rate limit of the second pass (one namespace). */
  qps: number;
  /** The same, many namespaces at once. */
  manyQps: number;
  burst: number;
  pods: boolean;
}

/** One namespace of many workloads, or many namespaces at once. */
interface Scenario {
  name: string;
  namespaces: string[];
  workloadsPer: number;
  /** Requests the client lets be in flight at once. */
  inFlight: number;
  /** The explicit rate limit of the second pass (off by default in production). */
  limit: { qps: number; burst: number };
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
      namespaces: { type: 'string', default: '100' },
      'per-namespace': { type: 'string', default: '20' },
      latency: { type: 'string', default: '20' },
      concurrency: { type: 'string', default: '8' },
      qps: { type: 'string', default: '50' },
      'many-qps': { type: 'string', default: '400' },
      burst: { type: 'string', default: '100' },
      pods: { type: 'boolean', default: false },
    },
  });
  return {
    workloads: Number(values.workloads),
    namespaces: Number(values.namespaces),
    perNamespace: Number(values['per-namespace']),
    latencyMs: Number(values.latency),
    concurrency: Number(values.concurrency),
    qps: Number(values.qps),
    manyQps: Number(values['many-qps']),
    burst: Number(values.burst),
    pods: values.pods ?? false,
  };
}

function scenarios(settings: Settings): Scenario[] {
  // The client rate limit is off by default (qps 0); the second pass sets
  // one explicitly to show the token bucket holds when configured.
  const { maxSockets } = DEFAULT_CLUSTER_ACCESS_OPTIONS;
  const { burst } = settings;
  const many = Array.from(
    { length: settings.namespaces },
    (_, i) => `bench-${String(i).padStart(3, '0')}`,
  );
  return [
    {
      name: `1 namespace × ${settings.workloads} Deployments`,
      namespaces: ['bench'],
      workloadsPer: settings.workloads,
      inFlight: settings.concurrency,
      limit: { qps: settings.qps, burst },
    },
    {
      name: `${settings.namespaces} namespaces × ${settings.perNamespace} Deployments at once`,
      namespaces: many,
      workloadsPer: settings.perNamespace,
      inFlight: Math.min(settings.concurrency * many.length, maxSockets),
      limit: { qps: settings.manyQps, burst },
    },
  ];
}

function manifests(scenario: Scenario, pods: boolean): string {
  const docs = scenario.namespaces.flatMap(namespace => [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    ...Array.from({ length: scenario.workloadsPer }, (_, i) => {
      const labels = { app: `app-${i}` };
      return {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: `app-${String(i).padStart(3, '0')}`, namespace },
        spec: {
          replicas: (i % 3) + 1,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: { containers: [{ name: 'app', image: 'app:1' }] },
          },
        },
        // A status given is kept: without pods it stays empty (nothing ready).
        ...(pods ? {} : { status: {} }),
      };
    }),
  ]);
  return docs.map(doc => stringify(doc)).join('---\n');
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
  scenario: Scenario,
  operation: string,
  run: () => Promise<Array<{ success: boolean }>>,
): Promise<Measure> {
  await sandbox.resetStats();
  const started = performance.now();
  const results = await run();
  const ms = performance.now() - started;
  const stats = await sandbox.stats();
  return {
    operation,
    ok: results.every(r => r.success),
    requests: stats.total,
    ms,
    floorMs: Math.ceil(stats.total / scenario.inFlight) * settings.latencyMs,
    maxPerSecond: maxPerSecond(stats.requests),
    maxInFlight: stats.maxInFlight,
  };
}

/** A sleep and a wake of every namespace, after a warm-up pair (JIT, connections) if asked. */
async function cycle(
  sandbox: SandboxProcess,
  settings: Settings,
  scenario: Scenario,
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
  const all = (operation: 'sleep' | 'wake') => () =>
    Promise.all(
      scenario.namespaces.map(ns => engine.run(CLUSTER, ns, { operation })),
    );
  try {
    if (warmUp) {
      await all('sleep')();
      await all('wake')();
    }
    return [
      await measure(sandbox, settings, scenario, 'sleep', all('sleep')),
      await measure(sandbox, settings, scenario, 'wake', all('wake')),
    ];
  } finally {
    await clusters.close();
  }
}

const ratioOf = (m: Measure) => Number((m.ms / m.floorMs).toFixed(2));

function report(title: string, rows: Measure[]): void {
  console.log(`\n${title}`);
  console.table(
    rows.map(m => ({
      operation: m.operation,
      ok: m.ok,
      requests: m.requests,
      'time ms': Math.round(m.ms),
      'floor ms': m.floorMs,
      ratio: ratioOf(m),
      'max req in 1 s': m.maxPerSecond,
      'max in flight': m.maxInFlight,
    })),
  );
}

/** Both passes of one scenario in its own sandbox; returns the checked figures. */
async function runScenario(
  settings: Settings,
  scenario: Scenario,
): Promise<BenchResult[]> {
  const sandbox = await startSandboxProcess(
    manifests(scenario, settings.pods),
    settings.pods ? 0 : NEVER_READY_MS,
  );
  try {
    await sandbox.setLatency(settings.latencyMs);
    console.log(
      `\n## ${scenario.name}: ${settings.latencyMs} ms per request, ` +
        `${scenario.inFlight} requests in flight at most, pods ${
          settings.pods ? 'on' : 'off'
        }`,
    );
    const fast = await cycle(sandbox, settings, scenario, { qps: 0 }, true);
    report(
      'Rate limit off (qps 0, the default), after a warm-up: time vs floor = ceil(requests / in flight) × latency',
      fast,
    );
    const { qps, burst } = scenario.limit;
    const limited = await cycle(
      sandbox,
      settings,
      scenario,
      { qps, burst },
      false,
    );
    report(
      `Explicit rate limit qps ${qps}, burst ${burst} (at most ${
        qps + burst
      } in any 1 s), cold start`,
      limited,
    );
    const failed = [...fast, ...limited].filter(m => !m.ok);
    if (failed.length > 0)
      throw new Error(`${scenario.name}: an operation failed`);
    return [
      ...fast.map(m => ({
        bench: 'engine',
        figure: `${scenario.name}: ${m.operation} time / floor`,
        value: ratioOf(m),
        unit: '×',
        max: MAX_RATIO,
      })),
      ...limited.map(m => ({
        bench: 'engine',
        figure: `${scenario.name}: ${m.operation} most requests the server saw start in 1 s (limit ${qps} + burst ${burst}, + ${scenario.inFlight} in transit)`,
        value: m.maxPerSecond,
        unit: 'requests',
        // The client starts at most qps + burst in any second; a request's
        // arrival lags its start by its transit time, so a window at the
        // server may also hold the few (at most the in-flight cap) that the
        // client started just before it.
        max: qps + burst + scenario.inFlight,
      })),
    ];
  } finally {
    await sandbox.stop();
  }
}

async function main(): Promise<void> {
  const settings = readSettings();
  console.log(`Engine bench, Node ${process.version}`);
  const results: BenchResult[] = [];
  for (const scenario of scenarios(settings)) {
    results.push(...(await runScenario(settings, scenario)));
  }
  reportResults(results);
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});

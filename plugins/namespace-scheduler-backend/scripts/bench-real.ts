/*
 * Sleep and wake of one namespace of 200 Deployments against a REAL
 * kube-apiserver (v1.32.6 + etcd from packages/kube-harness, no controller
 * manager unless --controller-manager), compared with the floor measured in
 * the same run on the same server: the same 200 merge PATCHes (replicas + the
 * original-replicas annotation, guarded by resourceVersion), sent raw over
 * one keep-alive agent at the engine's concurrency.
 *
 * The engine runs exactly as the backend does by default: ClusterRegistry
 * with DEFAULT_CLUSTER_ACCESS_OPTIONS (no client rate limit, API Priority and
 * Fairness paces it) and NamespaceEngine's default settings (concurrency 8).
 *
 *   yarn workspace @namespace-scheduler/backstage-plugin-backend bench:real \
 *     [--workloads 200] [--repetitions 31] [--controller-manager] [--profile DIR]
 *
 * --profile writes a V8 CPU profile (.cpuprofile) of this process for each
 * timed pass (rep-N-floor-down, -floor-up, -engine-sleep, -engine-wake) to DIR.
 * With --controller-manager every pass starts once the deployment controller
 * has settled (observed every Deployment, nothing changing for 200 ms).
 *
 * Each repetition is the floor pair — floor down (200 patches to 0), floor up
 * (200 patches back) — and the engine pair — engine sleep, engine wake —
 * interleaved so drift of the machine affects both sides alike, floor first
 * in odd repetitions and engine first in even ones. The verdict is paired:
 * each repetition's engine sleep over its floor down (the same 200 bodies,
 * seconds apart) and its wake over its floor up, and the median of those
 * ratios; a run's load swings (the floor moves by 2× between runs on a
 * shared 2-core machine) then cancel out instead of landing on one side.
 * The ratio of the pooled medians is printed beside it. One untimed warm-up
 * repetition comes first (JIT, connections, the apiserver's caches).
 * 31 repetitions by default (~45 s): single ratios range 0.5–2 on a shared
 * 2-core machine, and the median of 11 moved by ±0.15 between runs of the
 * same code; the 95 % interval of the median printed beside it shows how
 * far one run can be trusted.
 */
import {
  ControlPlane,
  controlPlaneAvailability,
  startControlPlane,
} from '@namespace-scheduler/kube-harness';
import { K8S_ANNOTATIONS } from '@namespace-scheduler/backstage-plugin-common';
import { KubeConfig } from '@kubernetes/client-node';
import fs from 'node:fs';
import https from 'node:https';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ClusterRegistry,
  DEFAULT_CLUSTER_ACCESS_OPTIONS,
} from '../src/clusters';
import { EngineLogger, NamespaceEngine } from '../src/engine';
import { BenchResult, reportResults } from './bench/results';

const CLUSTER = 'real';
const NAMESPACE = 'bench-real';
const ANNOTATION = K8S_ANNOTATIONS.originalReplicas;
/** The engine's default write concurrency (NamespaceEngine.create). */
const ENGINE_CONCURRENCY = 8;
/** Target: sleep and wake ≤ 1.2 × the floor. */
const MAX_RATIO = 1.2;

const quiet: EngineLogger = { debug() {}, info() {}, warn() {}, error() {} };

interface Settings {
  workloads: number;
  repetitions: number;
  controllerManager: boolean;
  /** Write a CPU profile of the engine passes to this directory. */
  profileDir?: string;
}

function readSettings(): Settings {
  const { values } = parseArgs({
    options: {
      workloads: { type: 'string', default: '200' },
      repetitions: { type: 'string', default: '31' },
      'controller-manager': { type: 'boolean', default: false },
      profile: { type: 'string' },
    },
  });
  return {
    workloads: Number(values.workloads),
    repetitions: Number(values.repetitions),
    controllerManager: values['controller-manager'] ?? false,
    profileDir: values.profile,
  };
}

// ---------------------------------------------------------------------------
// The raw client of the floor: node:https, one keep-alive agent, JSON bodies.

interface RawClient {
  request(method: string, route: string, body?: object): Promise<unknown>;
  close(): void;
}

function rawClient(cp: ControlPlane, maxSockets: number): RawClient {
  const url = new URL(cp.url);
  const agent = new https.Agent({
    keepAlive: true,
    maxSockets,
    maxFreeSockets: maxSockets,
    ca: Buffer.from(cp.caData, 'base64'),
  });
  return {
    request: (method, route, body) =>
      new Promise((resolve, reject) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const req = https.request(
          {
            agent,
            host: url.hostname,
            port: url.port,
            method,
            path: route,
            headers: {
              Authorization: `Bearer ${cp.adminToken}`,
              Accept: 'application/json',
              ...(payload
                ? {
                    'Content-Type':
                      method === 'PATCH'
                        ? 'application/merge-patch+json'
                        : 'application/json',
                    'Content-Length': Buffer.byteLength(payload),
                  }
                : {}),
            },
          },
          res => {
            const chunks: Buffer[] = [];
            res.on('data', chunk => chunks.push(chunk));
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              if ((res.statusCode ?? 0) >= 300) {
                reject(
                  new Error(`${method} ${route}: ${res.statusCode} ${text}`),
                );
              } else {
                resolve(JSON.parse(text));
              }
            });
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(payload);
      }),
    close: () => agent.destroy(),
  };
}

/** Runs `tasks` with at most `limit` in flight. */
async function pooled(
  limit: number,
  tasks: Array<() => Promise<unknown>>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++];
      await task();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

interface DeploymentView {
  name: string;
  resourceVersion: string;
  replicas: number;
  marker?: string;
  /** The controller has seen the latest spec (always true without a controller manager). */
  observed: boolean;
}

const deploymentsPath = `/apis/apps/v1/namespaces/${NAMESPACE}/deployments`;

async function listDeployments(raw: RawClient): Promise<DeploymentView[]> {
  const list = (await raw.request('GET', deploymentsPath)) as {
    items: Array<{
      metadata: {
        name: string;
        resourceVersion: string;
        generation: number;
        annotations?: Record<string, string>;
      };
      spec: { replicas: number };
      status?: { observedGeneration?: number };
    }>;
  };
  return list.items.map(item => ({
    name: item.metadata.name,
    resourceVersion: item.metadata.resourceVersion,
    replicas: item.spec.replicas,
    marker: item.metadata.annotations?.[ANNOTATION],
    observed:
      (item.status?.observedGeneration ?? 0) >= item.metadata.generation,
  }));
}

/**
 * With a controller manager: waits until the deployment controller has
 * observed every Deployment and left them alone for 200 ms, so that no status
 * update races a pass's writes (which would then meet 409s).
 */
async function settle(raw: RawClient): Promise<void> {
  let previous = '';
  for (const started = Date.now(); Date.now() - started < 120_000; ) {
    const deployments = await listDeployments(raw);
    const versions = deployments.map(d => d.resourceVersion).join(',');
    if (deployments.every(d => d.observed) && versions === previous) return;
    previous = versions;
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  const last = await listDeployments(raw);
  throw new Error(
    `the Deployments did not settle within 120 s (${
      last.filter(d => !d.observed).length
    } not observed)`,
  );
}

const originalReplicas = (i: number) => (i % 3) + 1;

async function seed(raw: RawClient, workloads: number): Promise<void> {
  await raw.request('POST', '/api/v1/namespaces', {
    metadata: { name: NAMESPACE },
  });
  await pooled(
    16,
    Array.from({ length: workloads }, (_, i) => () => {
      const name = `app-${String(i).padStart(3, '0')}`;
      const labels = { app: name };
      return raw.request('POST', deploymentsPath, {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, namespace: NAMESPACE },
        spec: {
          replicas: originalReplicas(i),
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: { containers: [{ name: 'app', image: 'app:1' }] },
          },
        },
      });
    }),
  );
}

/**
 * The floor: the engine's 200 merge patches, raw, `concurrency` in flight over
 * one warm keep-alive agent. The list that yields the resourceVersions is not
 * timed. Down: replicas 0 + the original in the annotation; up: the original
 * back, the annotation removed — the engine's sleep and wake bodies.
 */
async function floorPass(
  raw: RawClient,
  direction: 'down' | 'up',
): Promise<number> {
  const deployments = await listDeployments(raw);
  const body = (d: DeploymentView) =>
    direction === 'down'
      ? {
          metadata: {
            resourceVersion: d.resourceVersion,
            annotations: { [ANNOTATION]: String(d.replicas) },
          },
          spec: { replicas: 0 },
        }
      : {
          metadata: {
            resourceVersion: d.resourceVersion,
            annotations: { [ANNOTATION]: null },
          },
          spec: { replicas: Number(d.marker) },
        };
  const started = performance.now();
  await pooled(
    ENGINE_CONCURRENCY,
    deployments.map(
      d => () => raw.request('PATCH', `${deploymentsPath}/${d.name}`, body(d)),
    ),
  );
  return performance.now() - started;
}

/** V8 CPU profiles of chosen stretches of this process (--profile). */
class Profiles {
  private session?: Session;

  constructor(private readonly dir?: string) {}

  async around<T>(name: string, run: () => Promise<T>): Promise<T> {
    if (!this.dir) return run();
    if (!this.session) {
      this.session = new Session();
      this.session.connect();
      await this.session.post('Profiler.enable');
      await this.session.post('Profiler.setSamplingInterval', {
        interval: 200,
      });
      fs.mkdirSync(this.dir, { recursive: true });
    }
    await this.session.post('Profiler.start');
    try {
      return await run();
    } finally {
      const { profile } = await this.session.post('Profiler.stop');
      fs.writeFileSync(
        path.join(this.dir, `${name}.cpuprofile`),
        JSON.stringify(profile),
      );
    }
  }
}

// ---------------------------------------------------------------------------

interface EnginePass {
  ms: number;
  /** Operation start to the first PATCH sent: the reads and planning. */
  readMs: number;
  /** First PATCH sent to the last one answered. */
  writeMs: number;
  /** Last PATCH answered to the result returned. */
  tailMs: number;
  ok: boolean;
  scaled: number;
  requests: number;
  throttled: number;
}

function cpuSecondsOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = fs
      .readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    // utime and stime: fields 14 and 15 of stat, 12 and 13 after "(comm) ".
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

interface Sample {
  ms: number;
  clientCpuMs: number;
  apiserverCpuMs: number;
  etcdCpuMs: number;
}

async function sampled(
  cp: ControlPlane,
  run: () => Promise<number | undefined>,
): Promise<Sample> {
  const cpu = process.cpuUsage();
  const api = cpuSecondsOf(cp.pids.apiserver);
  const etcd = cpuSecondsOf(cp.pids.etcd);
  const started = performance.now();
  const measured = await run();
  const ms = measured ?? performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    ms,
    clientCpuMs: (used.user + used.system) / 1000,
    apiserverCpuMs: (cpuSecondsOf(cp.pids.apiserver) - api) * 1000,
    etcdCpuMs: (cpuSecondsOf(cp.pids.etcd) - etcd) * 1000,
  };
}

const phasesOf = (pass: EnginePass) =>
  [pass.readMs, pass.writeMs, pass.tailMs].map(v => Math.round(v)).join(' / ');

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const round = (value: number, digits = 0) => Number(value.toFixed(digits));

/**
 * Each repetition's engine pass over its floor pass with the same bodies: the
 * median, its distribution-free 95 % interval (the order statistics that
 * bracket the median with binomial probability ≥ 95 %) and the range.
 */
function pairedRatios(engine: Sample[], floor: Sample[]) {
  const ratios = engine
    .map((sample, i) => sample.ms / floor[i].ms)
    .sort((a, b) => a - b);
  const n = ratios.length;
  const k = Math.max(1, Math.floor((n - 1.96 * Math.sqrt(n)) / 2));
  const span = (low: number, high: number) =>
    `${round(low, 2)}–${round(high, 2)}`;
  return {
    median: round(median(ratios), 2),
    interval: span(ratios[k - 1], ratios[n - k]),
    range: span(ratios[0], ratios[n - 1]),
  };
}

async function main(): Promise<void> {
  const settings = readSettings();
  const availability = controlPlaneAvailability();
  if (!availability.available) {
    // Like the test suites: skipped with the reason, unless required.
    const message = `real kube-apiserver bench skipped: ${availability.reason}`;
    if (process.env.NS_REQUIRE_REAL_K8S === '1') throw new Error(message);
    console.log(`${message} (set NS_REQUIRE_REAL_K8S=1 to require it)`);
    return;
  }
  const load = os.loadavg();
  console.log(
    `Real kube-apiserver bench, Node ${process.version}, ${
      os.cpus().length
    } cores, load average ${load.map(l => l.toFixed(2)).join(' ')}`,
  );
  const startedAt = performance.now();
  const cp = await startControlPlane({
    controllerManager: settings.controllerManager,
    // Its own client limit (20 qps by default) would take minutes to create
    // and scale the ReplicaSets and pods of 200 Deployments.
    controllerManagerArgs: ['--kube-api-qps=500', '--kube-api-burst=1000'],
  });
  console.log(
    `control plane up in ${Math.round(
      performance.now() - startedAt,
    )} ms (etcd + kube-apiserver${
      settings.controllerManager ? ' + kube-controller-manager' : ''
    }), ${cp.url}`,
  );
  const raw = rawClient(cp, DEFAULT_CLUSTER_ACCESS_OPTIONS.maxSockets);
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(cp.kubeConfigYaml());
  const tally = { requests: 0, throttled: 0, failed: 0 };
  /** PATCHes of the current pass: when each was sent and answered. */
  let patches: Array<{ sent: number; answered: number }> = [];
  // Default ClusterAccessOptions: nothing passed but the observer.
  const clusters = ClusterRegistry.fromKubeConfigs(
    [{ name: CLUSTER, kubeConfig }],
    {},
    event => {
      tally.requests++;
      tally.throttled += event.throttled;
      if (event.verb === 'patch') {
        const answered = performance.now();
        patches.push({
          sent: answered - event.durationSeconds * 1000,
          answered,
        });
      }
      if (event.failed) tally.failed++;
    },
  );
  // Default engine settings: concurrency 8.
  const engine = NamespaceEngine.create({ clusters, logger: quiet });
  const enginePass = async (
    operation: 'sleep' | 'wake',
  ): Promise<EnginePass> => {
    const before = { ...tally };
    patches = [];
    const started = performance.now();
    const result = await engine.run(CLUSTER, NAMESPACE, { operation });
    const ended = performance.now();
    const firstSent = Math.min(...patches.map(p => p.sent));
    const lastAnswered = Math.max(...patches.map(p => p.answered));
    return {
      ms: ended - started,
      readMs: firstSent - started,
      writeMs: lastAnswered - firstSent,
      tailMs: ended - lastAnswered,
      ok: result.success && result.total_scaled === settings.workloads,
      scaled: result.total_scaled,
      requests: tally.requests - before.requests,
      throttled: tally.throttled - before.throttled,
    };
  };
  try {
    await seed(raw, settings.workloads);
    console.log(
      `seeded ${settings.workloads} Deployments in ${NAMESPACE} (${Math.round(
        performance.now() - startedAt,
      )} ms since start)`,
    );
    const rows: Array<Record<string, unknown>> = [];
    const samples = {
      floorDown: [] as Sample[],
      floorUp: [] as Sample[],
      sleep: [] as Sample[],
      wake: [] as Sample[],
    };
    const passes: EnginePass[] = [];
    const profiles = new Profiles(settings.profileDir);
    const timed = { sleep: [] as EnginePass[], wake: [] as EnginePass[] };
    for (let rep = 0; rep <= settings.repetitions; rep++) {
      const warmUp = rep === 0;
      const tag = warmUp ? 'warm-up' : `rep-${rep}`;
      const settled = () => (settings.controllerManager ? settle(raw) : null);
      let down: Sample | undefined;
      let up: Sample | undefined;
      const floorPair = async () => {
        await settled();
        down = await profiles.around(`${tag}-floor-down`, () =>
          sampled(cp, () => floorPass(raw, 'down')),
        );
        await settled();
        up = await profiles.around(`${tag}-floor-up`, () =>
          sampled(cp, () => floorPass(raw, 'up')),
        );
      };
      let sleep: Sample | undefined;
      let wake: Sample | undefined;
      let sleepPass: EnginePass | undefined;
      let wakePass: EnginePass | undefined;
      const enginePair = async () => {
        await settled();
        sleep = await profiles.around(`${tag}-engine-sleep`, () =>
          sampled(cp, async () => {
            sleepPass = await enginePass('sleep');
            return sleepPass.ms;
          }),
        );
        await settled();
        wake = await profiles.around(`${tag}-engine-wake`, () =>
          sampled(cp, async () => {
            wakePass = await enginePass('wake');
            return wakePass.ms;
          }),
        );
      };
      // Floor first in odd repetitions, engine first in even ones: whatever
      // the pass before leaves behind (garbage to collect, the apiserver's and
      // etcd's background work) falls on both sides alike.
      const pairs =
        warmUp || rep % 2 === 1
          ? [floorPair, enginePair]
          : [enginePair, floorPair];
      for (const pair of pairs) await pair();
      passes.push(sleepPass!, wakePass!);
      if (!warmUp) {
        timed.sleep.push(sleepPass!);
        timed.wake.push(wakePass!);
        samples.floorDown.push(down!);
        samples.floorUp.push(up!);
        samples.sleep.push(sleep!);
        samples.wake.push(wake!);
      }
      rows.push({
        rep: warmUp ? 'warm-up' : rep,
        order: warmUp || rep % 2 === 1 ? 'floor first' : 'engine first',
        'floor down ms': round(down!.ms),
        'floor up ms': round(up!.ms),
        'sleep ms': round(sleep!.ms),
        'wake ms': round(wake!.ms),
        'sleep ÷ down': round(sleep!.ms / down!.ms, 2),
        'wake ÷ up': round(wake!.ms / up!.ms, 2),
        'sleep read/write/tail ms': phasesOf(sleepPass!),
        'wake read/write/tail ms': phasesOf(wakePass!),
        'sleep reqs': sleepPass!.requests,
        'wake reqs': wakePass!.requests,
        '429s': sleepPass!.throttled + wakePass!.throttled,
        ok: sleepPass!.ok && wakePass!.ok,
      });
    }
    console.log(
      '\nPer repetition (floor = 200 raw keep-alive PATCHes, 8 in flight):',
    );
    console.table(rows);
    const med = (list: Sample[], key: keyof Sample) =>
      median(list.map(s => s[key]));
    const floorAll = median(
      [...samples.floorDown, ...samples.floorUp].map(s => s.ms),
    );
    const summary = [
      ['floor (sleep bodies)', samples.floorDown],
      ['floor (wake bodies)', samples.floorUp],
      ['engine sleep', samples.sleep],
      ['engine wake', samples.wake],
    ] as const;
    console.log(
      `\nMedians over ${settings.repetitions} repetitions (CPU: this process, kube-apiserver, etcd, per pass):`,
    );
    console.table(
      summary.map(([what, list]) => ({
        what,
        'median ms': round(med(list, 'ms')),
        'min ms': round(Math.min(...list.map(s => s.ms))),
        'max ms': round(Math.max(...list.map(s => s.ms))),
        'client CPU ms': round(med(list, 'clientCpuMs')),
        'apiserver CPU ms': round(med(list, 'apiserverCpuMs')),
        'etcd CPU ms': round(med(list, 'etcdCpuMs')),
        'ratio to floor': round(med(list, 'ms') / floorAll, 2),
      })),
    );
    for (const operation of ['sleep', 'wake'] as const) {
      const list = timed[operation];
      console.log(
        `engine ${operation}, medians: reads and planning ${round(
          median(list.map(p => p.readMs)),
        )} ms, first PATCH sent to last answered ${round(
          median(list.map(p => p.writeMs)),
        )} ms, last answer to result ${round(
          median(list.map(p => p.tailMs)),
        )} ms`,
      );
    }
    const sleepRatio = pairedRatios(samples.sleep, samples.floorDown);
    const wakeRatio = pairedRatios(samples.wake, samples.floorUp);
    const pooledRatio = (list: Sample[]) =>
      `${round(med(list, 'ms'))} ms = ${round(med(list, 'ms') / floorAll, 2)}×`;
    const loadAfter = os.loadavg();
    console.log(
      `floor ${round(floorAll)} ms (median of ${
        samples.floorDown.length + samples.floorUp.length
      } passes); pooled medians: sleep ${pooledRatio(
        samples.sleep,
      )}, wake ${pooledRatio(samples.wake)}`,
    );
    console.log(
      `paired, median of ${
        samples.sleep.length
      } per-repetition ratios (95 % interval of the median; single repetitions): sleep ÷ floor down ${
        sleepRatio.median
      }× (${sleepRatio.interval}; ${sleepRatio.range}), wake ÷ floor up ${
        wakeRatio.median
      }× (${wakeRatio.interval}; ${wakeRatio.range}); engine requests per operation ${
        passes[passes.length - 1].requests
      }, 429s ${passes.reduce(
        (n, p) => n + p.throttled,
        0,
      )}; load average after ${loadAfter.map(l => l.toFixed(2)).join(' ')}`,
    );
    const failed = passes.filter(p => !p.ok);
    if (failed.length > 0) {
      throw new Error(
        `${failed.length} engine pass(es) did not scale all ${settings.workloads} Deployments`,
      );
    }
    const ratio = (operation: string, value: number): BenchResult => ({
      bench: 'real',
      figure: `real kube-apiserver, 1 × ${
        settings.workloads
      } Deployments, default settings: ${operation} time / raw PATCH floor of the same repetition (median of ${
        settings.repetitions
      }; floor ${round(floorAll)} ms)`,
      value,
      unit: '×',
      max: MAX_RATIO,
    });
    const results = [
      ratio('sleep', sleepRatio.median),
      ratio('wake', wakeRatio.median),
    ];
    reportResults(results);
  } finally {
    raw.close();
    await clusters.close();
    await cp.stop();
  }
}

main().then(
  () => process.exit(),
  error => {
    console.error(error);
    process.exit(1);
  },
);

/*
 * The plugin's API under load, with the real plugin in a Backstage test
 * backend (startTestBackend: SQLite in memory, the catalog service mock,
 * permissions allowed) against sandbox clusters in their own processes, each
 * request to them delayed by a fixed latency:
 *
 * - entity tab: an entity claiming 10 namespaces (over 5 clusters), 50
 *   concurrent users each loading the tab `--rounds` times, making the calls
 *   the frontend makes on load (EntityNamespaceSchedule and its cards):
 *   /entity-namespaces and /off-hours together, then /schedules and
 *   /activities of the selected namespace and the entity's /awake-hours
 *   together (scripts/bench/tabClient.ts). Each user is a browser with its
 *   own keep-alive connections, opened by one untimed load first. Each
 *   user pauses `--think-ms` after a load (reading it), starting at a random
 *   moment: p50/p95/p99 per call (target p95 ≤ 100 ms). Then the same users
 *   again without pausing, for where the backend saturates (no target).
 * - admin overview: /namespaces over 1,000 namespaces (10,000 workloads) on
 *   5 clusters, claimed by 100 catalog Components (target p95 ≤ 500 ms).
 * - the same overview with `namespaceScheduler.cache.enabled: false`, for
 *   reference (no target): what listing per request costs.
 *
 *   yarn workspace @namespace-scheduler/backstage-plugin-backend bench:api \
 *     [--users 50] [--rounds 20] [--think-ms 1000] [--latency 20]
 *     [--namespaces 1000]
 *
 * The users run in a process of their own (scripts/bench/tabLoad.ts), as
 * browsers would; on a 2-core machine it still competes with the backend for
 * CPU.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BenchResult, reportResults } from './bench/results';
import { Api, apiAt, loadTab } from './bench/tabClient';
import {
  clusterName,
  componentName,
  Fleet,
  namespaceName,
  startFleet,
  startPluginOnFleet,
  waitForClusterState,
} from './bench/fleet';

const CLUSTERS = 5;
const WORKLOADS_PER_NAMESPACE = 10;

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const round = (x: number) => Number(x.toFixed(1));
  return {
    count: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1]),
  };
}

/** The tab's namespaces: component 0's ten, across the clusters. */
const tabNamespaces = Array.from({ length: 10 }, (_, n) => ({
  cluster: clusterName(n % CLUSTERS),
  namespace: namespaceName(n),
}));
const TAB_ENTITY = `component:default/${componentName(0)}`;

/** Sleep + wake pairs per namespace: a week of one wake a day, for the activity and awake-hours cards. */
const SEEDED_CYCLES = 7;

/** A schedule and SEEDED_CYCLES sleeps and wakes per namespace, so the cards have data. */
async function seedTab(api: Api): Promise<void> {
  for (const { cluster, namespace } of tabNamespaces) {
    await api.post('/schedules', {
      title: 'Office hours',
      cluster,
      namespace,
      cost_center: 'CC-1001',
      zone: 'Europe/Madrid',
      kind: 'weekly',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      from: '07:00',
      to: '20:00',
    });
    const base = `/namespaces/${cluster}/${namespace}`;
    for (let cycle = 0; cycle < SEEDED_CYCLES; cycle++) {
      await api.post(`${base}/sleep`, { costCenter: 'CC-1001' });
      await api.post(`${base}/wake`, { costCenter: 'CC-1001' });
    }
  }
}

/** Until the cache is synced, then checks that status reads make no cluster requests. */
async function waitForCache(api: Api, fleet: Fleet): Promise<number> {
  const started = performance.now();
  await waitForClusterState(fleet);
  await Promise.all(fleet.sandboxes.map(s => s.resetStats()));
  await api.get('/namespaces');
  const stats = await Promise.all(fleet.sandboxes.map(s => s.stats()));
  const reads = stats.flatMap(s => s.requests).filter(r => r.verb !== 'watch');
  if (reads.length > 0) {
    throw new Error(
      `the overview still read clusters: ${reads.length} requests`,
    );
  }
  return performance.now() - started;
}

/** The users' tab loads, from a process of their own (browsers are not in the backend). */
function runLoad(
  baseUrl: string,
  users: number,
  rounds: number,
  thinkMs: number,
): Promise<{
  timings: Record<string, number[]>;
  pages: number[];
  seconds: number;
}> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--require',
        '@backstage/cli/config/nodeTransform.cjs',
        path.join(__dirname, 'bench/tabLoad.ts'),
        baseUrl,
        TAB_ENTITY,
        String(users),
        String(rounds),
        String(thinkMs),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', chunk => {
      output += String(chunk);
    });
    child.once('exit', code => {
      if (code === 0) resolve(JSON.parse(output));
      else reject(new Error(`tab load exited with ${code}`));
    });
  });
}

/**
 * The users' tab loads, timed per call: with a pause after each load (the
 * target's measure: people read what they loaded), or back to back.
 */
async function entityTab(
  baseUrl: string,
  users: number,
  rounds: number,
  thinkMs: number,
): Promise<BenchResult> {
  const { timings, pages, seconds } = await runLoad(
    baseUrl,
    users,
    rounds,
    thinkMs,
  );
  const all = Object.values(timings).flat();
  const pause = thinkMs > 0 ? `${thinkMs} ms after each load` : 'no pause';
  console.log(
    `\nEntity tab: ${users} concurrent users × ${rounds} loads, ${pause}: ${
      all.length
    } requests in ${seconds.toFixed(1)} s (${Math.round(
      all.length / seconds,
    )}/s)`,
  );
  console.table(
    Object.fromEntries([
      ...Object.entries(timings).map(([route, samples]) => [
        route,
        percentiles(samples),
      ]),
      ['every call', percentiles(all)],
      ['whole tab load', percentiles(pages)],
    ]),
  );
  const tab = percentiles(all);
  return {
    bench: 'api',
    figure: `entity tab calls, ${users} users, ${pause} (p95; p50 ${tab.p50}, p99 ${tab.p99})`,
    value: tab.p95,
    unit: 'ms',
    max: 100,
  };
}

async function overview(api: Api, runs: number) {
  const samples: number[] = [];
  let items = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const body = (await api.get('/namespaces')) as {
      items: { state: string }[];
    };
    samples.push(performance.now() - started);
    items = body.items.length;
    const unknown = body.items.filter(item => item.state === 'unknown').length;
    if (unknown > 0) throw new Error(`${unknown} namespaces unknown`);
  }
  return { items, ...percentiles(samples) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      users: { type: 'string', default: '50' },
      rounds: { type: 'string', default: '20' },
      'think-ms': { type: 'string', default: '1000' },
      latency: { type: 'string', default: '20' },
      namespaces: { type: 'string', default: '1000' },
    },
  });
  const users = Number(values.users);
  const rounds = Number(values.rounds);
  const thinkMs = Number(values['think-ms']);
  const latencyMs = Number(values.latency);
  const shape = {
    clusters: CLUSTERS,
    namespaces: Number(values.namespaces),
    workloadsPer: WORKLOADS_PER_NAMESPACE,
  };
  console.log(
    `API bench, Node ${process.version}: ${shape.namespaces} namespaces × ${shape.workloadsPer} workloads on ${shape.clusters} sandbox clusters, ${latencyMs} ms per cluster request`,
  );
  const fleet = await startFleet(shape, latencyMs);
  const results: BenchResult[] = [];
  try {
    const backend = await startPluginOnFleet({
      fleet,
      entities: fleet.entities,
    });
    try {
      const api = apiAt(backend.baseUrl);
      console.log(
        `cache synced after ${Math.round(await waitForCache(api, fleet))} ms`,
      );
      await seedTab(api);
      for (let i = 0; i < 5; i++) await loadTab(api, TAB_ENTITY);

      results.push(await entityTab(backend.baseUrl, users, rounds, thinkMs));
      // The same users without pausing: where the backend saturates (no target).
      await entityTab(backend.baseUrl, users, rounds, 0);

      await overview(api, 3);
      const cached = await overview(api, 20);
      console.log(
        `\nAdmin overview (/namespaces), cache on, 20 runs after 3 warm-ups:`,
      );
      console.table({ '/namespaces': cached });
      results.push({
        bench: 'api',
        figure: `admin overview, ${cached.items} namespaces on ${shape.clusters} clusters (p95; p50 ${cached.p50})`,
        value: cached.p95,
        unit: 'ms',
        max: 500,
      });
    } finally {
      await backend.stop();
    }

    const uncached = await startPluginOnFleet({
      fleet,
      entities: fleet.entities,
      config: { cache: { enabled: false } },
    });
    try {
      const api = apiAt(uncached.baseUrl);
      await overview(api, 1);
      const live = await overview(api, 3);
      console.log(
        '\nFor reference, the overview with the cache off (listing per request), 3 runs:',
      );
      console.table({ '/namespaces (cache off)': live });
    } finally {
      await uncached.stop();
    }
  } finally {
    await fleet.stop();
  }
  reportResults(results);
}

// The backends' stop leaves portal timers behind (scheduler, caches); the figures are out.
main().then(
  () => process.exit(),
  error => {
    console.error(error);
    process.exit(1);
  },
);

import { OperationResult } from '@namespace-scheduler/backstage-plugin-common';
import {
  KubeObject,
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import {
  deployment,
  liveState,
  namespaceObject,
} from '../engine/__testUtils__/engineSandbox';
import { publishFigures } from './__testUtils__/figures';

jest.setTimeout(600_000);

const SEED = Number(process.env.RELIABILITY_SEED ?? 20261124);
const TRIALS = 20;
const WORKLOADS = 100;
const STATEFUL_SETS = 15;
type Operation = 'sleep' | 'wake';

const CHILD = path.resolve(__dirname, '__testUtils__/engineProcess.ts');
const NODE_TRANSFORM = require.resolve(
  '@backstage/cli/config/nodeTransform.cjs',
);

interface Trial {
  namespace: string;
  /** Kill the process once the sandbox has received this many writes to the namespace. */
  killAfterWrites: number;
  /** Restart by finishing the interrupted sleep before waking, as the runner's retry would. */
  resleepFirst: boolean;
  originals: Record<string, number>;
}

/** Seeded kill points and replica counts, so a failing trial replays. */
const trials: Trial[] = fc
  .sample(
    fc.record({
      killAfterWrites: fc.integer({ min: 1, max: WORKLOADS }),
      resleepFirst: fc.boolean(),
      replicas: fc.array(fc.integer({ min: 1, max: 4 }), {
        minLength: WORKLOADS,
        maxLength: WORKLOADS,
      }),
    }),
    { seed: SEED, numRuns: TRIALS },
  )
  .map(({ replicas, ...plan }, i) => ({
    ...plan,
    namespace: `crash-${i}`,
    originals: Object.fromEntries(replicas.map((r, w) => [workloadName(w), r])),
  }));

function workloadName(w: number) {
  return `${w < STATEFUL_SETS ? 'db' : 'app'}-${String(w).padStart(3, '0')}`;
}

function workloads(trial: Trial): KubeObject[] {
  return Object.entries(trial.originals).map(([name, replicas]) => {
    const object = deployment(trial.namespace, name, replicas);
    if (!name.startsWith('db')) return object;
    const spec = { ...(object.spec as object), serviceName: name };
    return { ...object, kind: 'StatefulSet', spec };
  });
}

function replicasOf(sandbox: KubeSandbox, namespace: string) {
  const objects = [
    ...sandbox.store.list('Deployment', namespace),
    ...sandbox.store.list('StatefulSet', namespace),
  ];
  return Object.fromEntries(
    objects.map(o => [
      o.metadata.name,
      (o.spec as { replicas: number }).replicas,
    ]),
  );
}

describe(`crash safety: kill -9 during a ${WORKLOADS}-workload sleep`, () => {
  let sandbox: KubeSandbox;
  let kubeConfigFile: string;
  const children = new Set<ChildProcess>();
  const outcomes: Array<{
    trial: number;
    killAfterWrites: number;
    asleepAtKill: number;
    lost: number;
    restoredExactly: boolean;
  }> = [];
  const started = Date.now();

  beforeAll(async () => {
    sandbox = await startKubeSandbox({
      // Spreads the writes out so kills land among them, not after them.
      latencyMs: 3,
      objects: trials.flatMap(t => [
        namespaceObject(t.namespace),
        ...workloads(t),
      ]),
    });
    kubeConfigFile = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'ns-crash-')),
      'kubeconfig',
    );
    fs.writeFileSync(kubeConfigFile, sandbox.kubeConfigYaml());
  });

  afterAll(async () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(-child.pid!, 'SIGKILL');
      }
    }
    await sandbox.close();
    fs.rmSync(path.dirname(kubeConfigFile), { recursive: true, force: true });
    publishFigures('crash-safety', {
      trials: outcomes.length,
      workloadsPerTrial: WORKLOADS,
      seed: SEED,
      killedAfterWrites: outcomes.map(o => o.killAfterWrites),
      asleepAtKill: outcomes.map(o => o.asleepAtKill),
      replicaCountsLost: outcomes.reduce((sum, o) => sum + o.lost, 0),
      trialsRestoredExactly: outcomes.filter(o => o.restoredExactly).length,
      elapsedMs: Date.now() - started,
    });
  });

  /** The engine in a child process (its own process group, so nothing survives the suite). */
  function startEngine(namespace: string, operations: Operation[]) {
    const child = spawn(
      process.execPath,
      [
        '--require',
        NODE_TRANSFORM,
        CHILD,
        kubeConfigFile,
        namespace,
        ...operations,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    children.add(child);
    let output = '';
    child.stdout!.on('data', chunk => (output += chunk));
    child.stderr!.on('data', chunk => (output += chunk));
    const exited = new Promise<number | null>(resolve =>
      child.once('exit', code => resolve(code)),
    );
    return { child, exited, output: () => output };
  }

  /** Runs the operations in one restarted process; their results in order. */
  async function restart(namespace: string, operations: Operation[]) {
    const engine = startEngine(namespace, operations);
    const code = await engine.exited;
    expect({ code, output: engine.output() }).toMatchObject({ code: 0 });
    return engine
      .output()
      .trim()
      .split('\n')
      .map(line => JSON.parse(line) as OperationResult);
  }

  it.each(trials.map((trial, i) => [i, trial] as const))(
    'trial %i: wake after the crash restores every original replica count',
    async (i, trial) => {
      const { namespace } = trial;
      const before = liveState(sandbox, namespace);
      const writes = sandbox.faults.add({ method: 'PATCH', namespace });
      const engine = startEngine(namespace, ['sleep']);
      while (writes.matched < trial.killAfterWrites) {
        if (engine.child.exitCode !== null) break;
        await sleep(1);
      }
      engine.child.kill('SIGKILL');
      await engine.exited;
      writes.remove();
      const atKill = replicasOf(sandbox, namespace);
      const asleepAtKill = Object.values(atKill).filter(r => r === 0).length;

      const results = await restart(
        namespace,
        trial.resleepFirst ? ['sleep', 'wake'] : ['wake'],
      );

      const after = replicasOf(sandbox, namespace);
      const lost = Object.entries(trial.originals).filter(
        ([name, replicas]) => after[name] !== replicas,
      ).length;
      const restoredExactly =
        JSON.stringify(liveState(sandbox, namespace)) ===
        JSON.stringify(before);
      outcomes.push({
        trial: i,
        killAfterWrites: trial.killAfterWrites,
        asleepAtKill,
        lost,
        restoredExactly,
      });
      expect(results.map(r => [r.operation, r.success, r.errors])).toEqual(
        results.map(r => [r.operation, true, []]),
      );
      expect(after).toEqual(trial.originals);
      expect(liveState(sandbox, namespace)).toEqual(before);
    },
  );
});

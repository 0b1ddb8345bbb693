import type { JournalEntry } from './types';
import {
  CLUSTER,
  deployment,
  EngineSandbox,
  liveState,
  namespaceObject,
  startEngineSandbox,
} from './__testUtils__/engineSandbox';

const NS = 'team-u';
const APPS = Array.from({ length: 10 }, (_, i) =>
  deployment(NS, `app-${i}`, (i % 3) + 1),
);
const patchOf = (name: string) =>
  new RegExp(`/namespaces/${NS}/deployments/${name}$`);
const objects = [namespaceObject(NS), ...APPS];

describe('undoing a failed operation', () => {
  let env: EngineSandbox | undefined;
  afterEach(() => env?.close());

  it('is not cut short by an open circuit breaker', async () => {
    env = await startEngineSandbox({
      sandbox: { objects },
      access: {
        breakerConsecutiveFailures: 2,
        breakerHalfOpenAfterMs: 60_000,
        retryMaxAttempts: 1,
      },
      engine: { concurrency: 1 },
    });
    const before = liveState(env.sandbox, NS);
    // After four writes, the next four fail: the breaker opens on the fifth
    // workload's two attempts; undoing meets the last two failures too.
    env.sandbox.faults.add({
      method: 'PATCH',
      path: /\/deployments\//,
      status: 503,
      afterCalls: 4,
      times: 4,
    });

    const result = await env.engine.run(CLUSTER, NS, { operation: 'sleep' });

    expect(env.registry.circuitStates()).toEqual([
      { cluster: CLUSTER, open: true },
    ]);
    expect(result.success).toBe(false);
    expect(result.total_scaled).toBeGreaterThan(0);
    expect(result.rollback_failed_count).toBe(0);
    expect(result.rollback_success_count).toBe(result.total_scaled);
    expect(result.repair_pending).toBeUndefined();
    expect(liveState(env.sandbox, NS)).toEqual(before);
  });

  it('fences a write that got no answer, so it cannot land afterwards', async () => {
    env = await startEngineSandbox({
      sandbox: { objects },
      access: { requestTimeoutMs: 150, retryMaxAttempts: 0 },
      engine: { concurrency: 1 },
    });
    const before = liveState(env.sandbox, NS);
    // The server applies app-1's write 600 ms later, long after the client gave up.
    env.sandbox.faults.add({
      method: 'PATCH',
      path: patchOf('app-1'),
      latencyMs: 600,
      times: 1,
    });

    const result = await env.engine.run(CLUSTER, NS, { operation: 'sleep' });
    expect(result.success).toBe(false);
    expect(result.failed_resources).toEqual([
      expect.objectContaining({ name: 'app-1' }),
    ]);
    // The late write reaches the server meanwhile; its precondition refuses it.
    await new Promise(resolve => setTimeout(resolve, 900));

    expect(liveState(env.sandbox, NS)).toEqual(before);
  });

  it('hands what stays unreachable to the journal, and repair finishes it later', async () => {
    env = await startEngineSandbox({ sandbox: { objects } });
    const before = liveState(env.sandbox, NS);
    env.sandbox.faults.add({
      method: 'PATCH',
      path: patchOf('app-2'),
      status: 503,
      afterCalls: 1,
    });
    env.sandbox.faults.add({
      method: 'PATCH',
      path: patchOf('app-7'),
      status: 422,
      latencyMs: 100,
    });
    const planned: JournalEntry[][] = [];
    const unresolved: JournalEntry[][] = [];
    const patchesAtPlan: number[] = [];
    const result = await env.engine.run(
      CLUSTER,
      NS,
      { operation: 'sleep' },
      {
        journal: {
          planned: async entries => {
            patchesAtPlan.push(env!.sandbox.stats().byMethod.PATCH ?? 0);
            planned.push(entries);
          },
          unresolved: async entries => {
            unresolved.push(entries);
          },
        },
      },
    );

    expect(patchesAtPlan).toEqual([0]);
    expect(planned[0]).toHaveLength(10);
    expect(planned[0][0]).toMatchObject({
      kind: 'Deployment',
      resourceVersion: expect.any(String),
      from: { level: expect.any(Number), marker: null },
      to: { level: 0, marker: expect.any(String) },
    });
    expect(result.repair_pending).toBe(true);
    expect(unresolved).toEqual([[expect.objectContaining({ name: 'app-2' })]]);
    expect(liveState(env.sandbox, NS)['Deployment/app-2']).toMatchObject({
      replicas: 0,
    });

    env.sandbox.faults.clear();
    const repaired = await env.engine.repair(CLUSTER, NS, unresolved[0]);
    expect(repaired).toEqual({
      done: true,
      restored: 1,
      leftAlone: [],
      errors: [],
    });
    expect(liveState(env.sandbox, NS)).toEqual(before);
  });

  it('repairs from a planned journal of a process that died, leaving what others changed', async () => {
    env = await startEngineSandbox({ sandbox: { objects } });
    let entries: JournalEntry[] = [];
    await env.engine.run(
      CLUSTER,
      NS,
      { operation: 'sleep' },
      {
        journal: {
          planned: async planned => {
            entries = planned;
          },
          unresolved: async () => {},
        },
      },
    );
    // Someone scales app-3 after the sleep; the "dead" operation's repair must leave it.
    env.sandbox.store.put(deployment(NS, 'app-3', 5));

    const repaired = await env.engine.repair(CLUSTER, NS, entries);

    expect(repaired).toMatchObject({
      done: true,
      restored: 9,
      leftAlone: ['Deployment app-3'],
    });
    expect(liveState(env.sandbox, NS)).toMatchObject({
      'Deployment/app-0': { replicas: 1, annotations: {} },
      'Deployment/app-3': { replicas: 5 },
    });
  });

  it('stops before any change when the journal cannot be written', async () => {
    env = await startEngineSandbox({ sandbox: { objects } });
    const result = await env.engine.run(
      CLUSTER,
      NS,
      { operation: 'sleep' },
      {
        journal: {
          planned: async () => {
            throw new Error('database unavailable');
          },
          unresolved: async () => {},
        },
      },
    );
    expect(result).toMatchObject({
      success: false,
      total_scaled: 0,
      errors: ['database unavailable'],
    });
    expect(env.sandbox.stats().byMethod.PATCH ?? 0).toBe(0);
  });
});

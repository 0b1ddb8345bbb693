import { K8S_ANNOTATIONS } from '@namespace-scheduler/backstage-plugin-common';
import {
  CLUSTER,
  deployment,
  EngineSandbox,
  liveState,
  namespaceObject,
  startEngineSandbox,
} from './__testUtils__/engineSandbox';

const NS = 'team-a';
const APPS = Array.from({ length: 10 }, (_, i) =>
  deployment(NS, `app-${i}`, (i % 3) + 1),
);
const patchOf = (name: string) =>
  new RegExp(`/namespaces/${NS}/deployments/${name}$`);

describe('atomic operations', () => {
  let env: EngineSandbox;

  beforeEach(async () => {
    env = await startEngineSandbox({
      sandbox: { objects: [namespaceObject(NS), ...APPS] },
      engine: { concurrency: 4 },
    });
  });
  afterEach(() => env.close());

  it('rolls back every other workload when the write to workload k fails', async () => {
    const before = liveState(env.sandbox, NS);
    // Every attempt of the write fails (1 + 3 retries); a 500 may have
    // landed, so undoing fences app-5, which then goes through.
    env.sandbox.faults.add({
      method: 'PATCH',
      path: patchOf('app-5'),
      status: 500,
      latencyMs: 30,
      times: 4,
    });

    const result = await env.engine.run(CLUSTER, NS, { operation: 'sleep' });

    expect(result).toMatchObject({
      success: false,
      total_failed: 1,
      failed_resources: [
        { type: 'Deployment', name: 'app-5', status: 'failed' },
      ],
      rollback_performed: true,
      rollback_failed_count: 0,
    });
    expect(result.total_scaled).toBeGreaterThan(0);
    expect(result.rollback_success_count).toBe(result.total_scaled);
    expect(result.rollback_results.every(r => r.status === 'success')).toBe(
      true,
    );
    expect(
      result.total_scaled +
        result.total_failed +
        (result.not_attempted?.length ?? 0),
    ).toBe(10);
    expect(liveState(env.sandbox, NS)).toEqual(before);
  });

  it('reports explicitly a workload that cannot be rolled back', async () => {
    // app-2's first write passes, every later one (the rollback) fails; app-7
    // is refused late (a 4xx: it did not land, so it needs no undoing).
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

    const result = await env.engine.run(CLUSTER, NS, { operation: 'sleep' });

    expect(result.success).toBe(false);
    expect(result.rollback_failed_count).toBe(1);
    expect(result.rollback_results).toContainEqual(
      expect.objectContaining({
        type: 'Deployment',
        name: 'app-2',
        restored_replicas: 3,
        status: 'failed',
      }),
    );
    expect(result.errors).toContainEqual(
      expect.stringMatching(
        /^ROLLBACK FAILED: Deployment app-2 could not be restored to 3.*\(marked for repair\)$/,
      ),
    );
    // A server that keeps answering 5xx may have applied the write: repair later.
    expect(result.repair_pending).toBe(true);
    const state = liveState(env.sandbox, NS);
    expect(state['Deployment/app-2']).toMatchObject({ replicas: 0 });
    expect(state['Deployment/app-1']).toMatchObject({
      replicas: 2,
      annotations: {},
    });
  });

  it('re-reads after a 409 and plans again from what changed', async () => {
    const result = await env.engine.run(
      CLUSTER,
      NS,
      { operation: 'sleep' },
      {
        onProgress: event => {
          if (event.name === 'app-3' && event.stage === 'started') {
            // Someone scales app-3 between our read and our write.
            const live = env.sandbox.store.get('Deployment', NS, 'app-3')!;
            env.sandbox.store.put({
              ...live,
              spec: { ...(live.spec as object), replicas: 4 },
            });
          }
        },
      },
    );

    expect(result.success).toBe(true);
    expect(result.scaled_resources).toContainEqual(
      expect.objectContaining({
        name: 'app-3',
        from_replicas: 4,
        to_replicas: 0,
      }),
    );
    expect(env.sandbox.stats().byStatus['409']).toBe(1);
    expect(liveState(env.sandbox, NS)['Deployment/app-3']).toMatchObject({
      replicas: 0,
      annotations: { [K8S_ANNOTATIONS.originalReplicas]: '4' },
    });
  });

  it('does not roll back nor retry blindly when a dry run fails', async () => {
    const before = liveState(env.sandbox, NS);
    env.sandbox.faults.add({
      method: 'PATCH',
      path: patchOf('app-1'),
      status: 422,
    });
    const result = await env.engine.run(
      CLUSTER,
      NS,
      { operation: 'sleep' },
      { dryRun: true },
    );
    expect(result).toMatchObject({
      success: false,
      dry_run: true,
      rollback_performed: false,
      total_failed: 1,
    });
    expect(env.sandbox.stats().byStatus['422']).toBe(1);
    expect(liveState(env.sandbox, NS)).toEqual(before);
  });
});

describe('writes whose response is lost', () => {
  it('counts a write as done when the 409 re-read shows it landed', async () => {
    const env = await startEngineSandbox({
      sandbox: { objects: [namespaceObject(NS), deployment(NS, 'slow', 3)] },
    });
    try {
      const result = await env.engine.run(
        CLUSTER,
        NS,
        { operation: 'sleep' },
        {
          onProgress: event => {
            if (event.stage !== 'started') return;
            // As if an earlier attempt had been committed and its response lost.
            const live = env.sandbox.store.get('Deployment', NS, 'slow')!;
            const annotations = { [K8S_ANNOTATIONS.originalReplicas]: '3' };
            env.sandbox.store.put({
              ...live,
              metadata: { ...live.metadata, annotations },
              spec: { ...(live.spec as object), replicas: 0 },
            });
          },
        },
      );

      expect(result).toMatchObject({ success: true, total_scaled: 1 });
      expect(result.scaled_resources[0]).toMatchObject({
        from_replicas: 3,
        to_replicas: 0,
      });
      const patches = env.sandbox
        .stats()
        .requests.filter(r => r.method === 'PATCH');
      expect(patches.map(r => r.status)).toEqual([409]);
    } finally {
      await env.close();
    }
  });

  it('retries a write that timed out', async () => {
    const env = await startEngineSandbox({
      sandbox: { objects: [namespaceObject(NS), deployment(NS, 'slow', 3)] },
      access: { requestTimeoutMs: 150 },
    });
    try {
      env.sandbox.faults.add({
        method: 'PATCH',
        path: patchOf('slow'),
        hang: true,
        times: 1,
      });
      const result = await env.engine.run(CLUSTER, NS, { operation: 'sleep' });
      expect(result).toMatchObject({ success: true, total_scaled: 1 });
      expect(env.sandbox.stats().byStatus).toMatchObject({ '0': 1 });
      expect(liveState(env.sandbox, NS)['Deployment/slow']).toMatchObject({
        replicas: 0,
      });
    } finally {
      await env.close();
    }
  });
});

describe('StatefulSets that never accept their scale', () => {
  it('fail the wake, which puts the StatefulSet back to sleep and starts no Deployment', async () => {
    const statefulSet = {
      ...deployment(NS, 'db', 0, { [K8S_ANNOTATIONS.originalReplicas]: '2' }),
      kind: 'StatefulSet',
    };
    const app = deployment(NS, 'app', 0, {
      [K8S_ANNOTATIONS.originalReplicas]: '3',
    });
    const env = await startEngineSandbox({
      sandbox: {
        objects: [namespaceObject(NS), statefulSet, app],
        // A statefulset controller that does not observe the new spec in time.
        controllerDelayMs: 60_000,
      },
      engine: { statefulSetAcceptTimeoutMs: 200 },
    });
    try {
      const before = liveState(env.sandbox, NS);
      const result = await env.engine.run(CLUSTER, NS, { operation: 'wake' });
      expect(result).toMatchObject({
        success: false,
        failed_resources: [
          {
            type: 'StatefulSet',
            name: 'db',
            error: expect.stringContaining('did not accept replicas=2'),
          },
        ],
        rollback_results: [
          {
            type: 'StatefulSet',
            name: 'db',
            restored_replicas: 0,
            status: 'success',
          },
        ],
        not_attempted: [{ type: 'Deployment', name: 'app' }],
      });
      expect(liveState(env.sandbox, NS)).toEqual(before);
    } finally {
      await env.close();
    }
  });
});

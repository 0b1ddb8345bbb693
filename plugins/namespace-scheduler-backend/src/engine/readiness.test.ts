import { K8S_ANNOTATIONS } from '@namespace-scheduler/backstage-plugin-common';
import type { KubeObject } from '@namespace-scheduler/kube-sandbox';
import {
  CLUSTER,
  deployment,
  EngineSandbox,
  namespaceObject,
  startEngineSandbox,
} from './__testUtils__/engineSandbox';

const NS = 'team-r';
const asleep = (name: string, replicas: number): KubeObject =>
  deployment(NS, name, 0, {
    [K8S_ANNOTATIONS.originalReplicas]: String(replicas),
  });
const objects = [namespaceObject(NS), asleep('api', 2), asleep('web', 1)];

describe('an honest wake', () => {
  let env: EngineSandbox | undefined;
  afterEach(() => env?.close());

  it('succeeds once accepted and says how much is ready; the status says waking', async () => {
    env = await startEngineSandbox({
      sandbox: { objects, readyDelayMs: 60_000 },
    });
    const result = await env.engine.run(CLUSTER, NS, { operation: 'wake' });
    expect(result).toMatchObject({
      success: true,
      readiness: { ready: 0, total: 2, waited: false, timed_out: false },
    });
    expect(await env.engine.status(CLUSTER, NS)).toMatchObject({
      state: 'awake',
      readiness: { ready: 0, total: 2 },
    });
  });

  it('waits for readiness when asked, phase by phase', async () => {
    env = await startEngineSandbox({
      sandbox: { objects, readyDelayMs: 300 },
    });
    const started = Date.now();
    const result = await env.engine.run(
      CLUSTER,
      NS,
      { operation: 'wake' },
      {
        waitForReadyMs: 10_000,
      },
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(result).toMatchObject({
      success: true,
      readiness: { ready: 2, total: 2, waited: true, timed_out: false },
    });
    expect(result.readiness?.workloads).toContainEqual({
      type: 'Deployment',
      name: 'api',
      replicas: 2,
      ready_replicas: 2,
    });
    expect(result.warnings).toBeUndefined();
    expect((await env.engine.status(CLUSTER, NS)).readiness).toEqual({
      ready: 2,
      total: 2,
    });
  });

  it('reports a wake that is not ready in time instead of rolling it back', async () => {
    env = await startEngineSandbox({
      sandbox: { objects, readyDelayMs: 60_000 },
    });
    const result = await env.engine.run(
      CLUSTER,
      NS,
      { operation: 'wake' },
      { waitForReadyMs: 600 },
    );
    expect(result).toMatchObject({
      success: true,
      rollback_performed: false,
      readiness: { ready: 0, total: 2, waited: true, timed_out: true },
      warnings: [
        expect.stringMatching(/^0 of 2 workloads ready.*api \(0\/2\)/),
      ],
    });
    expect((await env.engine.status(CLUSTER, NS)).state).toBe('awake');
  });
});

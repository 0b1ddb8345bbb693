import { K8S_ANNOTATIONS } from '@namespace-scheduler/backstage-plugin-common';
import type { KubeObject } from '@namespace-scheduler/kube-sandbox';
import {
  CLUSTER,
  deployment,
  EngineSandbox,
  liveState,
  namespaceObject,
  startEngineSandbox,
} from './__testUtils__/engineSandbox';

const NS = 'team-stops';

function cronJob(name: string, suspend: boolean): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: NS },
    spec: {
      schedule: '0 * * * *',
      suspend,
      jobTemplate: {
        spec: {
          template: {
            spec: {
              restartPolicy: 'Never',
              containers: [{ name, image: 'busybox' }],
            },
          },
        },
      },
    },
  };
}

const statefulSet = (name: string, replicas: number): KubeObject => {
  const object = deployment(NS, name, replicas);
  return {
    ...object,
    kind: 'StatefulSet',
    spec: { ...(object.spec as object), serviceName: name },
  };
};

describe('workloads the team stopped before the sleep', () => {
  let env: EngineSandbox;

  beforeEach(async () => {
    env = await startEngineSandbox({
      sandbox: {
        objects: [
          namespaceObject(NS),
          deployment(NS, 'api', 2),
          deployment(NS, 'debugger', 0),
          statefulSet('db', 1),
          statefulSet('old-db', 0),
          cronJob('report', false),
          cronJob('backfill', true),
        ],
      },
    });
  });
  afterEach(() => env.close());

  it('stay stopped through two sleep/wake cycles, and the namespace is awake, not partial', async () => {
    const before = liveState(env.sandbox, NS);
    const status = await env.engine.status(CLUSTER, NS);
    expect(status).toMatchObject({
      state: 'awake',
      counts: { total: 6, awake: 3, asleep: 0, off: 3 },
    });
    expect(
      status.workloads
        .filter(w => w.state === 'off')
        .map(w => w.name)
        .sort(),
    ).toEqual(['backfill', 'debugger', 'old-db']);

    for (let cycle = 1; cycle <= 2; cycle++) {
      const slept = await env.engine.run(CLUSTER, NS, { operation: 'sleep' });
      expect(slept).toMatchObject({ success: true, total_scaled: 3 });
      expect(slept.originals.map(o => o.name).sort()).toEqual([
        'api',
        'db',
        'report',
      ]);
      expect((await env.engine.status(CLUSTER, NS)).state).toBe('asleep');

      const woken = await env.engine.run(CLUSTER, NS, { operation: 'wake' });
      expect(woken).toMatchObject({ success: true, total_scaled: 3 });
      expect(woken.skipped_resources.map(s => s.name).sort()).toEqual([
        'backfill',
        'debugger',
        'old-db',
      ]);
      expect(liveState(env.sandbox, NS)).toEqual(before);
      expect((await env.engine.status(CLUSTER, NS)).state).toBe('awake');
    }
  });

  it('are not started by a scale either', async () => {
    const scaled = await env.engine.run(CLUSTER, NS, {
      operation: 'scale',
      replicas: 3,
    });
    expect(scaled.success).toBe(true);
    expect(liveState(env.sandbox, NS)).toMatchObject({
      'Deployment/api': { replicas: 3 },
      'Deployment/debugger': { replicas: 0 },
      'StatefulSet/old-db': { replicas: 0 },
      'CronJob/backfill': { suspend: true },
    });
  });

  it('start when the sleep that stopped them was kube-downscaler or the store remembers them', async () => {
    env.sandbox.store.put(
      deployment(NS, 'debugger', 0, {
        [K8S_ANNOTATIONS.downscalerOriginalReplicas]: '2',
      }),
    );
    const woken = await env.engine.run(
      CLUSTER,
      NS,
      { operation: 'wake' },
      {
        storedOriginals: [{ type: 'StatefulSet', name: 'old-db', value: 1 }],
      },
    );
    expect(woken.success).toBe(true);
    expect(liveState(env.sandbox, NS)).toMatchObject({
      'Deployment/debugger': { replicas: 2 },
      'StatefulSet/old-db': { replicas: 1 },
      'CronJob/backfill': { suspend: true },
    });
  });
});

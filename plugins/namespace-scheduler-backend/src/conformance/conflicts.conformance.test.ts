import {
  K8S_ANNOTATIONS,
  OperationProgressEvent,
} from '@namespace-scheduler/backstage-plugin-common';
import {
  CLUSTER,
  ConformanceServer,
  describeConformance,
} from './__testUtils__/describeConformance';
import { deployment } from './__testUtils__/manifests';

const REPLICAS = K8S_ANNOTATIONS.originalReplicas;

/**
 * A progress hook that, as the engine starts on `name`, has someone else
 * change it through the API first (landed before the engine's own write goes
 * out), so that write is made against a stale resourceVersion: a 409.
 */
function changeWhenStarted(
  server: ConformanceServer,
  ns: string,
  name: string,
  body: object,
) {
  let done = false;
  return (event: OperationProgressEvent) => {
    if (done || event.stage !== 'started' || event.name !== name) return;
    done = true;
    server.patchNow('Deployment', ns, name, body);
  };
}

describeConformance('409 Conflict', { tag: 'conflict' }, server => {
  it('an object changed between read and write is re-read and planned again', async () => {
    const ns = await server.namespace(n => [
      deployment(n, 'api', 2),
      deployment(n, 'web', 1),
    ]);

    const slept = await server.engine.run(
      CLUSTER,
      ns,
      { operation: 'sleep' },
      {
        onProgress: changeWhenStarted(server, ns, 'api', {
          spec: { replicas: 5 },
        }),
      },
    );
    expect(slept).toMatchObject({ success: true, total_scaled: 2 });
    // Planned from 2, written from the 5 found after the conflict.
    expect(slept.scaled_resources).toContainEqual({
      type: 'Deployment',
      name: 'api',
      from_replicas: 5,
      to_replicas: 0,
      status: 'success',
    });
    expect(slept.originals).toContainEqual({
      type: 'Deployment',
      name: 'api',
      value: 5,
    });
    expect(await server.live(ns)).toMatchObject({
      'Deployment/api': { replicas: 0, annotations: { [REPLICAS]: '5' } },
    });

    expect(
      (await server.engine.run(CLUSTER, ns, { operation: 'wake' })).success,
    ).toBe(true);
    expect(await server.live(ns)).toMatchObject({
      'Deployment/api': { replicas: 5, annotations: {} },
      'Deployment/web': { replicas: 1, annotations: {} },
    });
  });

  it('a workload excluded or stopped meanwhile is left alone, not overwritten', async () => {
    const ns = await server.namespace(n => [
      deployment(n, 'api', 2),
      deployment(n, 'web', 1),
      deployment(n, 'worker', 3),
    ]);
    const hooks = [
      changeWhenStarted(server, ns, 'worker', { spec: { replicas: 0 } }),
      changeWhenStarted(server, ns, 'web', {
        metadata: { annotations: { [K8S_ANNOTATIONS.exclude]: 'true' } },
      }),
    ];
    const slept = await server.engine.run(
      CLUSTER,
      ns,
      { operation: 'sleep' },
      {
        onProgress: event => hooks.forEach(hook => hook(event)),
      },
    );
    expect(slept).toMatchObject({ success: true, total_scaled: 1 });
    expect(
      slept.skipped_resources.map(s => `${s.name}: ${s.reason}`).sort(),
    ).toEqual([
      expect.stringMatching(
        /^web: excluded by namespace-scheduler\/exclude \(after a concurrent change\)$/,
      ),
      expect.stringMatching(
        /^worker: stopped before the scheduler.*\(after a concurrent change\)$/,
      ),
    ]);
    expect(await server.live(ns)).toEqual({
      'Deployment/api': { replicas: 0, annotations: { [REPLICAS]: '2' } },
      'Deployment/web': {
        replicas: 1,
        annotations: { [K8S_ANNOTATIONS.exclude]: 'true' },
      },
      'Deployment/worker': { replicas: 0, annotations: {} },
    });

    expect(
      (await server.engine.run(CLUSTER, ns, { operation: 'wake' })).success,
    ).toBe(true);
    expect(await server.live(ns)).toMatchObject({
      'Deployment/api': { replicas: 2 },
      'Deployment/web': { replicas: 1 },
      'Deployment/worker': { replicas: 0 },
    });
  });
});

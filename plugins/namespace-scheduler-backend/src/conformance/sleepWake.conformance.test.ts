import { K8S_ANNOTATIONS } from '@namespace-scheduler/backstage-plugin-common';
import {
  CLUSTER,
  describeConformance,
} from './__testUtils__/describeConformance';
import {
  cronJob,
  deployment,
  hpa,
  statefulSet,
} from './__testUtils__/manifests';

const {
  originalReplicas: REPLICAS,
  originalMinReplicas: MIN_REPLICAS,
  originalSuspend: SUSPEND,
} = K8S_ANNOTATIONS;

describeConformance('sleep, wake and scale', { tag: 'sleep' }, server => {
  /** Every kind the engine acts on; the HPA's min within its target's replicas. */
  const mixed = (ns: string) => [
    statefulSet(ns, 'db', 2),
    deployment(ns, 'api', 3, { 'example.com/owner': 'team-a' }),
    deployment(ns, 'web', 1),
    hpa(ns, 'api', 'api', 3, 6),
    cronJob(ns, 'report', false),
  ];

  it('sleep records every original on its object, wake restores each exactly', async () => {
    const ns = await server.namespace(mixed);
    await server.settled(ns);
    const before = await server.live(ns);

    const slept = await server.engine.run(CLUSTER, ns, { operation: 'sleep' });
    expect(slept).toMatchObject({
      success: true,
      total_scaled: 5,
      total_failed: 0,
    });
    expect(await server.live(ns)).toEqual({
      'StatefulSet/db': { replicas: 0, annotations: { [REPLICAS]: '2' } },
      'Deployment/api': {
        replicas: 0,
        annotations: { 'example.com/owner': 'team-a', [REPLICAS]: '3' },
      },
      'Deployment/web': { replicas: 0, annotations: { [REPLICAS]: '1' } },
      'HorizontalPodAutoscaler/api': {
        minReplicas: 1,
        annotations: { [MIN_REPLICAS]: '3' },
      },
      'CronJob/report': { suspend: true, annotations: { [SUSPEND]: 'false' } },
    });
    expect(
      slept.originals.map(o => `${o.type}/${o.name}=${o.value}`).sort(),
    ).toEqual([
      'CronJob/report=1',
      'Deployment/api=3',
      'Deployment/web=1',
      'HorizontalPodAutoscaler/api=3',
      'StatefulSet/db=2',
    ]);
    expect((await server.engine.status(CLUSTER, ns)).state).toBe('asleep');

    const woken = await server.engine.run(CLUSTER, ns, { operation: 'wake' });
    expect(woken).toMatchObject({ success: true, total_scaled: 5 });
    expect(await server.live(ns)).toEqual(before);
    expect((await server.engine.status(CLUSTER, ns)).state).toBe('awake');
  });

  it('a second sleep keeps the original, also after something woke a workload meanwhile', async () => {
    const ns = await server.namespace(n => [
      deployment(n, 'api', 4),
      hpa(n, 'api', 'api', 2, 8),
    ]);
    expect(
      (await server.engine.run(CLUSTER, ns, { operation: 'sleep' })).success,
    ).toBe(true);

    const again = await server.engine.run(CLUSTER, ns, { operation: 'sleep' });
    expect(again).toMatchObject({ success: true, total_scaled: 0 });
    expect(again.skipped_resources.map(s => s.reason)).toEqual([
      'already asleep',
      'already asleep',
    ]);

    // Someone scales it back up while asleep: drift, then a new sleep.
    await server.setReplicas('Deployment', ns, 'api', 1);
    const drift = await server.engine.status(CLUSTER, ns);
    expect(drift.state).toBe('awake');
    expect(
      drift.workloads.find(w => w.name === 'api' && w.kind === 'Deployment'),
    ).toMatchObject({
      state: 'awake',
      drift: expect.stringMatching(/scaled to 1/),
    });
    expect(
      (await server.engine.run(CLUSTER, ns, { operation: 'sleep' }))
        .total_scaled,
    ).toBe(1);
    expect(await server.live(ns)).toMatchObject({
      'Deployment/api': { replicas: 0, annotations: { [REPLICAS]: '4' } },
    });

    expect(
      (await server.engine.run(CLUSTER, ns, { operation: 'wake' })).success,
    ).toBe(true);
    expect(await server.live(ns)).toEqual({
      'Deployment/api': { replicas: 4, annotations: {} },
      'HorizontalPodAutoscaler/api': { minReplicas: 2, annotations: {} },
    });
  });

  it('scale sets every replica workload to N and 0 stops it like a sleep', async () => {
    const ns = await server.namespace(n => [
      statefulSet(n, 'db', 1),
      deployment(n, 'api', 2),
      cronJob(n, 'report', false),
    ]);
    await server.settled(ns);

    const up = await server.engine.run(CLUSTER, ns, {
      operation: 'scale',
      replicas: 3,
    });
    expect(up).toMatchObject({ success: true, target_replicas: 3 });
    expect(await server.live(ns)).toMatchObject({
      'StatefulSet/db': { replicas: 3, annotations: {} },
      'Deployment/api': { replicas: 3, annotations: {} },
      'CronJob/report': { suspend: false, annotations: {} },
    });

    const zero = await server.engine.run(CLUSTER, ns, {
      operation: 'scale',
      replicas: 0,
    });
    expect(zero.success).toBe(true);
    expect(await server.live(ns)).toEqual({
      'StatefulSet/db': { replicas: 0, annotations: { [REPLICAS]: '3' } },
      'Deployment/api': { replicas: 0, annotations: { [REPLICAS]: '3' } },
      'CronJob/report': { suspend: true, annotations: { [SUSPEND]: 'false' } },
    });
    expect((await server.engine.status(CLUSTER, ns)).state).toBe('asleep');

    // A wake after scale 0 restores what was running before it.
    expect(
      (await server.engine.run(CLUSTER, ns, { operation: 'wake' })).success,
    ).toBe(true);
    expect(await server.live(ns)).toMatchObject({
      'Deployment/api': { replicas: 3 },
      'StatefulSet/db': { replicas: 3 },
      'CronJob/report': { suspend: false },
    });
  });

  it('status is the live state, workload by workload', async () => {
    const ns = await server.namespace(mixed);
    await server.engine.run(CLUSTER, ns, { operation: 'sleep' });
    await server.setReplicas('Deployment', ns, 'web', 2);

    const status = await server.engine.status(CLUSTER, ns);
    const live = await server.live(ns);
    expect(status.state).toBe('partial');
    // What status says of each workload, and the same read off the live objects.
    const reported = status.workloads.map(w => [
      `${w.kind}/${w.name}`,
      w.kind === 'CronJob' ? w.suspended : w.replicas,
    ]);
    const observed = status.workloads.map(w => {
      const object = live[`${w.kind}/${w.name}`];
      const value = {
        CronJob: object?.suspend,
        HorizontalPodAutoscaler: object?.minReplicas,
      }[w.kind as string];
      return [`${w.kind}/${w.name}`, value ?? object?.replicas];
    });
    expect(reported).toEqual(observed);
    expect(status.workloads.map(w => `${w.kind}/${w.name}`).sort()).toEqual(
      Object.keys(live).sort(),
    );
    expect(status.counts).toEqual({
      total: 4,
      awake: 1,
      asleep: 3,
      excluded: 0,
      off: 0,
    });
  });
});

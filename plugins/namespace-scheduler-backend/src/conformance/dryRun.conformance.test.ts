import type { KubeObject } from '@namespace-scheduler/kube-sandbox';
import { setTimeout as pause } from 'node:timers/promises';
import {
  CLUSTER,
  ConformanceServer,
  describeConformance,
} from './__testUtils__/describeConformance';
import {
  cronJob,
  deployment,
  hpa,
  statefulSet,
} from './__testUtils__/manifests';

/**
 * resourceVersion of every object but HPAs (the HPA controller rewrites
 * their status every 15 s), once the controllers have stopped writing.
 */
async function quietResourceVersions(server: ConformanceServer, ns: string) {
  let before = await resourceVersions(server, ns);
  for (let attempt = 0; attempt < 50; attempt++) {
    await pause(200);
    const now = await resourceVersions(server, ns);
    if (JSON.stringify(now) === JSON.stringify(before)) return now;
    before = now;
  }
  throw new Error('the controllers kept writing');
}

async function resourceVersions(server: ConformanceServer, ns: string) {
  const kinds = ['Deployment', 'StatefulSet', 'CronJob'];
  const lists = await Promise.all(
    kinds.map(async kind =>
      (
        await server.list(kind, ns)
      ).map((o: KubeObject) => [
        `${kind}/${o.metadata.name}`,
        o.metadata.resourceVersion,
      ]),
    ),
  );
  return Object.fromEntries(lists.flat());
}

describeConformance('dry runs', { tag: 'dry' }, server => {
  const objects = (ns: string) => [
    statefulSet(ns, 'db', 1),
    deployment(ns, 'api', 2),
    hpa(ns, 'api', 'api', 2, 4),
    cronJob(ns, 'report', false),
  ];

  it('plan every change and send each write with dryRun=All: nothing changes, not even a resourceVersion', async () => {
    const ns = await server.namespace(objects);
    await server.settled(ns, { ready: true });
    const versions = await quietResourceVersions(server, ns);
    const live = await server.live(ns);

    const sleep = await server.engine.run(
      CLUSTER,
      ns,
      { operation: 'sleep' },
      { dryRun: true },
    );
    expect(sleep).toMatchObject({
      success: true,
      dry_run: true,
      total_scaled: 4,
    });
    expect(sleep.scaled_resources.map(r => r.status)).toEqual([
      'planned',
      'planned',
      'planned',
      'planned',
    ]);
    const scale = await server.engine.run(
      CLUSTER,
      ns,
      // Within the HPA of api (2 to 4).
      { operation: 'scale', replicas: 4 },
      { dryRun: true },
    );
    expect(scale).toMatchObject({ success: true, total_scaled: 2 });

    expect(await server.live(ns)).toEqual(live);
    expect(await resourceVersions(server, ns)).toEqual(versions);
    expect((await server.engine.status(CLUSTER, ns)).state).toBe('awake');
  });

  it('of a wake change nothing on a sleeping namespace', async () => {
    const ns = await server.namespace(objects);
    expect(
      (await server.engine.run(CLUSTER, ns, { operation: 'sleep' })).success,
    ).toBe(true);
    await server.settled(ns);
    const versions = await quietResourceVersions(server, ns);
    const live = await server.live(ns);

    const wake = await server.engine.run(
      CLUSTER,
      ns,
      { operation: 'wake' },
      {
        dryRun: true,
        waitForReadyMs: 2_000,
      },
    );
    expect(wake).toMatchObject({
      success: true,
      dry_run: true,
      total_scaled: 4,
    });
    // A dry run starts nothing, so there is no readiness to report.
    expect(wake.readiness).toBeUndefined();
    expect(await server.live(ns)).toEqual(live);
    expect(await resourceVersions(server, ns)).toEqual(versions);
    expect((await server.engine.status(CLUSTER, ns)).state).toBe('asleep');
  });
});

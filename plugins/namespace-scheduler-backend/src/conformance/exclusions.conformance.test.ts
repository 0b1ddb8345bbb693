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

const EXCLUDE = { [K8S_ANNOTATIONS.exclude]: 'true' };
const DOWNSCALER_EXCLUDE = { [K8S_ANNOTATIONS.downscalerExclude]: 'true' };

describeConformance('exclusions', { tag: 'excl' }, server => {
  it('leave excluded workloads, and the HPAs that scale them, exactly as they are', async () => {
    const ns = await server.namespace(n => [
      statefulSet(n, 'db', 1, DOWNSCALER_EXCLUDE),
      deployment(n, 'api', 2),
      deployment(n, 'ingest', 2, EXCLUDE),
      hpa(n, 'ingest', 'ingest', 2, 5),
      hpa(n, 'api', 'api', 2, 5),
      cronJob(n, 'report', false, { [K8S_ANNOTATIONS.exclude]: 'TRUE' }),
    ]);
    const before = await server.live(ns);

    const slept = await server.engine.run(CLUSTER, ns, { operation: 'sleep' });
    expect(slept).toMatchObject({ success: true, total_scaled: 2 });
    expect(
      slept.skipped_resources
        .map(s => `${s.type}/${s.name}: ${s.reason}`)
        .sort(),
    ).toEqual([
      'CronJob/report: excluded by namespace-scheduler/exclude',
      'Deployment/ingest: excluded by namespace-scheduler/exclude',
      'HorizontalPodAutoscaler/ingest: its target Deployment/ingest is excluded',
      'StatefulSet/db: excluded by downscaler/exclude',
    ]);
    const asleep = await server.live(ns);
    for (const key of [
      'StatefulSet/db',
      'Deployment/ingest',
      'HorizontalPodAutoscaler/ingest',
      'CronJob/report',
    ]) {
      expect(asleep[key]).toEqual(before[key]);
    }
    expect(asleep['Deployment/api']).toMatchObject({ replicas: 0 });
    expect(asleep['HorizontalPodAutoscaler/api']).toMatchObject({
      minReplicas: 1,
    });

    const status = await server.engine.status(CLUSTER, ns);
    expect(status).toMatchObject({
      state: 'asleep',
      counts: { total: 4, awake: 0, asleep: 1, excluded: 3, off: 0 },
    });
    expect(
      status.workloads.filter(w => w.excluded).map(w => `${w.kind}/${w.name}`),
    ).toEqual(
      expect.arrayContaining([
        'StatefulSet/db',
        'Deployment/ingest',
        'HorizontalPodAutoscaler/ingest',
        'CronJob/report',
      ]),
    );

    expect(
      (await server.engine.run(CLUSTER, ns, { operation: 'wake' })).success,
    ).toBe(true);
    expect(await server.live(ns)).toEqual(before);
  });

  it('an exclusion added while asleep keeps that workload asleep through wake', async () => {
    const ns = await server.namespace(n => [
      deployment(n, 'api', 2),
      deployment(n, 'web', 1),
    ]);
    expect(
      (await server.engine.run(CLUSTER, ns, { operation: 'sleep' })).success,
    ).toBe(true);
    await server.annotate('Deployment', ns, 'web', EXCLUDE);

    const woken = await server.engine.run(CLUSTER, ns, { operation: 'wake' });
    expect(woken).toMatchObject({ success: true, total_scaled: 1 });
    expect(await server.live(ns)).toMatchObject({
      'Deployment/api': { replicas: 2 },
      'Deployment/web': { replicas: 0 },
    });
  });
});

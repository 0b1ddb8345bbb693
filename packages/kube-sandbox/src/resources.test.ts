import { PatchStrategy } from '@kubernetes/client-node';
import {
  clientsFor,
  deployment,
  failureOf,
  namespace,
  patchAs,
  raw,
} from './__testUtils__/clients';
import { KubeSandbox, startKubeSandbox } from './sandbox';
import { KubeObject } from './types';

const cronJob: KubeObject = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'cleanup', namespace: 'team-a' },
  spec: {
    schedule: '*/30 * * * *',
    jobTemplate: {
      spec: {
        template: {
          spec: {
            restartPolicy: 'OnFailure',
            containers: [{ name: 'c', image: 'busybox:1.36' }],
          },
        },
      },
    },
  },
};

const hpa: KubeObject = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'team-a' },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    minReplicas: 2,
    maxReplicas: 10,
    metrics: [
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: 70 },
        },
      },
      {
        type: 'Resource',
        resource: {
          name: 'memory',
          target: { type: 'Utilization', averageUtilization: 80 },
        },
      },
    ],
  },
};

describe('the other kinds', () => {
  let sandbox: KubeSandbox;
  let api: ReturnType<typeof clientsFor>;

  beforeEach(async () => {
    sandbox = await startKubeSandbox({
      objects: [
        namespace('team-a'),
        deployment('web', 'team-a', 3),
        cronJob,
        hpa,
      ],
      keda: true,
    });
    api = clientsFor(sandbox);
  });

  afterEach(() => sandbox.close());

  it('defaults and suspends CronJobs', async () => {
    const job = await api.batch.readNamespacedCronJob({
      name: 'cleanup',
      namespace: 'team-a',
    });
    expect(job.spec).toMatchObject({
      suspend: false,
      concurrencyPolicy: 'Allow',
      successfulJobsHistoryLimit: 3,
    });
    const suspended = await api.batch.patchNamespacedCronJob(
      {
        name: 'cleanup',
        namespace: 'team-a',
        body: {
          spec: { suspend: true },
          metadata: {
            annotations: { 'namespace-scheduler/original-suspend': 'false' },
          },
        },
      },
      patchAs(PatchStrategy.StrategicMergePatch),
    );
    expect(suspended.spec?.suspend).toBe(true);
    expect(suspended.metadata?.generation).toBe(2);
    const typed = await raw(
      sandbox,
      'PATCH',
      '/apis/batch/v1/namespaces/team-a/cronjobs/cleanup',
      {
        body: { spec: { suspend: 'yes' } },
        contentType: PatchStrategy.MergePatch,
      },
    );
    expect(typed.body).toMatchObject({ code: 422 });
  });

  it('serves HPAs at autoscaling/v2 and autoscaling/v1 from one object', async () => {
    const v2 = await api.hpaV2.readNamespacedHorizontalPodAutoscaler({
      name: 'web',
      namespace: 'team-a',
    });
    // As created: the HPA controller (not simulated) has not synced it.
    expect(v2.status).toMatchObject({ desiredReplicas: 0 });
    expect(v2.status?.currentReplicas).toBeUndefined();
    const v1 = await api.hpaV1.readNamespacedHorizontalPodAutoscaler({
      name: 'web',
      namespace: 'team-a',
    });
    expect(v1.apiVersion).toBe('autoscaling/v1');
    expect(v1.spec).toMatchObject({
      minReplicas: 2,
      maxReplicas: 10,
      targetCPUUtilizationPercentage: 70,
    });
    expect(v1.metadata?.resourceVersion).toBe(v2.metadata?.resourceVersion);

    await api.hpaV1.patchNamespacedHorizontalPodAutoscaler(
      {
        name: 'web',
        namespace: 'team-a',
        body: { spec: { minReplicas: 1, targetCPUUtilizationPercentage: 50 } },
      },
      patchAs(PatchStrategy.MergePatch),
    );
    const after = await api.hpaV2.readNamespacedHorizontalPodAutoscaler({
      name: 'web',
      namespace: 'team-a',
    });
    expect(after.spec?.minReplicas).toBe(1);
    expect(
      after.spec?.metrics?.map(m => [
        m.resource?.name,
        m.resource?.target.averageUtilization,
      ]),
    ).toEqual([
      ['cpu', 50],
      ['memory', 80],
    ]);
    const v1List =
      await api.hpaV1.listHorizontalPodAutoscalerForAllNamespaces();
    expect(v1List.items).toHaveLength(1);

    const invalid = await failureOf(
      api.hpaV2.patchNamespacedHorizontalPodAutoscaler(
        {
          name: 'web',
          namespace: 'team-a',
          body: { spec: { minReplicas: 0 } },
        },
        patchAs(PatchStrategy.MergePatch),
      ),
    );
    expect(invalid.status.message).toBe(
      'HorizontalPodAutoscaler.autoscaling "web" is invalid: spec.minReplicas: Invalid value: 0: must be greater than or equal to 1',
    );
  });

  it('stores PodDisruptionBudgets', async () => {
    const body = {
      metadata: { name: 'web-pdb' },
      spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
    };
    const pdb = await api.policy.createNamespacedPodDisruptionBudget({
      namespace: 'team-a',
      body,
    });
    expect(pdb.spec?.minAvailable).toBe(1);
    const both = await raw(
      sandbox,
      'POST',
      '/apis/policy/v1/namespaces/team-a/poddisruptionbudgets',
      {
        body: {
          ...body,
          metadata: { name: 'both' },
          spec: { ...body.spec, maxUnavailable: 1 },
        },
      },
    );
    expect(both.body).toMatchObject({ code: 422 });
  });

  it('serves KEDA ScaledObjects through CustomObjectsApi', async () => {
    const group = {
      group: 'keda.sh',
      version: 'v1alpha1',
      namespace: 'team-a',
      plural: 'scaledobjects',
    };
    await api.custom.createNamespacedCustomObject({
      ...group,
      body: {
        apiVersion: 'keda.sh/v1alpha1',
        kind: 'ScaledObject',
        metadata: { name: 'web' },
        spec: { scaleTargetRef: { name: 'web' }, minReplicaCount: 1 },
      },
    });
    const list = await api.custom.listNamespacedCustomObject(group);
    expect(list).toMatchObject({
      kind: 'ScaledObjectList',
      items: [
        { kind: 'ScaledObject', metadata: { name: 'web', generation: 1 } },
      ],
    });
    const missing = await failureOf(
      api.custom.getNamespacedCustomObject({ ...group, name: 'nope' }),
    );
    expect(missing.status.message).toBe(
      'scaledobjects.keda.sh "nope" not found',
    );
  });
});

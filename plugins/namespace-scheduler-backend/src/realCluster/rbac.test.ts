/*
 * RBAC for real: the backend's cluster pieces run under the ServiceAccount
 * and ClusterRole that manifests/base deploys, on a real kube-apiserver with
 * RBAC authorization, with a token from the real TokenRequest API.
 *
 * Everything the plugin does works (status, dry run, sleep, wake, scale of
 * every kind it manages, the cluster-state cache's list + watch), and what it
 * must not do is refused with 403. The write guard of the production overlay
 * (a ValidatingAdmissionPolicy) is checked too, switched to Deny: the engine's
 * writes pass it, other changes through the same `patch` grant do not.
 *
 * A control plane of this file's own: the manifests' ClusterRole and
 * ClusterRoleBinding are cluster-wide objects.
 */
import { KubeConfig } from '@kubernetes/client-node';
import {
  ControlPlane,
  describeOnRealControlPlane,
  serviceAccountToken,
  startControlPlane,
} from '@namespace-scheduler/kube-harness';
import { ClusterStateCache } from '../clusterState';
import { ClusterRegistry, ClusterRequestEvent } from '../clusters';
import { EngineLogger, NamespaceEngine } from '../engine';
import {
  closeRawAgents,
  eventually,
  listItems,
  ListedObject,
  okRequest,
  rawRequest,
} from './__testUtils__/realClusterKit';
import {
  createObject,
  KubeObject,
  renderManifests,
} from './__testUtils__/renderedManifests';

const CLUSTER = 'real';
const TEAM = 'team-rbac';
const GUARDED = 'team-rbac-guard';

/** Every workload of the team's namespace, as `Kind/name`. */
const TEAM_WORKLOADS = [
  'CronJob/report',
  'Deployment/api',
  'Deployment/web',
  'Deployment/worker',
  'HorizontalPodAutoscaler/api',
  'ScaledObject/worker',
  'StatefulSet/db',
];
const SLEEP = { operation: 'sleep' } as const;
const WAKE = { operation: 'wake' } as const;

const quiet: EngineLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** Enough controllers for StatefulSets to report observedGeneration; no HPA controller (no metrics here). */
const CONTROLLERS = [
  'serviceaccount-controller',
  'serviceaccount-token-controller',
  'deployment-controller',
  'replicaset-controller',
  'statefulset-controller',
  'cronjob-controller',
  'job-controller',
  'garbage-collector-controller',
  'namespace-controller',
].join(',');

const template = (name: string) => ({
  metadata: { labels: { app: name } },
  spec: { containers: [{ name: 'app', image: `${name}:1` }] },
});

function replicaWorkload(
  kind: 'Deployment' | 'StatefulSet',
  name: string,
  replicas: number,
  namespace = TEAM,
) {
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name, namespace },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: template(name),
      ...(kind === 'StatefulSet' ? { serviceName: name } : {}),
    },
  };
}

/** A minimal keda.sh ScaledObject CRD: the engine reads only metadata and spec.scaleTargetRef. */
const SCALED_OBJECT_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'scaledobjects.keda.sh' },
  spec: {
    group: 'keda.sh',
    scope: 'Namespaced',
    names: {
      plural: 'scaledobjects',
      singular: 'scaledobject',
      kind: 'ScaledObject',
      listKind: 'ScaledObjectList',
    },
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            'x-kubernetes-preserve-unknown-fields': true,
          },
        },
      },
    ],
  },
};

/** What the team namespace holds: every kind the plugin manages, and a secret. */
async function seedTeam(cp: ControlPlane): Promise<void> {
  await okRequest(cp, 'POST', '/api/v1/namespaces', {
    body: { metadata: { name: TEAM } },
  });
  const apps = `/apis/apps/v1/namespaces/${TEAM}`;
  await okRequest(cp, 'POST', `${apps}/deployments`, {
    body: replicaWorkload('Deployment', 'web', 2),
  });
  await okRequest(cp, 'POST', `${apps}/deployments`, {
    body: replicaWorkload('Deployment', 'api', 3),
  });
  await okRequest(cp, 'POST', `${apps}/deployments`, {
    body: replicaWorkload('Deployment', 'worker', 1),
  });
  await okRequest(cp, 'POST', `${apps}/statefulsets`, {
    body: replicaWorkload('StatefulSet', 'db', 1),
  });
  await okRequest(
    cp,
    'POST',
    `/apis/autoscaling/v2/namespaces/${TEAM}/horizontalpodautoscalers`,
    {
      body: {
        metadata: { name: 'api' },
        spec: {
          scaleTargetRef: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'api',
          },
          minReplicas: 3,
          maxReplicas: 6,
        },
      },
    },
  );
  await okRequest(cp, 'POST', `/apis/batch/v1/namespaces/${TEAM}/cronjobs`, {
    body: {
      metadata: { name: 'report' },
      spec: {
        schedule: '0 3 * * *',
        suspend: false,
        jobTemplate: {
          spec: {
            template: {
              spec: {
                restartPolicy: 'Never',
                containers: [{ name: 'report', image: 'report:1' }],
              },
            },
          },
        },
      },
    },
  });
  await okRequest(
    cp,
    'POST',
    `/apis/keda.sh/v1alpha1/namespaces/${TEAM}/scaledobjects`,
    {
      body: {
        apiVersion: 'keda.sh/v1alpha1',
        kind: 'ScaledObject',
        metadata: { name: 'worker' },
        spec: {
          scaleTargetRef: { name: 'worker' },
          triggers: [{ type: 'cron', metadata: {} }],
        },
      },
    },
  );
  await okRequest(cp, 'POST', `/api/v1/namespaces/${TEAM}/secrets`, {
    body: {
      metadata: { name: 'db-password' },
      stringData: { password: 'not-for-the-scheduler' },
    },
  });
}

/** The live state of the team namespace, as the assertions compare it. */
async function liveState(cp: ControlPlane) {
  const items = (path: string) => listItems(cp, path);
  const byName = (
    list: ListedObject[],
    value: (item: ListedObject) => unknown,
  ) => Object.fromEntries(list.map(item => [item.metadata.name, value(item)]));
  const apps = `/apis/apps/v1/namespaces/${TEAM}`;
  return {
    deployments: byName(
      await items(`${apps}/deployments`),
      i => i.spec.replicas,
    ),
    statefulSets: byName(
      await items(`${apps}/statefulsets`),
      i => i.spec.replicas,
    ),
    hpaMin: byName(
      await items(
        `/apis/autoscaling/v2/namespaces/${TEAM}/horizontalpodautoscalers`,
      ),
      i => i.spec.minReplicas,
    ),
    cronJobSuspended: byName(
      await items(`/apis/batch/v1/namespaces/${TEAM}/cronjobs`),
      i => i.spec.suspend,
    ),
    scaledObjectPaused: byName(
      await items(`/apis/keda.sh/v1alpha1/namespaces/${TEAM}/scaledobjects`),
      i =>
        i.metadata.annotations?.['autoscaling.keda.sh/paused-replicas'] ?? null,
    ),
  };
}

const AWAKE = {
  deployments: { api: 3, web: 2, worker: 1 },
  statefulSets: { db: 1 },
  hpaMin: { api: 3 },
  cronJobSuspended: { report: false },
  scaledObjectPaused: { worker: null },
};

describeOnRealControlPlane(
  'RBAC of manifests/base on a real kube-apiserver',
  () => {
    let cp: ControlPlane;
    let rendered: KubeObject[];
    let token: string;
    let clusters: ClusterRegistry;
    let engine: NamespaceEngine;
    const events: ClusterRequestEvent[] = [];

    beforeAll(async () => {
      [cp, rendered] = await Promise.all([
        startControlPlane({
          controllerManager: true,
          controllerManagerArgs: [`--controllers=${CONTROLLERS}`],
        }),
        renderManifests('base'),
      ]);
      await okRequest(
        cp,
        'POST',
        '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
        { body: SCALED_OBJECT_CRD },
      );
      // Exactly the identity and grants the base deploys.
      const identity = rendered.filter(o =>
        [
          'Namespace',
          'ServiceAccount',
          'ClusterRole',
          'ClusterRoleBinding',
          'Role',
          'RoleBinding',
        ].includes(o.kind),
      );
      for (const object of identity) await createObject(cp, object);
      await eventually('the keda.sh API served', async () => {
        const response = await rawRequest(cp, 'GET', '/apis/keda.sh/v1alpha1');
        return response.status === 200 ? true : undefined;
      });
      await seedTeam(cp);
      const account = rendered.find(o => o.kind === 'ServiceAccount')!;
      token = await serviceAccountToken(
        cp,
        account.metadata.namespace!,
        account.metadata.name,
      );
      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromString(cp.kubeConfigYaml({ token }));
      clusters = ClusterRegistry.fromKubeConfigs(
        [{ name: CLUSTER, kubeConfig }],
        {},
        event => events.push(event),
      );
      engine = NamespaceEngine.create({ clusters, logger: quiet });
    }, 120_000);

    afterAll(async () => {
      closeRawAgents();
      await clusters?.close();
      await cp?.stop();
    });

    it('applies the identity the base renders: one ServiceAccount bound to one ClusterRole', async () => {
      const account = rendered.find(o => o.kind === 'ServiceAccount')!;
      expect(account.metadata).toMatchObject({
        name: 'namespace-scheduler',
        namespace: 'namespace-scheduler',
      });
      const review = await okRequest(
        cp,
        'POST',
        '/apis/authentication.k8s.io/v1/tokenreviews',
        { body: { spec: { token } } },
      );
      expect(review.status.authenticated).toBe(true);
      expect(review.status.user.username).toBe(
        'system:serviceaccount:namespace-scheduler:namespace-scheduler',
      );
    });

    it('reads status, dry-runs, sleeps, wakes and scales every kind under the ServiceAccount', async () => {
      const status = await engine.status(CLUSTER, TEAM);
      expect(status.error).toBeUndefined();
      expect(status.state).toBe('awake');
      expect(status.workloads.map(w => `${w.kind}/${w.name}`).sort()).toEqual(
        TEAM_WORKLOADS,
      );

      const dryRun = await engine.run(CLUSTER, TEAM, SLEEP, { dryRun: true });
      expect(dryRun.errors).toEqual([]);
      expect(dryRun).toMatchObject({ success: true, dry_run: true });
      expect(dryRun.total_scaled).toBe(7);
      expect(await liveState(cp)).toEqual(AWAKE);

      const slept = await engine.run(CLUSTER, TEAM, SLEEP);
      expect(slept.errors).toEqual([]);
      expect(slept).toMatchObject({ success: true, total_scaled: 7 });
      expect(await liveState(cp)).toEqual({
        deployments: { api: 0, web: 0, worker: 0 },
        statefulSets: { db: 0 },
        hpaMin: { api: 1 },
        cronJobSuspended: { report: true },
        scaledObjectPaused: { worker: '0' },
      });
      expect((await engine.status(CLUSTER, TEAM)).state).toBe('asleep');

      const woken = await engine.run(CLUSTER, TEAM, WAKE);
      expect(woken.errors).toEqual([]);
      expect(woken).toMatchObject({ success: true, total_scaled: 7 });
      expect(await liveState(cp)).toEqual(AWAKE);

      // 3: within the HPA of api (3 to 6), which refuses 2.
      const scaled = await engine.run(CLUSTER, TEAM, {
        operation: 'scale',
        replicas: 3,
      });
      expect(scaled.errors).toEqual([]);
      expect(scaled.success).toBe(true);
      const afterScale = await liveState(cp);
      expect(afterScale.deployments).toEqual({ api: 3, web: 3, worker: 3 });
      expect(afterScale.statefulSets).toEqual({ db: 3 });

      // No request of the ServiceAccount was refused or failed.
      expect(events.filter(e => e.failed)).toEqual([]);
    }, 120_000);

    it('keeps the cluster-state cache (list + watch of every kind) in sync under the ServiceAccount', async () => {
      const warnings: string[] = [];
      const cache = ClusterStateCache.create({
        clusters,
        logger: { warn: message => warnings.push(message) },
      });
      cache.start();
      try {
        const listed = await eventually(
          'the cache synced, ScaledObjects included',
          async () => {
            const workloads = cache.workloads(CLUSTER, TEAM);
            return workloads?.some(w => w.kind === 'ScaledObject')
              ? workloads
              : undefined;
          },
        );
        expect(listed.map(w => `${w.kind}/${w.name}`).sort()).toEqual(
          TEAM_WORKLOADS,
        );
        // A change made by someone else arrives through the watch.
        await okRequest(
          cp,
          'PATCH',
          `/apis/apps/v1/namespaces/${TEAM}/deployments/web`,
          { body: { spec: { replicas: 5 } } },
        );
        await eventually('the watched change', async () =>
          cache
            .workloads(CLUSTER, TEAM)
            ?.some(
              w => w.kind === 'Deployment' && w.name === 'web' && w.level === 5,
            )
            ? true
            : undefined,
        );
        expect(warnings).toEqual([]);
      } finally {
        await cache.stop();
      }
    }, 60_000);

    it('refuses with 403 what the plugin must not do', async () => {
      const as = (method: string, path: string, body?: object) =>
        rawRequest(cp, method, path, { token, body });
      const deployment = `/apis/apps/v1/namespaces/${TEAM}/deployments/web`;
      const attempts = {
        'get a secret': await as(
          'GET',
          `/api/v1/namespaces/${TEAM}/secrets/db-password`,
        ),
        'list secrets in a namespace': await as(
          'GET',
          `/api/v1/namespaces/${TEAM}/secrets`,
        ),
        'list secrets cluster-wide': await as('GET', '/api/v1/secrets'),
        'list configmaps': await as(
          'GET',
          `/api/v1/namespaces/${TEAM}/configmaps`,
        ),
        'delete a deployment': await as('DELETE', deployment),
        'replace a deployment (update)': await as(
          'PUT',
          deployment,
          replicaWorkload('Deployment', 'web', 9),
        ),
        'create a deployment': await as(
          'POST',
          `/apis/apps/v1/namespaces/${TEAM}/deployments`,
          replicaWorkload('Deployment', 'intruder', 1),
        ),
        'create a pod': await as('POST', `/api/v1/namespaces/${TEAM}/pods`, {
          metadata: { name: 'intruder' },
          spec: { containers: [{ name: 'x', image: 'x:1' }] },
        }),
        'list pods': await as('GET', `/api/v1/namespaces/${TEAM}/pods`),
        'patch a namespace': await as('PATCH', `/api/v1/namespaces/${TEAM}`, {
          metadata: { labels: { owned: 'yes' } },
        }),
        'delete a namespace': await as('DELETE', `/api/v1/namespaces/${TEAM}`),
        'delete a cronjob': await as(
          'DELETE',
          `/apis/batch/v1/namespaces/${TEAM}/cronjobs/report`,
        ),
        'bind itself a ClusterRole': await as(
          'POST',
          '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
          {
            metadata: { name: 'escalate' },
            roleRef: {
              apiGroup: 'rbac.authorization.k8s.io',
              kind: 'ClusterRole',
              name: 'cluster-admin',
            },
            subjects: [
              {
                kind: 'ServiceAccount',
                name: 'namespace-scheduler',
                namespace: 'namespace-scheduler',
              },
            ],
          },
        ),
      };
      expect(
        Object.fromEntries(
          Object.entries(attempts).map(([what, r]) => [what, r.status]),
        ),
      ).toEqual(
        Object.fromEntries(Object.keys(attempts).map(what => [what, 403])),
      );
      // Nothing changed: the deployment and the secret are still there.
      expect((await rawRequest(cp, 'GET', deployment)).status).toBe(200);
      expect(
        (
          await rawRequest(
            cp,
            'GET',
            `/api/v1/namespaces/${TEAM}/secrets/db-password`,
          )
        ).status,
      ).toBe(200);
    });

    it("passes the production overlay's write guard switched to Deny, which stops other changes", async () => {
      const production = await renderManifests('overlays/production');
      const policy = production.find(
        o => o.kind === 'ValidatingAdmissionPolicy',
      )!;
      const binding = production.find(
        o => o.kind === 'ValidatingAdmissionPolicyBinding',
      )!;
      const spec = binding.spec as { validationActions: string[] };
      expect(spec.validationActions).toEqual(['Warn', 'Audit']);
      await createObject(cp, policy);
      await createObject(cp, {
        ...binding,
        spec: { ...spec, validationActions: ['Deny'] },
      });
      await okRequest(cp, 'POST', '/api/v1/namespaces', {
        body: { metadata: { name: GUARDED } },
      });
      const probe = `/apis/apps/v1/namespaces/${GUARDED}/deployments/probe`;
      await okRequest(
        cp,
        'POST',
        `/apis/apps/v1/namespaces/${GUARDED}/deployments`,
        {
          body: replicaWorkload('Deployment', 'probe', 1, GUARDED),
        },
      );
      // The policy takes effect once the apiserver has compiled it; until
      // then the patch lands, so each try asks for a new image.
      let tries = 0;
      const refused = await eventually(
        'the write guard denying an image change by the ServiceAccount',
        async () => {
          tries++;
          const response = await rawRequest(cp, 'PATCH', probe, {
            token,
            body: {
              spec: {
                template: {
                  spec: {
                    containers: [{ name: 'app', image: `evil:${tries}` }],
                  },
                },
              },
            },
          });
          return response.status === 200 ? undefined : response;
        },
      );
      // A validation of a ValidatingAdmissionPolicy without `reason` fails
      // the request as Invalid (422).
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ kind: 'Status', reason: 'Invalid' });
      expect(refused.body.message).toContain('namespace-scheduler-write-guard');
      expect(refused.body.message).toContain(
        'the namespace scheduler may change only spec.replicas of a Deployment or StatefulSet',
      );
      // The engine's own writes pass: a full cycle of every kind.
      const slept = await engine.run(CLUSTER, TEAM, SLEEP);
      expect(slept.errors).toEqual([]);
      expect(slept.success).toBe(true);
      const woken = await engine.run(CLUSTER, TEAM, WAKE);
      expect(woken.errors).toEqual([]);
      expect(woken.success).toBe(true);
    }, 60_000);
  },
);

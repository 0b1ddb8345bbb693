import {
  controllersCaughtUp,
  deployment,
  namespace,
  raw,
} from './__testUtils__/clients';
import { templateHash } from './pods';
import { KubeSandbox, startKubeSandbox } from './sandbox';
import { KubeObject } from './types';

/**
 * Where the sandbox differed from kube-apiserver 1.32, each found by the
 * plugin's conformance suite (plugins/namespace-scheduler-backend/src/conformance)
 * and fixed here; README "Checked against kube-apiserver 1.32" lists them.
 */

const MERGE = 'application/merge-patch+json';
const body = (response: { body: unknown }) =>
  response.body as Record<string, any>;

describe('checked against kube-apiserver 1.32', () => {
  let sandbox: KubeSandbox;

  afterEach(() => sandbox?.close());

  const start = (options: Parameters<typeof startKubeSandbox>[0] = {}) =>
    startKubeSandbox({ objects: [namespace('team-a')], ...options }).then(
      s => (sandbox = s),
    );
  const deployments = '/apis/apps/v1/namespaces/team-a/deployments';

  it('a write answers the status the controller last wrote; observing a spec is not waiting for readiness', async () => {
    await start({ readyDelayMs: 60_000 });
    const created = await raw(sandbox, 'POST', deployments, {
      body: deployment('web', 'team-a', 2),
    });
    expect(body(created).status).toEqual({});
    await controllersCaughtUp();
    // Observed at once (observedGeneration), although nothing is ready for a minute.
    const web = sandbox.store.get('Deployment', 'team-a', 'web');
    expect(web?.status).toMatchObject({
      observedGeneration: 1,
      replicas: 2,
      unavailableReplicas: 2,
    });
    const dry = await raw(sandbox, 'PATCH', `${deployments}/web?dryRun=All`, {
      body: { spec: { replicas: 5 } },
      contentType: MERGE,
    });
    expect(body(dry).metadata.generation).toBe(2);
    expect(body(dry).status).toEqual(web?.status);
  });

  it('controllerDelayMs holds observedGeneration back, as a controller manager that is down', async () => {
    await start({ controllerDelayMs: 200 });
    await raw(sandbox, 'POST', deployments, {
      body: deployment('web', 'team-a', 1),
    });
    await controllersCaughtUp(50);
    expect(sandbox.store.get('Deployment', 'team-a', 'web')?.status).toEqual(
      {},
    );
    await controllersCaughtUp(250);
    expect(
      sandbox.store.get('Deployment', 'team-a', 'web')?.status,
    ).toMatchObject({ observedGeneration: 1, readyReplicas: 1 });
  });

  it('defaults pod templates (containers, pod spec, creationTimestamp: null) in Deployments, StatefulSets and CronJobs', async () => {
    await start();
    const podDefaults = {
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      securityContext: {},
      schedulerName: 'default-scheduler',
    };
    const created = await raw(sandbox, 'POST', deployments, {
      body: {
        ...deployment('web', 'team-a'),
        spec: {
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              containers: [
                {
                  name: 'a',
                  image: 'nginx',
                  ports: [{ containerPort: 80 }],
                  readinessProbe: { httpGet: { path: '/', port: 80 } },
                },
                { name: 'b', image: 'registry:5000/team/b:latest' },
                { name: 'c', image: 'registry:5000/team/c:1.2' },
              ],
            },
          },
        },
      },
    });
    const template = body(created).spec.template;
    expect(template.metadata).toEqual({
      creationTimestamp: null,
      labels: { app: 'web' },
    });
    expect(template.spec).toMatchObject(podDefaults);
    expect(template.spec.containers).toEqual([
      {
        name: 'a',
        image: 'nginx',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        readinessProbe: {
          httpGet: { path: '/', port: 80, scheme: 'HTTP' },
          timeoutSeconds: 1,
          periodSeconds: 10,
          successThreshold: 1,
          failureThreshold: 3,
        },
        resources: {},
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
        imagePullPolicy: 'Always',
      },
      expect.objectContaining({ imagePullPolicy: 'Always' }),
      expect.objectContaining({ imagePullPolicy: 'IfNotPresent' }),
    ]);

    const job = await raw(
      sandbox,
      'POST',
      '/apis/batch/v1/namespaces/team-a/cronjobs',
      {
        body: {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: { name: 'report' },
          spec: {
            schedule: '0 3 * * *',
            jobTemplate: {
              spec: {
                template: {
                  spec: {
                    restartPolicy: 'Never',
                    containers: [{ name: 'r', image: 'busybox:1.36' }],
                  },
                },
              },
            },
          },
        },
      },
    );
    const jobTemplate = body(job).spec.jobTemplate;
    expect(jobTemplate.metadata).toEqual({ creationTimestamp: null });
    expect(jobTemplate.spec.template.metadata).toEqual({
      creationTimestamp: null,
    });
    expect(jobTemplate.spec.template.spec).toMatchObject({
      ...podDefaults,
      restartPolicy: 'Never',
    });
  });

  it('validates label and annotation keys and label values', async () => {
    await start({
      objects: [namespace('team-a'), deployment('web', 'team-a')],
    });
    const patch = (metadata: object) =>
      raw(sandbox, 'PATCH', `${deployments}/web`, {
        body: { metadata },
        contentType: MERGE,
      });
    const badKey = await patch({ annotations: { 'bad key!': 'x' } });
    expect(badKey.status).toBe(422);
    expect(body(badKey).message).toBe(
      `Deployment.apps "web" is invalid: metadata.annotations: Invalid value: "bad key!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    );
    expect(body(badKey).details.causes).toEqual([
      expect.objectContaining({
        reason: 'FieldValueInvalid',
        field: 'metadata.annotations',
      }),
    ]);
    expect(
      (await patch({ annotations: { 'Example.COM/Key': 'x' } })).status,
    ).toBe(200);
    expect((await patch({ annotations: { '/nope': 'x' } })).status).toBe(422);
    expect((await patch({ labels: { tier: 'not ok' } })).status).toBe(422);
    expect((await patch({ labels: { 'UPPER/tier': 'x' } })).status).toBe(422);
    expect(
      (await patch({ annotations: { big: 'x'.repeat(256 * 1024) } })).status,
    ).toBe(422);
  });

  it('omits an emptied annotations map, as Go`s omitempty does', async () => {
    await start({
      objects: [namespace('team-a'), deployment('web', 'team-a')],
    });
    const cleared = await raw(sandbox, 'PATCH', `${deployments}/web`, {
      body: {
        metadata: {
          labels: null,
          annotations: { 'deployment.kubernetes.io/revision': null },
        },
      },
      contentType: MERGE,
    });
    expect(body(cleared).metadata).not.toHaveProperty('annotations');
    expect(body(cleared).metadata).not.toHaveProperty('labels');
  });

  it('HPAs have no generation; their status is as created until an HPA controller syncs; v1 always shows the counters', async () => {
    await start();
    const hpa = await raw(
      sandbox,
      'POST',
      '/apis/autoscaling/v2/namespaces/team-a/horizontalpodautoscalers',
      {
        body: {
          apiVersion: 'autoscaling/v2',
          kind: 'HorizontalPodAutoscaler',
          metadata: { name: 'web' },
          spec: {
            scaleTargetRef: {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: 'web',
            },
            maxReplicas: 3,
          },
        },
      },
    );
    expect(body(hpa).metadata).not.toHaveProperty('generation');
    expect(body(hpa).status).toEqual({
      desiredReplicas: 0,
      currentMetrics: null,
    });
    const patched = await raw(
      sandbox,
      'PATCH',
      '/apis/autoscaling/v2/namespaces/team-a/horizontalpodautoscalers/web',
      { body: { spec: { minReplicas: 2 } }, contentType: MERGE },
    );
    expect(body(patched).metadata).not.toHaveProperty('generation');
    expect(body(patched).status).toEqual(body(hpa).status);
    const v1 = await raw(
      sandbox,
      'GET',
      '/apis/autoscaling/v1/namespaces/team-a/horizontalpodautoscalers/web',
    );
    expect(body(v1).status).toEqual({ currentReplicas: 0, desiredReplicas: 0 });
  });

  it('a delete precondition that fails names the kind, as the registry does', async () => {
    await start({
      objects: [namespace('team-a'), deployment('web', 'team-a')],
    });
    const current = sandbox.store.get('Deployment', 'team-a', 'web');
    const stale = await raw(sandbox, 'DELETE', `${deployments}/web`, {
      body: { preconditions: { resourceVersion: '1' } },
    });
    expect(stale.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `Operation cannot be fulfilled on Deployment.apps "web": the ResourceVersion in the precondition (1) does not match the ResourceVersion in record (${current?.metadata.resourceVersion}). The object might have been modified`,
      reason: 'Conflict',
      details: { name: 'web', group: 'apps', kind: 'Deployment' },
      code: 409,
    });
    const otherUid = await raw(sandbox, 'DELETE', `${deployments}/web`, {
      body: { preconditions: { uid: 'x' } },
    });
    expect(body(otherUid).message).toBe(
      `Operation cannot be fulfilled on Deployment.apps "web": the UID in the precondition (x) does not match the UID in record (${current?.metadata.uid}). The object might have been deleted and then recreated`,
    );
  });

  it('continue tokens hold the next key relative to the list`s namespace; a bad one says "invalid continue token"', async () => {
    await start({
      objects: [
        namespace('team-a'),
        deployment('a', 'team-a'),
        deployment('b', 'team-a'),
        deployment('c', 'team-a'),
      ],
    });
    const page = await raw(sandbox, 'GET', `${deployments}?limit=2`);
    const token = body(page).metadata.continue;
    expect(JSON.parse(Buffer.from(token, 'base64url').toString())).toEqual({
      v: 'meta.k8s.io/v1',
      rv: Number(body(page).metadata.resourceVersion),
      start: 'b\u0000',
    });
    const next = await raw(
      sandbox,
      'GET',
      `${deployments}?limit=2&continue=${token}`,
    );
    expect(body(next).items.map((i: KubeObject) => i.metadata.name)).toEqual([
      'c',
    ]);
    const all = await raw(sandbox, 'GET', '/apis/apps/v1/deployments?limit=1');
    expect(
      JSON.parse(
        Buffer.from(body(all).metadata.continue, 'base64url').toString(),
      ).start,
    ).toBe('team-a/a\u0000');
    const bad = await raw(sandbox, 'GET', `${deployments}?limit=2&continue=x`);
    expect(bad.status).toBe(400);
    expect(body(bad).message).toMatch(/^invalid continue token: /);
  });

  it('pod-template hashes depend on the template, not on its key order', () => {
    const a = deployment('web', 'team-a') as KubeObject;
    const template = (
      a.spec as { template: { metadata: object; spec: object } }
    ).template;
    const reordered = {
      ...a,
      spec: { template: { spec: template.spec, metadata: template.metadata } },
    };
    expect(templateHash(reordered)).toBe(templateHash(a));
  });
});

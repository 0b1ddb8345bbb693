import { setTimeout as sleep } from 'node:timers/promises';
import { describeConformance } from './__testUtils__/describeConformance';
import {
  cronJob,
  deployment,
  hpa,
  statefulSet,
} from './__testUtils__/manifests';
import { KubeResponse, MERGE_PATCH } from './__testUtils__/rawKube';
import { resourcePath } from './__testUtils__/servers';

/**
 * The API behaviour the plugin relies on, request by request, asserted
 * identically on kube-apiserver 1.32 and the sandbox. Each expectation was
 * first observed on kube-apiserver; where the sandbox disagreed it was fixed
 * (packages/kube-sandbox/README.md, "Checked against kube-apiserver 1.32").
 */
describeConformance('the Kubernetes API', { tag: 'api' }, server => {
  const path = resourcePath;
  const request = (method: string, p: string, body?: unknown, type?: string) =>
    server.kube.request(method, p, body, type);
  const mergePatch = (p: string, body: unknown) =>
    request('PATCH', p, body, MERGE_PATCH);

  describe('writes', () => {
    it('a merge patch that changes nothing keeps resourceVersion and generation', async () => {
      // A CronJob: no controller writes to it meanwhile (a Deployment's would).
      const ns = await server.namespace(n => [
        cronJob(n, 'report', true, { a: '1' }),
      ]);
      const before = (await request('GET', path('CronJob', ns, 'report'))).body;
      const same = await mergePatch(path('CronJob', ns, 'report'), {
        metadata: {
          resourceVersion: before.metadata.resourceVersion,
          annotations: { a: '1', gone: null },
        },
        spec: { suspend: true },
      });
      expect(same.status).toBe(200);
      expect(same.body.metadata.resourceVersion).toBe(
        before.metadata.resourceVersion,
      );
      expect(same.body.metadata.generation).toBe(before.metadata.generation);
    });

    it('merge-patch null deletes an annotation; with none left there is no annotations map', async () => {
      const ns = await server.namespace(n => [
        cronJob(n, 'report', false, { only: 'x' }),
      ]);
      const patched = await mergePatch(path('CronJob', ns, 'report'), {
        metadata: { annotations: { only: null } },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.metadata).not.toHaveProperty('annotations');
      // Annotations are metadata: the generation stays.
      expect(patched.body.metadata.generation).toBe(1);
    });

    it('a patch with a stale metadata.resourceVersion is 409 Conflict, even when it would change nothing', async () => {
      const ns = await server.namespace(n => [deployment(n, 'web', 1)]);
      const conflict = {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
        reason: 'Conflict',
        details: { name: 'web', group: 'apps', kind: 'deployments' },
        code: 409,
      };
      for (const spec of [{ replicas: 0 }, { replicas: 1 }]) {
        const stale = await mergePatch(path('Deployment', ns, 'web'), {
          metadata: { resourceVersion: '1' },
          spec,
        });
        expect(stale.status).toBe(409);
        expect(stale.body).toEqual(conflict);
      }
    });

    it('a delete with a stale resourceVersion precondition is 409 naming the kind', async () => {
      const ns = await server.namespace(n => [cronJob(n, 'report', false)]);
      const current = await server.read('CronJob', ns, 'report');
      const response = await request('DELETE', path('CronJob', ns, 'report'), {
        preconditions: { resourceVersion: '1' },
      });
      expect(response.status).toBe(409);
      expect(response.body).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `Operation cannot be fulfilled on CronJob.batch "report": the ResourceVersion in the precondition (1) does not match the ResourceVersion in record (${current?.metadata.resourceVersion}). The object might have been modified`,
        reason: 'Conflict',
        details: { name: 'report', group: 'batch', kind: 'CronJob' },
        code: 409,
      });
    });

    it('404 and 422 answer with the Status bodies kube-apiserver writes', async () => {
      const ns = await server.namespace(n => [deployment(n, 'web', 1)]);
      const missing = await mergePatch(path('Deployment', ns, 'nope'), {
        spec: { replicas: 1 },
      });
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'deployments.apps "nope" not found',
        reason: 'NotFound',
        details: { name: 'nope', group: 'apps', kind: 'deployments' },
        code: 404,
      });
      const noNamespace = await request(
        'POST',
        path('Deployment', `${ns}-missing`),
        deployment(`${ns}-missing`, 'web', 1),
      );
      expect(noNamespace.status).toBe(404);
      expect(noNamespace.body).toMatchObject({
        message: `namespaces "${ns}-missing" not found`,
        reason: 'NotFound',
        details: { name: `${ns}-missing`, kind: 'namespaces' },
      });

      const negative = await mergePatch(path('Deployment', ns, 'web'), {
        spec: { replicas: -1 },
      });
      expect(negative.status).toBe(422);
      expect(negative.body).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
        reason: 'Invalid',
        details: {
          name: 'web',
          group: 'apps',
          kind: 'Deployment',
          causes: [
            {
              reason: 'FieldValueInvalid',
              message: 'Invalid value: -1: must be greater than or equal to 0',
              field: 'spec.replicas',
            },
          ],
        },
        code: 422,
      });

      const badKey = await mergePatch(path('Deployment', ns, 'web'), {
        metadata: { annotations: { 'bad key!': 'x' } },
      });
      expect(badKey.status).toBe(422);
      expect(badKey.body.reason).toBe('Invalid');
      expect(badKey.body.message).toMatch(
        /^Deployment\.apps "web" is invalid: metadata\.annotations: Invalid value: "bad key!": name part must consist of alphanumeric characters/,
      );
      expect(badKey.body.details.causes[0]).toMatchObject({
        reason: 'FieldValueInvalid',
        field: 'metadata.annotations',
      });
    });

    it('dryRun=All answers the would-be object and stores nothing', async () => {
      const ns = await server.namespace(n => [
        deployment(n, 'web', 2, { a: '1' }),
      ]);
      await server.settled(ns, { ready: true });
      // The controllers may still write status: try against a fresh read.
      let before = (await request('GET', path('Deployment', ns, 'web'))).body;
      let dry: KubeResponse = { status: 0, body: undefined, text: '' };
      for (let attempt = 0; attempt < 20 && dry.status !== 200; attempt++) {
        before = (await request('GET', path('Deployment', ns, 'web'))).body;
        dry = await mergePatch(`${path('Deployment', ns, 'web')}?dryRun=All`, {
          metadata: {
            resourceVersion: before.metadata.resourceVersion,
            annotations: { b: '2' },
          },
          spec: { replicas: 0 },
        });
      }
      expect(dry.status).toBe(200);
      expect(dry.body.metadata).toMatchObject({
        resourceVersion: before.metadata.resourceVersion,
        generation: before.metadata.generation + 1,
        annotations: { a: '1', b: '2' },
      });
      expect(dry.body.spec.replicas).toBe(0);
      // The controller has not seen the would-be spec: status is as stored.
      expect(dry.body.status).toEqual(before.status);
      const after = (await request('GET', path('Deployment', ns, 'web'))).body;
      expect(after).toEqual(before);

      const created = await request(
        'POST',
        `${path('Deployment', ns)}?dryRun=All`,
        deployment(ns, 'ghost', 1),
      );
      expect(created.status).toBe(201);
      expect(created.body.metadata).toMatchObject({ generation: 1 });
      expect(created.body.metadata.uid).toEqual(expect.any(String));
      expect(created.body.metadata.resourceVersion).toBeUndefined();
      expect(
        (await request('GET', path('Deployment', ns, 'ghost'))).status,
      ).toBe(404);
    });
  });

  describe('workload status', () => {
    it('a write answers the status as the controller last wrote it; the controller catches up after', async () => {
      const ns = await server.namespace();
      const web = await request(
        'POST',
        path('Deployment', ns),
        deployment(ns, 'web', 2),
      );
      expect(web.body.status).toEqual({});
      const db = await request(
        'POST',
        path('StatefulSet', ns),
        statefulSet(ns, 'db', 1),
      );
      expect(db.body.status).toEqual({ replicas: 0, availableReplicas: 0 });
      await server.settled(ns, { ready: true });

      const settled = (await request('GET', path('Deployment', ns, 'web')))
        .body;
      expect(settled.status).toMatchObject({
        observedGeneration: 1,
        replicas: 2,
        updatedReplicas: 2,
        readyReplicas: 2,
        availableReplicas: 2,
      });
      expect(
        settled.status.conditions.map((c: { type: string }) => c.type).sort(),
      ).toEqual(['Available', 'Progressing']);
      expect(settled.metadata.annotations).toEqual({
        'deployment.kubernetes.io/revision': '1',
      });

      const scaled = await mergePatch(path('Deployment', ns, 'web'), {
        spec: { replicas: 0 },
      });
      expect(scaled.body.metadata.generation).toBe(2);
      expect(scaled.body.status).toEqual(settled.status);
      await server.settled(ns);
      const zero = (await request('GET', path('Deployment', ns, 'web'))).body;
      // Go's omitempty: no zero counters.
      expect(Object.keys(zero.status).sort()).toEqual([
        'conditions',
        'observedGeneration',
      ]);
      expect(zero.status.observedGeneration).toBe(2);

      const sts = (await request('GET', path('StatefulSet', ns, 'db'))).body;
      expect(sts.status).toMatchObject({
        observedGeneration: 1,
        replicas: 1,
        readyReplicas: 1,
        currentReplicas: 1,
        updatedReplicas: 1,
        availableReplicas: 1,
        collisionCount: 0,
        currentRevision: expect.stringMatching(/^db-/),
      });
      expect(sts.status.updateRevision).toBe(sts.status.currentRevision);
      const stsZero = await mergePatch(path('StatefulSet', ns, 'db'), {
        spec: { replicas: 0 },
      });
      expect(stsZero.body.status).toEqual(sts.status);
      await server.settled(ns);
      const stsAfter = (await request('GET', path('StatefulSet', ns, 'db')))
        .body;
      expect(stsAfter.status).toEqual({
        observedGeneration: 2,
        replicas: 0,
        availableReplicas: 0,
        collisionCount: 0,
        currentRevision: sts.status.currentRevision,
        updateRevision: sts.status.currentRevision,
      });
    });
  });

  describe('defaults', () => {
    const podDefaults = (image: string, pullPolicy: string) => ({
      containers: [
        {
          name: 'main',
          image,
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          imagePullPolicy: pullPolicy,
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      securityContext: {},
      schedulerName: 'default-scheduler',
    });

    it('Deployments, StatefulSets and their pod templates', async () => {
      const ns = await server.namespace(n => [
        deployment(n, 'web', 1),
        statefulSet(n, 'db', 1),
      ]);
      const web = await server.read('Deployment', ns, 'web');
      expect(web?.spec).toEqual({
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'web' } },
          spec: podDefaults('example/web:1', 'IfNotPresent'),
        },
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
        },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      });
      const db = await server.read('StatefulSet', ns, 'db');
      expect(db?.spec).toEqual({
        replicas: 1,
        selector: { matchLabels: { app: 'db' } },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'db' } },
          spec: podDefaults('example/db:1', 'IfNotPresent'),
        },
        serviceName: 'db',
        podManagementPolicy: 'OrderedReady',
        updateStrategy: {
          type: 'RollingUpdate',
          rollingUpdate: { partition: 0 },
        },
        revisionHistoryLimit: 10,
        persistentVolumeClaimRetentionPolicy: {
          whenDeleted: 'Retain',
          whenScaled: 'Retain',
        },
      });
    });

    it('CronJobs', async () => {
      const ns = await server.namespace();
      const job = cronJob(ns, 'report', false);
      const spec = job.spec as { suspend?: boolean };
      delete spec.suspend;
      const created = await request('POST', path('CronJob', ns), {
        ...job,
        spec: {
          ...spec,
          jobTemplate: {
            spec: {
              template: {
                spec: {
                  restartPolicy: 'Never',
                  containers: [{ name: 'main', image: 'busybox' }],
                },
              },
            },
          },
        },
      });
      expect(created.status).toBe(201);
      expect(created.body.spec).toEqual({
        schedule: '0 3 1 1 *',
        concurrencyPolicy: 'Allow',
        suspend: false,
        jobTemplate: {
          metadata: { creationTimestamp: null },
          spec: {
            template: {
              metadata: { creationTimestamp: null },
              spec: {
                ...podDefaults('busybox', 'Always'),
                restartPolicy: 'Never',
              },
            },
          },
        },
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
      });
      expect(created.body.status).toEqual({});
      expect(created.body.metadata.generation).toBe(1);
    });

    it('HorizontalPodAutoscalers: minReplicas 1, a CPU metric, no generation; the v1 view', async () => {
      const ns = await server.namespace(n => [deployment(n, 'web', 1)]);
      const autoscaler = hpa(ns, 'web', 'web', 2, 5);
      const spec = autoscaler.spec as { minReplicas?: number };
      delete spec.minReplicas;
      const created = await request(
        'POST',
        path('HorizontalPodAutoscaler', ns),
        autoscaler,
      );
      expect(created.status).toBe(201);
      expect(created.body.spec).toEqual({
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'web',
        },
        minReplicas: 1,
        maxReplicas: 5,
        metrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: 80 },
            },
          },
        ],
      });
      expect(created.body.metadata).not.toHaveProperty('generation');
      expect(created.body.status).toEqual({
        desiredReplicas: 0,
        currentMetrics: null,
      });
      const v1 = await request(
        'GET',
        `/apis/autoscaling/v1/namespaces/${ns}/horizontalpodautoscalers/web`,
      );
      expect(v1.body.spec).toEqual({
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'web',
        },
        minReplicas: 1,
        maxReplicas: 5,
        targetCPUUtilizationPercentage: 80,
      });
    });
  });

  describe('/scale and discovery', () => {
    it('/scale reads and writes replicas under the workload`s resourceVersion', async () => {
      const ns = await server.namespace(n => [deployment(n, 'web', 2)]);
      await server.settled(ns, { ready: true });
      const web = await server.read('Deployment', ns, 'web');
      const scale = await request(
        'GET',
        `${path('Deployment', ns, 'web')}/scale`,
      );
      expect(scale.body).toEqual({
        kind: 'Scale',
        apiVersion: 'autoscaling/v1',
        metadata: {
          name: 'web',
          namespace: ns,
          uid: web?.metadata.uid,
          resourceVersion: web?.metadata.resourceVersion,
          creationTimestamp: web?.metadata.creationTimestamp,
        },
        spec: { replicas: 2 },
        status: { replicas: 2, selector: 'app=web' },
      });
      const zero = await mergePatch(`${path('Deployment', ns, 'web')}/scale`, {
        spec: { replicas: 0 },
      });
      expect(zero.status).toBe(200);
      // ScaleSpec.replicas is omitempty; the status is the workload's as last written.
      expect(zero.body.spec).toEqual({});
      expect(zero.body.status).toEqual({ replicas: 2, selector: 'app=web' });
      const after = await server.read('Deployment', ns, 'web');
      expect(after?.metadata.generation).toBe(
        (web?.metadata.generation ?? 0) + 1,
      );
      expect((after?.spec as { replicas: number }).replicas).toBe(0);
    });

    it('discovery names the kinds, verbs and subresources the plugin uses', async () => {
      const apps = await request('GET', '/apis/apps/v1');
      const byName = new Map(apps.body.resources.map((r: any) => [r.name, r]));
      expect(byName.get('deployments')).toMatchObject({
        namespaced: true,
        kind: 'Deployment',
        verbs: expect.arrayContaining([
          'get',
          'list',
          'watch',
          'patch',
          'update',
        ]),
      });
      expect(byName.get('deployments/scale')).toMatchObject({
        namespaced: true,
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
        verbs: ['get', 'patch', 'update'],
      });
      expect(byName.get('statefulsets/scale')).toMatchObject({ kind: 'Scale' });
      const groups = await request('GET', '/apis');
      const names = groups.body.groups.map((g: { name: string }) => g.name);
      expect(names).toEqual(
        expect.arrayContaining(['apps', 'batch', 'autoscaling', 'policy']),
      );
      const autoscaling = groups.body.groups.find(
        (g: { name: string }) => g.name === 'autoscaling',
      );
      expect(autoscaling.preferredVersion.version).toBe('v2');
    });

    it('label and field selectors filter lists', async () => {
      const labelled = (n: string, name: string, tier: string) => {
        const object = deployment(n, name, 1);
        return {
          ...object,
          metadata: { ...object.metadata, labels: { tier } },
        };
      };
      const ns = await server.namespace(n => [
        labelled(n, 'web', 'front'),
        labelled(n, 'api', 'back'),
        labelled(n, 'db-proxy', 'back'),
      ]);
      const byLabel = await request(
        'GET',
        `${path('Deployment', ns)}?labelSelector=${encodeURIComponent(
          'tier in (back,x),tier!=front',
        )}`,
      );
      expect(byLabel.body.items.map((i: any) => i.metadata.name)).toEqual([
        'api',
        'db-proxy',
      ]);
      const byField = await request(
        'GET',
        `${path('Deployment', ns)}?fieldSelector=${encodeURIComponent(
          'metadata.name=api',
        )}`,
      );
      expect(byField.body.items.map((i: any) => i.metadata.name)).toEqual([
        'api',
      ]);
    });
  });

  describe('lists', () => {
    it('limit/continue pages are served from the first page`s resourceVersion', async () => {
      const ns = await server.namespace(n => [
        cronJob(n, 'a', true),
        cronJob(n, 'b', true),
        cronJob(n, 'c', true),
        cronJob(n, 'd', true),
      ]);
      const first = await request('GET', `${path('CronJob', ns)}?limit=2`);
      expect(first.body.items.map((i: any) => i.metadata.name)).toEqual([
        'a',
        'b',
      ]);
      expect(first.body.metadata.remainingItemCount).toBe(2);
      const token = first.body.metadata.continue;
      expect(JSON.parse(Buffer.from(token, 'base64').toString('utf8'))).toEqual(
        {
          v: 'meta.k8s.io/v1',
          rv: Number(first.body.metadata.resourceVersion),
          start: 'b\u0000',
        },
      );
      // A change between pages does not show in the paged list.
      await server.patch('CronJob', ns, 'd', { spec: { suspend: false } });
      const second = await request(
        'GET',
        `${path('CronJob', ns)}?limit=2&continue=${encodeURIComponent(token)}`,
      );
      expect(second.body.metadata).toEqual({
        resourceVersion: first.body.metadata.resourceVersion,
      });
      expect(
        second.body.items.map((i: any) => [i.metadata.name, i.spec.suspend]),
      ).toEqual([
        ['c', true],
        ['d', true],
      ]);

      const bad = await request(
        'GET',
        `${path('CronJob', ns)}?limit=2&continue=garbage`,
      );
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({
        reason: 'BadRequest',
        message: expect.stringMatching(/^invalid continue token: /),
      });
    });
  });

  describe('watch', () => {
    it('from a list`s resourceVersion: the changes after it, and no bookmark when a short watch ends', async () => {
      const ns = await server.namespace(n => [cronJob(n, 'report', false)]);
      const list = await request('GET', path('CronJob', ns));
      const rv = list.body.metadata.resourceVersion;
      const watching = server.kube.watch(
        `${path(
          'CronJob',
          ns,
        )}?watch=true&resourceVersion=${rv}&timeoutSeconds=1&allowWatchBookmarks=true`,
      );
      await sleep(200);
      const patched = await server.patch('CronJob', ns, 'report', {
        spec: { suspend: true },
      });
      const { status, events } = await watching;
      expect(status).toBe(200);
      expect(events.map(e => e.type)).toEqual(['MODIFIED']);
      expect(events[0].object.metadata.resourceVersion).toBe(
        patched.metadata.resourceVersion,
      );
      expect(events[0].object).toMatchObject({
        kind: 'CronJob',
        apiVersion: 'batch/v1',
        spec: { suspend: true },
      });
    });

    it('a bookmark 2 s before the deadline carries the progress made by other namespaces', async () => {
      const ns = await server.namespace(n => [cronJob(n, 'report', false)]);
      const other = await server.namespace();
      const rv = (await request('GET', path('CronJob', ns))).body.metadata
        .resourceVersion;
      const watching = server.kube.watch(
        `${path(
          'CronJob',
          ns,
        )}?watch=true&resourceVersion=${rv}&timeoutSeconds=4&allowWatchBookmarks=true`,
      );
      await sleep(300);
      await server.apply([cronJob(other, 'elsewhere', false)]);
      const elsewhere = await server.read('CronJob', other, 'elsewhere');
      const { events } = await watching;
      expect(events.length).toBeGreaterThan(0);
      expect(new Set(events.map(e => e.type))).toEqual(new Set(['BOOKMARK']));
      const last = events[events.length - 1];
      expect(last.object).toMatchObject({
        kind: 'CronJob',
        apiVersion: 'batch/v1',
        metadata: { creationTimestamp: null },
      });
      // At least that far (other test files change CronJobs too).
      expect(
        Number(last.object.metadata.resourceVersion),
      ).toBeGreaterThanOrEqual(Number(elsewhere?.metadata.resourceVersion));
      expect(last.atMs).toBeGreaterThan(1_000);
      expect(last.atMs).toBeLessThan(3_800);
    });

    it('a malformed resourceVersion is refused before the stream starts', async () => {
      const ns = await server.namespace();
      const response = await request(
        'GET',
        `${path(
          'CronJob',
          ns,
        )}?watch=true&resourceVersion=abc&timeoutSeconds=1`,
      );
      expect(response.status).toBe(500);
      expect(response.body).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax',
        code: 500,
      });
    });
  });
});

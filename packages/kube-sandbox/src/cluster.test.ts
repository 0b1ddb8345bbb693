import { V1Deployment } from '@kubernetes/client-node';
import {
  clientsFor,
  controllersCaughtUp,
  deployment,
  failureOf,
  namespace,
  patchAs,
  raw,
} from './__testUtils__/clients';
import { KubeSandbox, startKubeSandbox } from './sandbox';

describe('create, read, update, delete', () => {
  let sandbox: KubeSandbox;
  let api: ReturnType<typeof clientsFor>;

  beforeEach(async () => {
    sandbox = await startKubeSandbox({ objects: [namespace('team-a')] });
    api = clientsFor(sandbox);
  });

  afterEach(() => sandbox.close());

  it('creates objects with server-set metadata, defaults and status', async () => {
    const created = await api.apps.createNamespacedDeployment({
      namespace: 'team-a',
      body: deployment('web', 'team-a', 2),
    });
    expect(created.metadata).toMatchObject({
      name: 'web',
      namespace: 'team-a',
      generation: 1,
    });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(created.metadata?.resourceVersion)).toBeGreaterThan(0);
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(created.spec).toMatchObject({
      revisionHistoryLimit: 10,
      strategy: { type: 'RollingUpdate' },
    });
    // As created: the deployment controller has not seen it yet.
    expect(created.status).toEqual({});

    await controllersCaughtUp();
    const read = await api.apps.readNamespacedDeployment({
      name: 'web',
      namespace: 'team-a',
    });
    // The controller's write: its revision annotation and status.
    expect(Number(read.metadata?.resourceVersion)).toBeGreaterThan(
      Number(created.metadata?.resourceVersion),
    );
    expect(read.metadata?.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
    });
    expect(read.status).toMatchObject({
      replicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      observedGeneration: 1,
    });

    const ns = await api.core.readNamespace({ name: 'team-a' });
    expect(ns.metadata?.labels).toEqual({
      'kubernetes.io/metadata.name': 'team-a',
    });
    expect(ns.status?.phase).toBe('Active');
  });

  it('creates with generateName', async () => {
    const body = deployment('', 'team-a');
    const created = await api.apps.createNamespacedDeployment({
      namespace: 'team-a',
      body: { ...body, metadata: { generateName: 'job-' } },
    });
    expect(created.metadata?.name).toMatch(/^job-[a-z0-9]{5}$/);
  });

  it('answers AlreadyExists, NotFound and a missing namespace like the real server', async () => {
    await api.apps.createNamespacedDeployment({
      namespace: 'team-a',
      body: deployment('web', 'team-a'),
    });
    const exists = await failureOf(
      api.apps.createNamespacedDeployment({
        namespace: 'team-a',
        body: deployment('web', 'team-a'),
      }),
    );
    expect(exists.code).toBe(409);
    expect(exists.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'deployments.apps "web" already exists',
      reason: 'AlreadyExists',
      details: { name: 'web', group: 'apps', kind: 'deployments' },
      code: 409,
    });

    const missing = await failureOf(
      api.apps.readNamespacedDeployment({ name: 'nope', namespace: 'team-a' }),
    );
    expect(missing).toMatchObject({
      code: 404,
      status: {
        reason: 'NotFound',
        message: 'deployments.apps "nope" not found',
        details: { name: 'nope', group: 'apps', kind: 'deployments' },
      },
    });
    const missingNs = await failureOf(api.core.readNamespace({ name: 'nope' }));
    expect(missingNs.status).toMatchObject({
      message: 'namespaces "nope" not found',
      details: { kind: 'namespaces' },
    });

    const noNamespace = await failureOf(
      api.apps.createNamespacedDeployment({
        namespace: 'ghost',
        body: deployment('web', 'ghost'),
      }),
    );
    expect(noNamespace).toMatchObject({
      code: 404,
      status: { reason: 'NotFound', message: 'namespaces "ghost" not found' },
    });
    expect(
      (
        await failureOf(
          api.apps.deleteNamespacedDeployment({
            name: 'nope',
            namespace: 'team-a',
          }),
        )
      ).code,
    ).toBe(404);
  });

  it('validates names, replicas and selectors (422) and field types (400)', async () => {
    const badName = await failureOf(
      api.apps.createNamespacedDeployment({
        namespace: 'team-a',
        body: deployment('Web_1', 'team-a'),
      }),
    );
    expect(badName.code).toBe(422);
    expect(badName.status.reason).toBe('Invalid');
    expect(badName.status.message).toMatch(
      /^Deployment.apps "Web_1" is invalid: metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain/,
    );
    expect(badName.status.details).toMatchObject({
      name: 'Web_1',
      group: 'apps',
      kind: 'Deployment',
      causes: [{ reason: 'FieldValueInvalid', field: 'metadata.name' }],
    });

    const negative = await failureOf(
      api.apps.createNamespacedDeployment({
        namespace: 'team-a',
        body: deployment('web', 'team-a', -1),
      }),
    );
    expect(negative.status.message).toBe(
      'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );

    const body = deployment('web', 'team-a');
    body.spec = { ...body.spec, selector: { matchLabels: { app: 'other' } } };
    const mismatch = await raw(
      sandbox,
      'POST',
      '/apis/apps/v1/namespaces/team-a/deployments',
      { body },
    );
    expect(mismatch.body).toMatchObject({
      code: 422,
      message: expect.stringContaining(
        '`selector` does not match template `labels`',
      ),
    });

    const typed = await raw(
      sandbox,
      'POST',
      '/apis/apps/v1/namespaces/team-a/deployments',
      {
        body: {
          ...body,
          spec: { ...deployment('web', 'team-a').spec, replicas: 'two' },
        },
      },
    );
    expect(typed.status).toBe(400);
    expect(typed.body).toMatchObject({
      reason: 'BadRequest',
      message: expect.stringContaining(
        'cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
      ),
    });

    const badAnnotation = await raw(
      sandbox,
      'POST',
      '/apis/apps/v1/namespaces/team-a/deployments',
      {
        body: {
          ...deployment('web', 'team-a'),
          metadata: {
            name: 'web',
            annotations: { 'namespace-scheduler/original-replicas': 2 },
          },
        },
      },
    );
    expect(badAnnotation.status).toBe(400);
  });

  it('replaces objects, bumping generation only on spec changes', async () => {
    await api.apps.createNamespacedDeployment({
      namespace: 'team-a',
      body: deployment('web', 'team-a'),
    });
    await controllersCaughtUp();
    const created = await api.apps.readNamespacedDeployment({
      name: 'web',
      namespace: 'team-a',
    });
    created.metadata = {
      ...created.metadata,
      annotations: { ...created.metadata?.annotations, note: 'hi' },
    };
    const annotated = await api.apps.replaceNamespacedDeployment({
      name: 'web',
      namespace: 'team-a',
      body: created,
    });
    expect(annotated.metadata?.generation).toBe(1);
    expect(Number(annotated.metadata?.resourceVersion)).toBeGreaterThan(
      Number(created.metadata?.resourceVersion),
    );

    annotated.spec!.replicas = 3;
    const scaled = await api.apps.replaceNamespacedDeployment({
      name: 'web',
      namespace: 'team-a',
      body: annotated,
    });
    expect(scaled.metadata?.generation).toBe(2);
    // The response has the status as the controller last wrote it.
    expect(scaled.status?.readyReplicas).toBe(1);
    await controllersCaughtUp();
    const settled = await api.apps.readNamespacedDeployment({
      name: 'web',
      namespace: 'team-a',
    });
    expect(settled.status?.readyReplicas).toBe(3);

    const unchanged = await api.apps.replaceNamespacedDeployment({
      name: 'web',
      namespace: 'team-a',
      body: settled,
    });
    expect(unchanged.metadata?.resourceVersion).toBe(
      settled.metadata?.resourceVersion,
    );

    const missing = await failureOf(
      api.apps.replaceNamespacedDeployment({
        name: 'nope',
        namespace: 'team-a',
        body: deployment('nope', 'team-a') as V1Deployment,
      }),
    );
    expect(missing.code).toBe(404);
    const renamed = await raw(
      sandbox,
      'PUT',
      '/apis/apps/v1/namespaces/team-a/deployments/web',
      { body: deployment('other', 'team-a') },
    );
    expect(renamed.body).toMatchObject({
      code: 400,
      message:
        'the name of the object (other) does not match the name on the URL (web)',
    });
  });

  it('answers 409 Conflict for a stale resourceVersion on PUT and on patch', async () => {
    const created = await api.apps.createNamespacedDeployment({
      namespace: 'team-a',
      body: deployment('web', 'team-a'),
    });
    await api.apps.patchNamespacedDeployment(
      { name: 'web', namespace: 'team-a', body: { spec: { replicas: 2 } } },
      patchAs('application/merge-patch+json'),
    );
    const stalePut = await failureOf(
      api.apps.replaceNamespacedDeployment({
        name: 'web',
        namespace: 'team-a',
        body: created,
      }),
    );
    expect(stalePut.code).toBe(409);
    expect(stalePut.status).toMatchObject({
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
      details: { name: 'web', group: 'apps', kind: 'deployments' },
    });

    const stalePatch = await failureOf(
      api.apps.patchNamespacedDeployment(
        {
          name: 'web',
          namespace: 'team-a',
          body: {
            metadata: { resourceVersion: created.metadata?.resourceVersion },
            spec: { replicas: 0 },
          },
        },
        patchAs('application/merge-patch+json'),
      ),
    );
    expect(stalePatch).toMatchObject({
      code: 409,
      status: { reason: 'Conflict' },
    });
    expect(
      sandbox.store.get('Deployment', 'team-a', 'web')?.spec,
    ).toMatchObject({ replicas: 2 });
  });

  it('deletes objects with a Status, and namespaces with everything in them', async () => {
    await api.apps.createNamespacedDeployment({
      namespace: 'team-a',
      body: deployment('web', 'team-a'),
    });
    const status = await raw(
      sandbox,
      'DELETE',
      '/apis/apps/v1/namespaces/team-a/deployments/web',
    );
    expect(status.body).toMatchObject({
      kind: 'Status',
      status: 'Success',
      details: { name: 'web', group: 'apps', kind: 'deployments' },
    });
    expect(sandbox.store.get('Deployment', 'team-a', 'web')).toBeUndefined();

    await api.apps.createNamespacedDeployment({
      namespace: 'team-a',
      body: deployment('api', 'team-a'),
    });
    const stale = await raw(
      sandbox,
      'DELETE',
      '/apis/apps/v1/namespaces/team-a/deployments/api',
      {
        body: { preconditions: { resourceVersion: '1' } },
      },
    );
    expect(stale.body).toMatchObject({ code: 409, reason: 'Conflict' });

    // client-node types this as a Status; the server answers with the Namespace.
    const ns = await raw(sandbox, 'DELETE', '/api/v1/namespaces/team-a');
    expect(ns.body).toMatchObject({
      kind: 'Namespace',
      status: { phase: 'Terminating' },
    });
    expect(sandbox.store.list('Deployment', 'team-a')).toEqual([]);
    expect(sandbox.store.list('Pod', 'team-a')).toEqual([]);
  });

  it('rejects verbs a resource does not have with 405', async () => {
    const collection = await raw(
      sandbox,
      'DELETE',
      '/apis/apps/v1/namespaces/team-a/deployments',
    );
    expect(collection.body).toMatchObject({
      code: 405,
      reason: 'MethodNotAllowed',
    });
    const createPod = await raw(
      sandbox,
      'POST',
      '/api/v1/namespaces/team-a/pods',
      { body: { metadata: { name: 'p' } } },
    );
    expect(createPod.status).toBe(405);
  });
});

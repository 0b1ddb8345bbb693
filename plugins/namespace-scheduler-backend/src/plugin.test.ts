import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import request from 'supertest';
import {
  SANDBOX_SEED_DIR,
  startPluginBackend,
} from './__testUtils__/startPluginBackend';

jest.setTimeout(60_000);

const shopApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'shop-api',
    namespace: 'default',
    annotations: {
      'namespace-scheduler/namespaces':
        'sandbox/search-sandbox, sandbox/payments-staging, sandbox/not-there, elsewhere/shop-dev',
      'backstage.io/kubernetes-namespace': 'shop-dev',
    },
  },
  spec: { type: 'service', owner: 'team-commerce' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-commerce' }],
};

describe('namespace-scheduler plugin against the Kubernetes sandbox', () => {
  let sandbox: KubeSandbox;

  beforeAll(async () => {
    sandbox = await startKubeSandbox({ seedDir: SANDBOX_SEED_DIR });
  });
  afterAll(() => sandbox.close());

  const startBackend = (
    policy?: (
      resourceRef?: string,
    ) => AuthorizeResult.ALLOW | AuthorizeResult.DENY,
  ) =>
    startPluginBackend({
      sandbox,
      entities: [shopApi],
      policy: policy && ((_permission, resourceRef) => policy(resourceRef)),
    });

  it('lists an entity’s namespaces with the state read from the cluster', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get('/api/namespace-scheduler/entity-namespaces')
      .query({ entityRef: 'component:default/shop-api' });

    expect(res.status).toBe(200);
    const states = Object.fromEntries(
      res.body.items.map(
        (s: { cluster: string; namespace: string; state: string }) => [
          `${s.cluster}/${s.namespace}`,
          s.state,
        ],
      ),
    );
    expect(states).toEqual({
      'sandbox/shop-dev': 'awake',
      'sandbox/search-sandbox': 'asleep',
      'sandbox/payments-staging': 'partial',
      'sandbox/not-there': 'unknown',
      'elsewhere/shop-dev': 'unknown',
    });

    const shopDev = res.body.items.find(
      (s: { namespace: string; cluster: string }) =>
        s.namespace === 'shop-dev' && s.cluster === 'sandbox',
    );
    expect(shopDev.counts.total).toBeGreaterThanOrEqual(4);
    expect(shopDev.workloads).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'Deployment',
          name: 'api-gateway',
          replicas: 2,
        }),
        expect.objectContaining({
          kind: 'StatefulSet',
          name: 'redis',
          replicas: 1,
        }),
      ]),
    );
    const unknownCluster = res.body.items.find(
      (s: { cluster: string }) => s.cluster === 'elsewhere',
    );
    expect(unknownCluster.error).toMatch(/elsewhere/);
  });

  it('answers only with the namespaces the caller may read', async () => {
    const server = await startBackend(ref =>
      ref?.startsWith('sandbox/shop')
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
    );
    const res = await request(server)
      .get('/api/namespace-scheduler/entity-namespaces')
      .query({ entityRef: 'component:default/shop-api' });
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((s: { namespace: string }) => s.namespace),
    ).toEqual(['shop-dev']);
  });

  it('lists every claimed namespace with its claimants', async () => {
    const server = await startBackend();
    const res = await request(server).get(
      '/api/namespace-scheduler/namespaces',
    );
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(5);
    expect(res.body.items[0]).toMatchObject({
      entityRefs: ['component:default/shop-api'],
      ownerRefs: ['group:default/team-commerce'],
    });
  });

  it('refuses unauthenticated callers and bad input, and keeps /health open', async () => {
    const server = await startBackend();
    await request(server)
      .get('/api/namespace-scheduler/entity-namespaces')
      .query({ entityRef: 'component:default/shop-api' })
      .set('Authorization', mockCredentials.none.header())
      .expect(401);

    const missing = await request(server).get(
      '/api/namespace-scheduler/entity-namespaces',
    );
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/entityRef/);

    const unknown = await request(server)
      .get('/api/namespace-scheduler/entity-namespaces')
      .query({ entityRef: 'component:default/nope' });
    expect(unknown.status).toBe(404);

    await request(server)
      .get('/api/namespace-scheduler/health')
      .set('Authorization', mockCredentials.none.header())
      .expect(200, { status: 'ok' });
  });
});

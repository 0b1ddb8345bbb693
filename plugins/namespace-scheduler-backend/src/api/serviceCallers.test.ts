import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { Entity } from '@backstage/catalog-model';
import {
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { PLUGIN_API } from '../__testUtils__/pluginApi';
import {
  componentClaiming,
  SANDBOX_SEED_DIR,
  startPluginBackend,
} from '../__testUtils__/startPluginBackend';

jest.setTimeout(60_000);

const CI_TOKEN = 'ci-shop-token-0123456789';
const OTHER_TOKEN = 'unmapped-token-0123456789';

/** payments-dev belongs to another team than the pipeline's. */
const PAYMENTS: Entity = {
  ...componentClaiming('payments-api', 'sandbox/payments-dev'),
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-payments' }],
};

/** Static external access tokens, the CI pipeline's mapped to team-commerce. */
const EXTERNAL_ACCESS = [
  {
    type: 'static',
    options: { token: CI_TOKEN, subject: 'ci-shop' },
    accessRestrictions: [{ plugin: 'namespace-scheduler' }],
  },
  { type: 'static', options: { token: OTHER_TOKEN, subject: 'ci-other' } },
];

/** The real auth services (not the test backend's mocks), so external access tokens work. */
const REAL_AUTH = [authServiceFactory, httpAuthServiceFactory];

describe('CI pipelines with external access tokens (namespaceScheduler.serviceCallers)', () => {
  let sandbox: KubeSandbox;
  let server: Awaited<ReturnType<typeof startPluginBackend>>;

  const start = (externalAccess: object[], subject: string) =>
    startPluginBackend({
      sandbox,
      entities: [componentClaiming('shop-api', 'sandbox/shop-dev'), PAYMENTS],
      features: REAL_AUTH,
      rootConfig: { backend: { auth: { externalAccess } } },
      config: {
        serviceCallers: [{ subject, actsAs: 'group:default/team-commerce' }],
      },
    });

  const call = (token: string) => ({
    get: (path: string) =>
      request(server)
        .get(`${PLUGIN_API}${path}`)
        .set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object) =>
      request(server)
        .post(`${PLUGIN_API}${path}`)
        .set('Authorization', `Bearer ${token}`)
        .send(body),
  });

  beforeEach(async () => {
    sandbox = await startKubeSandbox({ seedDir: SANDBOX_SEED_DIR });
  });
  afterEach(() => sandbox.close());

  describe('static tokens', () => {
    beforeEach(async () => {
      server = await start(EXTERNAL_ACCESS, 'ci-shop');
    });

    it('wakes and sleeps a namespace of the group it acts as, recorded as who', async () => {
      const ci = call(CI_TOKEN);
      const slept = await ci.post('/namespaces/sandbox/shop-dev/sleep', {
        costCenter: 'CC-1001',
      });
      expect(slept.status).toBe(200);
      expect(slept.body.result.success).toBe(true);
      const woken = await ci.post('/namespaces/sandbox/shop-dev/wake', {
        costCenter: 'CC-1001',
      });
      expect(woken.status).toBe(200);
      expect(woken.body.result.success).toBe(true);

      const activity = await ci.get(`/activities/${woken.body.activityId}`);
      expect(activity.status).toBe(200);
      expect(activity.body.requested_by).toBe(
        'service:ci-shop (as group:default/team-commerce)',
      );
    });

    it("refuses another team's namespace", async () => {
      const refused = await call(CI_TOKEN).post(
        '/namespaces/sandbox/payments-dev/sleep',
        { costCenter: 'CC-1001' },
      );
      expect(refused.status).toBe(403);
    });

    it('lets an unmapped service read, not write, naming the config key', async () => {
      const other = call(OTHER_TOKEN);
      expect((await other.get('/namespaces/sandbox/shop-dev')).status).toBe(
        200,
      );
      const refused = await other.post('/namespaces/sandbox/shop-dev/wake', {
        costCenter: 'CC-1001',
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(
        /namespaceScheduler\.serviceCallers/,
      );
      const schedule = await other.post('/schedules', {
        kind: 'weekly',
        title: 'Office hours',
        cluster: 'sandbox',
        namespace: 'shop-dev',
        cost_center: 'CC-1001',
        zone: 'UTC',
        days: ['mon'],
        from: '08:00',
        to: '18:00',
      });
      expect(schedule.status).toBe(403);
    });

    it('refuses a token restricted to another plugin', async () => {
      await sandbox.close();
      sandbox = await startKubeSandbox({ seedDir: SANDBOX_SEED_DIR });
      server = await start(
        [
          {
            type: 'static',
            options: { token: CI_TOKEN, subject: 'ci-shop' },
            accessRestrictions: [{ plugin: 'catalog' }],
          },
        ],
        'ci-shop',
      );
      const refused = await call(CI_TOKEN).get('/namespaces/sandbox/shop-dev');
      expect(refused.status).toBe(403);
    });
  });

  describe('JWKS tokens', () => {
    let jwks: http.Server;
    let privateKey: KeyObject;

    beforeEach(async () => {
      const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      privateKey = pair.privateKey;
      const key = { ...pair.publicKey.export({ format: 'jwk' }), kid: 'ci' };
      jwks = http.createServer((_req, res) => {
        res.setHeader('Content-Type', 'application/json');
        res.end(
          JSON.stringify({ keys: [{ ...key, alg: 'ES256', use: 'sig' }] }),
        );
      });
      await new Promise<void>(resolve => jwks.listen(0, resolve));
      const { port } = jwks.address() as AddressInfo;
      server = await start(
        [
          {
            type: 'jwks',
            // Not `backstage`: Backstage takes tokens for that audience for user tokens.
            options: {
              url: `http://localhost:${port}/jwks.json`,
              issuer: 'https://ci.example.com',
              audience: 'ci-pipelines',
            },
          },
        ],
        'external:repo:acme/shop',
      );
    });
    afterEach(() => new Promise(resolve => jwks.close(resolve)));

    it('acts as the mapped group with a token the JWKS verifies', async () => {
      const token = signJwt(privateKey, {
        iss: 'https://ci.example.com',
        aud: 'ci-pipelines',
        sub: 'repo:acme/shop',
      });
      const woken = await call(token).post(
        '/namespaces/sandbox/shop-dev/wake',
        { costCenter: 'CC-1001' },
      );
      expect(woken.status).toBe(200);
      const activity = await call(token).get(
        `/activities/${woken.body.activityId}`,
      );
      expect(activity.body.requested_by).toBe(
        'service:external:repo:acme/shop (as group:default/team-commerce)',
      );
      const refused = await call(token).post(
        '/namespaces/sandbox/payments-dev/wake',
        { costCenter: 'CC-1001' },
      );
      expect(refused.status).toBe(403);
    });
  });
});

/** An ES256 JWT, as a CI system's OIDC provider issues them. */
function signJwt(key: KeyObject, claims: Record<string, string>): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (part: object) =>
    Buffer.from(JSON.stringify(part)).toString('base64url');
  const body = `${encode({ alg: 'ES256', kid: 'ci', typ: 'JWT' })}.${encode({
    ...claims,
    iat: now,
    exp: now + 300,
  })}`;
  const signature = sign('sha256', Buffer.from(body), {
    key,
    dsaEncoding: 'ieee-p1363',
  });
  return `${body}.${signature.toString('base64url')}`;
}

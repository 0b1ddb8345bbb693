import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import namespaceSchedulerPlugin from '@namespace-scheduler/backstage-plugin-backend';
import { AddressInfo } from 'node:net';
import namespaceSchedulerPolicy from '@namespace-scheduler/backstage-plugin-backend-module-permission-policy';
import {
  allWeekBusinessHours,
  authWithActors,
  demoConfig,
  demoUserInfo,
} from '../__testUtils__/demoPortal';
import sandboxCluster from './sandboxCluster';

jest.setTimeout(60_000);

/**
 * The authorization matrix of the Namespace Scheduler's routes: anonymous,
 * another team, the owning team and an admin, decided by the demo portal's
 * real policy through the real permission backend, on the example catalog
 * (examples/*.yaml) ingested by the real catalog and the sandbox cluster.
 */

type Identity = 'anonymous' | 'other team' | 'owner' | 'admin';
const HEADERS: Record<Identity, string> = {
  anonymous: mockCredentials.none.header(),
  'other team': mockCredentials.user.header('user:default/bob'),
  owner: mockCredentials.user.header('user:default/alice'),
  admin: mockCredentials.user.header('user:default/carol'),
};

const config = demoConfig({
  permission: { enabled: true },
  namespaceScheduler: {
    adminGroups: ['group:default/platform-team'],
    costCenters: {
      permissions: [
        { costCenter: 'CC-1001', authorized: true },
        { costCenter: 'CC-1002', authorized: true },
      ],
    },
    // Business hours all week: the matrix is about who, not when.
    offHours: allWeekBusinessHours,
  },
});

type Context = { scheduleId: string; activityId: string };
type Route = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: (ctx: Context) => string;
  body?: object;
  /** Expected status for the other team, the owner and the admin (anonymous: 401, /health aside). */
  expect: [number, number, number];
};

const NS = '/namespaces/sandbox/shop-dev';
const dryRun = { costCenter: 'CC-1001', dryRun: true };
const cronTask = {
  kind: 'cron',
  title: 'Morning wake',
  cluster: 'sandbox',
  namespace: 'shop-staging',
  cost_center: 'CC-1001',
  zone: 'Europe/Madrid',
  cron: '0 7 * * 1-5',
  operation: 'wake',
};

const READ: [number, number, number] = [200, 200, 200];
const OWNERS: [number, number, number] = [403, 200, 200];
const ADMINS: [number, number, number] = [403, 403, 200];

/** Every route of the plugin's OpenAPI spec. */
const ROUTES: Record<string, Route> = {
  'GET /clusters': { method: 'GET', path: () => '/clusters', expect: READ },
  'GET /namespaces': { method: 'GET', path: () => '/namespaces', expect: READ },
  'GET /namespaces/{c}/{ns}': { method: 'GET', path: () => NS, expect: READ },
  'POST …/sleep': {
    method: 'POST',
    path: () => `${NS}/sleep`,
    body: dryRun,
    expect: OWNERS,
  },
  'POST …/wake': {
    method: 'POST',
    path: () => `${NS}/wake`,
    body: dryRun,
    expect: OWNERS,
  },
  'POST …/scale': {
    method: 'POST',
    path: () => `${NS}/scale`,
    body: { ...dryRun, replicas: 2 },
    expect: OWNERS,
  },
  'GET …/cost-centers': {
    method: 'GET',
    path: () => `${NS}/cost-centers`,
    expect: READ,
  },
  'GET /entity-namespaces': {
    method: 'GET',
    path: () => '/entity-namespaces?entityRef=component:default/shop-api',
    expect: READ,
  },
  'GET /schedules': { method: 'GET', path: () => '/schedules', expect: READ },
  'POST /schedules': {
    method: 'POST',
    path: () => '/schedules',
    body: cronTask,
    expect: [403, 201, 201],
  },
  'GET /schedules/{id}': {
    method: 'GET',
    path: c => `/schedules/${c.scheduleId}`,
    expect: READ,
  },
  'PUT /schedules/{id}': {
    method: 'PUT',
    path: c => `/schedules/${c.scheduleId}`,
    body: { ...cronTask, title: 'Renamed' },
    expect: OWNERS,
  },
  'POST /schedules/{id}/run': {
    method: 'POST',
    path: c => `/schedules/${c.scheduleId}/run`,
    expect: OWNERS,
  },
  'GET /schedules/{id}/runs': {
    method: 'GET',
    path: c => `/schedules/${c.scheduleId}/runs`,
    expect: READ,
  },
  'GET /schedule-preview': {
    method: 'GET',
    path: () => '/schedule-preview?cluster=sandbox&namespace=shop-staging',
    expect: READ,
  },
  'DELETE /schedules/{id}': {
    method: 'DELETE',
    path: c => `/schedules/${c.scheduleId}`,
    expect: [403, 204, 204],
  },
  'GET /activities (all)': {
    method: 'GET',
    path: () => '/activities',
    expect: ADMINS,
  },
  'GET /activities (one namespace)': {
    method: 'GET',
    path: () => '/activities?cluster=sandbox&namespace=shop-staging',
    expect: READ,
  },
  'GET /activities/{id}': {
    method: 'GET',
    path: c => `/activities/${c.activityId}`,
    expect: READ,
  },
  'GET /cost-centers': {
    method: 'GET',
    path: () => '/cost-centers',
    expect: READ,
  },
  'GET /cost-centers/{cc}/validate': {
    method: 'GET',
    path: () =>
      '/cost-centers/CC-1001/validate?cluster=sandbox&namespace=shop-dev',
    expect: READ,
  },
  'POST /cost-centers/{cc}/permissions': {
    method: 'POST',
    path: () => '/cost-centers/CC-1002/permissions',
    body: { is_authorized: true, note: 'matrix' },
    expect: ADMINS,
  },
  'GET /off-hours': { method: 'GET', path: () => '/off-hours', expect: READ },
  'GET /off-hours/slots': {
    method: 'GET',
    path: () => '/off-hours/slots',
    expect: ADMINS,
  },
};

describe('Namespace Scheduler authorization with the demo policy', () => {
  let baseUrl: string;

  const call = async (identity: Identity, route: Route, ctx: Context) => {
    const res = await fetch(`${baseUrl}${route.path(ctx)}`, {
      method: route.method,
      headers: {
        authorization: HEADERS[identity],
        'content-type': 'application/json',
      },
      body: route.body ? JSON.stringify(route.body) : undefined,
    });
    return {
      status: res.status,
      body: res.status === 204 ? undefined : await res.json(),
    };
  };

  /** A schedule of the owning team and an activity of it, for the routes that need ids. */
  const fixtures = async (): Promise<Context> => {
    const created = await call('admin', ROUTES['POST /schedules'], {
      scheduleId: '',
      activityId: '',
    });
    if (!created.body?.id) {
      throw new Error(
        `create answered ${created.status}: ${JSON.stringify(created.body)}`,
      );
    }
    const ctx = { scheduleId: created.body.id, activityId: '' };
    const run = await call('admin', ROUTES['POST /schedules/{id}/run'], ctx);
    if (!run.body?.activity) {
      throw new Error(
        `run now answered ${run.status}: ${JSON.stringify(run.body)}`,
      );
    }
    return { ...ctx, activityId: run.body.activity.id };
  };

  beforeAll(async () => {
    const { server } = await startTestBackend({
      features: [
        authWithActors,
        demoUserInfo.factory,
        mockServices.rootConfig.factory({ data: config }),
        catalogPlugin,
        permissionPlugin,
        namespaceSchedulerPolicy,
        namespaceSchedulerPlugin,
        sandboxCluster,
      ],
    });
    baseUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/namespace-scheduler`;
    await waitForCatalog(baseUrl);
  });

  it('keeps /health open to everyone', async () => {
    const res = await fetch(`${baseUrl}/health`, {
      headers: { authorization: HEADERS.anonymous },
    });
    expect(res.status).toBe(200);
  });

  it.each<Identity>(['anonymous', 'other team', 'owner', 'admin'])(
    'answers %s as the policy says on every route',
    async identity => {
      const ctx = await fixtures();
      const actual: Record<string, number> = {};
      const expected: Record<string, number> = {};
      const refusals: string[] = [];
      for (const [name, route] of Object.entries(ROUTES)) {
        const { status, body } = await call(identity, route, ctx);
        actual[name] = status;
        if (status === 403) refusals.push(body.error.message);
        expected[name] =
          identity === 'anonymous'
            ? 401
            : route.expect[['other team', 'owner', 'admin'].indexOf(identity)];
      }
      // Refused by the permission framework, not by anything else.
      expect(refusals).toEqual(
        refusals.map(() =>
          expect.stringMatching(/^namespace-scheduler\.[\w.-]+ is not allowed/),
        ),
      );
      expect(actual).toEqual(expected);
    },
  );
});

/** The catalog ingests the example files in the background: wait for the last entity of each, stitched. */
async function waitForCatalog(apiUrl: string) {
  const catalogUrl = apiUrl.replace('/namespace-scheduler', '/catalog');
  const stitched = async (ref: string) => {
    const res = await fetch(`${catalogUrl}/entities/by-name/${ref}`, {
      headers: { authorization: mockCredentials.service.header() },
    });
    return (
      res.ok &&
      ((await res.json()) as { relations?: unknown[] }).relations?.length
    );
  };
  for (let attempt = 0; attempt < 100; attempt++) {
    if (
      (await stitched('user/default/guest')) &&
      (await stitched('component/default/team-wiki'))
    )
      return;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error('The catalog did not ingest the example entities');
}

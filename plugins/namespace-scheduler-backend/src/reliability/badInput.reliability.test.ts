import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import fc from 'fast-check';
import { Knex } from 'knex';
import request from 'supertest';
import {
  componentClaiming,
  SANDBOX_SEED_DIR,
  startPluginBackend,
} from '../__testUtils__/startPluginBackend';
import { publishFigures } from './__testUtils__/figures';
import {
  ApiOperation,
  BadRequest,
  badRequests,
  loadOperations,
  ValidInputs,
} from './__testUtils__/openapiRequests';

jest.setTimeout(600_000);

const SEED = Number(process.env.RELIABILITY_SEED ?? 20261124);
const REQUESTS = Number(process.env.RELIABILITY_BAD_REQUESTS ?? 10_000);
const API = '/api/namespace-scheduler';
const ALICE = mockCredentials.user.header('user:default/alice');
const KINDS = ['Namespace', 'Deployment', 'StatefulSet', 'CronJob'];

type Server = Awaited<ReturnType<typeof startPluginBackend>>;

/** Every table's rows and the sandbox's objects, to compare around each request. */
async function snapshot(knex: Knex, sandbox: KubeSandbox): Promise<string> {
  const tables = await knex('sqlite_master')
    .where({ type: 'table' })
    .andWhereNot('name', 'like', 'knex_%')
    .andWhereNot('name', 'like', 'sqlite_%')
    .pluck('name');
  const rows = await Promise.all(
    tables.sort().map(async table => [table, await knex(table).select()]),
  );
  const objects = KINDS.flatMap(kind => sandbox.store.list(kind));
  return JSON.stringify({ rows, objects });
}

function send(server: Server, bad: BadRequest) {
  const call = request(server)[bad.operation.method](`${API}${bad.url}`);
  if (bad.auth === 'valid') call.set('Authorization', ALICE);
  if (bad.auth === 'garbage') call.set('Authorization', 'Bearer not-a-token');
  for (const [name, value] of Object.entries(bad.headers ?? {})) {
    call.set(name, value);
  }
  if (bad.contentType) call.set('Content-Type', bad.contentType);
  if (bad.body === undefined) return call;
  // An object goes as JSON unless the request names another content type.
  return call.send(
    typeof bad.body === 'string' || !bad.contentType
      ? (bad.body as string | object)
      : JSON.stringify(bad.body),
  );
}

function messageOf(body: unknown): string {
  const error = (body as { error?: { message?: unknown } })?.error;
  return typeof error?.message === 'string' ? error.message : '';
}

describe(`bad input: ${REQUESTS} generated requests over every route`, () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let sandbox: KubeSandbox;

  afterAll(() => sandbox?.close());

  it('answers each with a 4xx naming the problem, never a 5xx, and changes nothing', async () => {
    sandbox = await startKubeSandbox({ seedDir: SANDBOX_SEED_DIR });
    const knex = await databases.init('SQLITE_3');
    const server = await startPluginBackend({
      sandbox,
      entities: [
        componentClaiming('shop', 'sandbox/shop-dev, sandbox/shop-staging'),
      ],
      database: knex,
      // The test backend's default treats a request without credentials as a
      // user's; a real backend does not.
      features: [
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    const ids = await createTargets(server);
    const operations = loadOperations();
    const valid = validInputs(ids);

    const byStatus: Record<string, number> = {};
    const byRoute: Record<string, number> = {};
    const byDefect: Record<string, number> = {};
    let stateChanges = 0;
    let unnamed = 0;
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(badRequests(operations, valid), async bad => {
        const before = await snapshot(knex, sandbox);
        const response = await send(server, bad);
        const after = await snapshot(knex, sandbox);
        const route = `${bad.operation.method.toUpperCase()} ${
          bad.operation.path
        }`;
        byStatus[response.status] = (byStatus[response.status] ?? 0) + 1;
        byRoute[route] = (byRoute[route] ?? 0) + 1;
        const defect = bad.defect.replace(/^(\w+).*?(: .*)?$/, '$1$2');
        byDefect[defect] = (byDefect[defect] ?? 0) + 1;

        const message = messageOf(response.body);
        const verdict = {
          route,
          defect: bad.defect,
          url: bad.url.slice(0, 200),
          status: response.status,
          message: message.slice(0, 300),
          names: bad.names,
          is4xx: response.status >= 400 && response.status < 500,
          named: bad.names.some(name =>
            message.toLowerCase().includes(name.toLowerCase()),
          ),
          unchanged: after === before,
        };
        stateChanges += verdict.unchanged ? 0 : 1;
        unnamed += verdict.named ? 0 : 1;
        expect(verdict).toEqual({
          ...verdict,
          is4xx: true,
          named: true,
          unchanged: true,
        });
      }),
      { numRuns: REQUESTS, seed: SEED, endOnFailure: false },
    );

    publishFigures('bad-input', {
      requests: REQUESTS,
      seed: SEED,
      routes: Object.keys(byRoute).length,
      routesInSpec: operations.length,
      byStatus,
      byDefect,
      responses5xx: Object.entries(byStatus)
        .filter(([status]) => Number(status) >= 500)
        .reduce((sum, [, n]) => sum + n, 0),
      stateChangesFromRejectedRequests: stateChanges,
      messagesNotNamingTheProblem: unnamed,
      elapsedMs: Date.now() - started,
    });
    expect(Object.keys(byRoute).sort()).toEqual(
      operations.map(op => `${op.method.toUpperCase()} ${op.path}`).sort(),
    );
  });
});

/** A schedule and an activity for the routes that address one by id. */
async function createTargets(server: Server) {
  const schedule = await request(server)
    .post(`${API}/schedules`)
    .set('Authorization', ALICE)
    .send({
      kind: 'window',
      title: 'demo day',
      cluster: 'sandbox',
      namespace: 'shop-dev',
      cost_center: 'CC-1001',
      zone: 'Europe/Madrid',
      start: '2027-06-01T08:00',
      end: '2027-06-01T18:00',
    });
  const woken = await request(server)
    .post(`${API}/namespaces/sandbox/shop-dev/wake`)
    .set('Authorization', ALICE)
    .send({ costCenter: 'CC-1001' });
  expect([schedule.status, woken.status]).toEqual([201, 200]);
  return { scheduleId: schedule.body.id, activityId: woken.body.activityId };
}

/** What a well-formed request to each route carries. */
function validInputs(ids: {
  scheduleId: string;
  activityId: string;
}): ValidInputs {
  const params: Record<string, string> = {
    cluster: 'sandbox',
    namespace: 'shop-staging',
    costCenter: 'CC-1001',
    entityRef: 'component:default/shop',
    days: '3',
    limit: '10',
    operation: 'wake',
    status: 'active',
    outcome: 'succeeded',
    from: '2026-11-01T00:00:00Z',
    to: '2026-12-01T00:00:00Z',
    requestedBy: 'user:default/alice',
    cursor: 'abc',
  };
  const bodies: Record<string, Record<string, unknown>> = {
    OperationRequest: { costCenter: 'CC-1001' },
    ScaleRequest: { costCenter: 'CC-1001', replicas: 2 },
    // Valid to create, and to replace the schedule createTargets made (a window
    // cannot become another kind); never due while the test runs.
    ScheduleInput: {
      kind: 'window',
      title: 'release day',
      cluster: 'sandbox',
      namespace: 'shop-dev',
      cost_center: 'CC-1001',
      zone: 'Europe/Madrid',
      start: '2027-07-01T08:00',
      end: '2027-07-01T18:00',
    },
    CostCenterPermissionInput: { is_authorized: true, note: 'reliability' },
    // A candidate the demo seed does not have: imports nothing.
    MigrationImport: {
      items: [
        {
          id: 'kube-green:sandbox/shop-staging:SleepInfo/none',
          cost_center: 'CC-1001',
        },
      ],
    },
  };
  return {
    params: (operation: ApiOperation, name: string) => {
      if (name === 'id') {
        return operation.path.startsWith('/activities')
          ? ids.activityId
          : ids.scheduleId;
      }
      return params[name];
    },
    body: (operation: ApiOperation) => {
      const props = Object.keys(operation.body?.properties ?? {});
      const match = Object.values(bodies).find(
        body =>
          Object.keys(body).every(key => props.includes(key)) &&
          (operation.body?.required ?? []).every(key => key in body),
      );
      return match ?? {};
    },
  };
}

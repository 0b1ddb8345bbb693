import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { OperationType } from '@namespace-scheduler/backstage-plugin-common';
import {
  KubeObject,
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import { KnexActivityStore } from '../activity';
import { migrateUp } from '../database/migrations';
import { operationResult } from '../__testUtils__/fakeEngine';
import {
  componentClaiming,
  startPluginBackend,
  TestPolicy,
} from '../__testUtils__/startPluginBackend';
import { pluginApi } from '../__testUtils__/pluginApi';
import { ActivityEffect } from '@namespace-scheduler/backstage-plugin-node';

jest.setTimeout(60_000);

const CAROL = 'user:default/carol';
const DAY = '2025-03-01';
const at = (time: string) => new Date(`${time}Z`);
/** A query string, encoded as the validator requires. */
const query = (params: Record<string, string>) =>
  `?${new URLSearchParams(params)}`;
const RANGE = query({
  from: `${DAY}T00:00:00Z`,
  to: '2025-03-02T00:00:00Z',
});

/** A team-data component, so cost-b has another owner than cost-a. */
const experiments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'experiments',
    namespace: 'default',
    annotations: { 'namespace-scheduler/namespaces': 'sandbox/cost-b' },
  },
  spec: { type: 'service', owner: 'team-data' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-data' }],
};

function workload(
  kind: 'Deployment' | 'StatefulSet',
  namespace: string,
  name: string,
  spec: { replicas: number; requests: Array<{ cpu: string; memory: string }> },
  annotations: Record<string, string> = {},
): KubeObject {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name, namespace, annotations },
    spec: {
      replicas: spec.replicas,
      ...(kind === 'StatefulSet' && { serviceName: name }),
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: spec.requests.map((requests, i) => ({
            name: `c${i}`,
            image: 'example/app:1',
            resources: { requests },
          })),
        },
      },
    },
  };
}

/**
 * cost-a runs 2 pods of 2 × (250m, 512Mi): 1 core and 2 GiB, 0.12/h at the
 * test prices. cost-b sleeps; its StatefulSet wakes to 3 pods of (1, 2Gi):
 * 3 cores and 6 GiB, 0.36/h; its excluded Deployment never counts.
 */
function seedWorkloads(sandbox: KubeSandbox) {
  for (const name of ['cost-a', 'cost-b', 'cost-c']) {
    sandbox.store.put({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    });
  }
  const half = { cpu: '250m', memory: '512Mi' };
  sandbox.store.put(
    workload('Deployment', 'cost-a', 'web', {
      replicas: 2,
      requests: [half, half],
    }),
  );
  sandbox.store.put(
    workload(
      'StatefulSet',
      'cost-b',
      'db',
      { replicas: 0, requests: [{ cpu: '1', memory: '2Gi' }] },
      { 'namespace-scheduler/original-replicas': '3' },
    ),
  );
  sandbox.store.put(
    workload(
      'Deployment',
      'cost-b',
      'notebook',
      { replicas: 1, requests: [{ cpu: '8', memory: '64Gi' }] },
      { 'namespace-scheduler/exclude': 'true' },
    ),
  );
}

async function record(
  store: KnexActivityStore,
  namespace: string,
  operation: OperationType,
  time: string,
  costCenter: string,
  effect: ActivityEffect = operation === 'wake' ? 'open' : 'close',
) {
  const result = operationResult(
    { operation, cluster: 'sandbox', namespace },
    { errors: effect === 'none' ? ['Deployment web: timed out'] : [] },
  );
  await store.record(
    {
      cluster: 'sandbox',
      namespace,
      operation,
      costCenter,
      requestedBy: 'user:default/alice',
      timestampStart: at(time),
      timestampEnd: at(time),
      result,
    },
    effect,
  );
}

/**
 * cost-a: awake since the day before, asleep 06:00–18:00 (a sleep on
 * CC-1001), awake again from 18:00 on CC-2002; a failed wake changes
 * nothing. cost-b: unknown until a sleep on CC-3001 at 12:00. cost-c: no
 * records, so no hours either way.
 */
async function seedActivity(store: KnexActivityStore) {
  await record(store, 'cost-a', 'wake', '2025-02-28T20:00', 'CC-1001');
  await record(store, 'cost-a', 'sleep', `${DAY}T06:00`, 'CC-1001');
  await record(store, 'cost-a', 'wake', `${DAY}T10:00`, 'CC-9999', 'none');
  await record(store, 'cost-a', 'wake', `${DAY}T18:00`, 'CC-2002');
  await record(store, 'cost-b', 'sleep', `${DAY}T12:00`, 'CC-3001');
  await record(store, 'cost-b', 'wake', '2025-03-02T01:00', 'CC-3001');
}

describe('GET /cost-report against the sandbox', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  let sandbox: KubeSandbox;

  beforeEach(async () => {
    sandbox = await startKubeSandbox({});
    seedWorkloads(sandbox);
  });
  afterEach(() => sandbox.close());

  async function start(databaseId: TestDatabaseId, policy?: TestPolicy) {
    const knex = await databases.init(databaseId);
    await migrateUp(knex);
    await seedActivity(KnexActivityStore.create({ knex }));
    const server = await startPluginBackend({
      sandbox,
      entities: [
        componentClaiming('shop', 'sandbox/cost-a, sandbox/cost-c'),
        experiments,
      ],
      policy,
      database: knex,
      config: {
        costReport: {
          currency: 'EUR',
          prices: { cpuHour: 0.1, gibHour: 0.01 },
        },
      },
    });
    return (search: string) =>
      pluginApi(server, CAROL).get(`/cost-report${search}`);
  }

  it.each(databases.eachSupportedId())(
    'prices awake and asleep hours per namespace, cost center and team, on %p',
    async databaseId => {
      const get = await start(databaseId);
      const response = await get(RANGE);
      expect(response.status).toBe(200);
      const report = response.body;
      expect(report).toMatchObject({
        from: '2025-03-01T00:00:00.000Z',
        to: '2025-03-02T00:00:00.000Z',
        currency: 'EUR',
        prices: { cpu_hour: 0.1, gib_hour: 0.01 },
        totals: {
          awake_hours: 12,
          asleep_hours: 24,
          estimated_cost: 1.44,
          estimated_savings: 5.76,
        },
      });
      expect(report.by_cost_center).toEqual([
        {
          cost_center: 'CC-3001',
          awake_hours: 0,
          asleep_hours: 12,
          estimated_cost: 0,
          estimated_savings: 4.32,
        },
        {
          cost_center: 'CC-1001',
          awake_hours: 6,
          asleep_hours: 12,
          estimated_cost: 0.72,
          estimated_savings: 1.44,
        },
        {
          cost_center: 'CC-2002',
          awake_hours: 6,
          asleep_hours: 0,
          estimated_cost: 0.72,
          estimated_savings: 0,
        },
      ]);
      expect(report.by_team).toEqual([
        {
          team: 'group:default/team-data',
          awake_hours: 0,
          asleep_hours: 12,
          estimated_cost: 0,
          estimated_savings: 4.32,
        },
        {
          team: 'group:default/team-commerce',
          awake_hours: 12,
          asleep_hours: 12,
          estimated_cost: 1.44,
          estimated_savings: 1.44,
        },
      ]);
      const costB = report.lines.find(
        (line: { namespace: string }) => line.namespace === 'cost-b',
      );
      expect(costB).toMatchObject({
        cost_center: 'CC-3001',
        team: 'group:default/team-data',
        cpu_cores: 3,
        memory_gib: 6,
        hourly_price: 0.36,
      });
      expect(
        report.lines.map((l: { namespace: string }) => l.namespace).sort(),
      ).toEqual(['cost-a', 'cost-a', 'cost-b']);
    },
  );

  it('covers the last 30 days by default', async () => {
    const get = await start('SQLITE_3');
    const { body } = await get('');
    expect(Date.parse(body.to) - Date.parse(body.from)).toBe(30 * 86_400_000);
  });

  it('refuses bad ranges naming the field', async () => {
    const get = await start('SQLITE_3');
    const backwards = await get(
      query({ from: '2025-03-02T00:00:00Z', to: '2025-03-01T00:00:00Z' }),
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toBe('to: must be after from');
    const long = await get(
      query({ from: '2024-01-01T00:00:00Z', to: '2025-03-01T00:00:00Z' }),
    );
    expect(long.status).toBe(400);
    expect(long.body.error.message).toBe('to: at most 366 days after from');
    const garbage = await get('?from=yesterday');
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.message).toMatch(/from/);
  });

  it('is for admins only', async () => {
    const get = await start('SQLITE_3', permission =>
      permission === 'namespace-scheduler.activity.read-all'
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    );
    const response = await get(RANGE);
    expect(response.status).toBe(403);
    expect(response.body.error.message).toBe(
      'namespace-scheduler.activity.read-all is not allowed',
    );
  });
});

import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  KubeObject,
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import request from 'supertest';
import { migrateUp } from '../database/migrations';
import {
  deployment,
  namespaceObject,
} from '../engine/__testUtils__/engineSandbox';
import { connectAgain } from '../__testUtils__/runnerInstance';
import {
  componentClaiming,
  startPluginBackend,
} from '../__testUtils__/startPluginBackend';

jest.setTimeout(60_000);

const API = '/api/namespace-scheduler';
const ALICE = mockCredentials.user.header('user:default/alice');
const CAROL = mockCredentials.user.header('user:default/carol');
const COUNT = 100;
const LIMIT = 5;
const names = Array.from(
  { length: COUNT },
  (_, i) => `team-${String(i).padStart(3, '0')}`,
);

/** Every namespace asleep: one Deployment at 0 that wakes to 1. */
const objects: KubeObject[] = names.flatMap(ns => [
  namespaceObject(ns),
  deployment(ns, 'api', 0, { 'namespace-scheduler/original-replicas': '1' }),
]);

/** No business hours at all: it is always off-hours. */
const ALWAYS_OFF_HOURS = {
  offHours: { limit: LIMIT, businessHours: { days: [] } },
  // The runner's boundary step reads all 100 namespaces as each backend starts.
  clusterAccess: { qps: 0 },
  costCenters: {
    permissions: [
      { costCenter: 'CC-1001', authorized: true },
      { costCenter: 'CC-9999', authorized: false, note: 'frozen' },
    ],
  },
};

describe('governance over HTTP: cost centers and the off-hours limit, two instances on PostgreSQL', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
  let sandbox: KubeSandbox;

  beforeAll(async () => {
    sandbox = await startKubeSandbox({ objects });
  });
  afterAll(() => sandbox.close());

  it('lets at most N of 100 concurrent off-hours wakes through, in the database and in the cluster', async () => {
    const knex = await databases.init('POSTGRES_15');
    await migrateUp(knex);
    const other = await connectAgain(knex);
    const teams = componentClaiming(
      'teams',
      names.map(ns => `sandbox/${ns}`).join(', '),
    );
    const entities = [
      {
        ...teams,
        metadata: {
          ...teams.metadata,
          annotations: {
            ...teams.metadata.annotations,
            'namespace-scheduler/cost-centers': 'CC-1001, CC-9999',
          },
        },
      },
    ];
    try {
      const servers = [
        await startPluginBackend({
          sandbox,
          entities,
          config: ALWAYS_OFF_HOURS,
          database: knex,
        }),
        await startPluginBackend({
          sandbox,
          entities,
          config: ALWAYS_OFF_HOURS,
          database: other,
        }),
      ];
      const wake = (i: number) =>
        request(servers[i % 2])
          .post(`${API}/namespaces/sandbox/${names[i]}/wake`)
          .set('Authorization', ALICE)
          .send({ costCenter: 'CC-1001' });

      const started = Date.now();
      const responses = await Promise.all(names.map((_, i) => wake(i)));
      const elapsedMs = Date.now() - started;

      const woken = responses.filter(r => r.status === 200);
      const refused = responses.filter(r => r.status === 409);
      expect(woken).toHaveLength(LIMIT);
      expect(refused).toHaveLength(COUNT - LIMIT);
      expect(refused[0].body.error).toMatchObject({
        name: 'ConflictError',
        message: expect.stringMatching(
          /^Off-hours limit reached: at most 5 namespaces .* the slots are held by sandbox\/team-\d{3} \(user:default\/alice\), /,
        ),
      });
      const slots = await knex('ns_off_hours_slots');
      expect(slots).toHaveLength(LIMIT);
      const running = names.filter(
        ns =>
          (
            sandbox.store.get('Deployment', ns, 'api')?.spec as {
              replicas: number;
            }
          ).replicas > 0,
      );
      expect(running.sort()).toEqual(slots.map(s => s.namespace_name).sort());
      expect(elapsedMs).toBeLessThan(20_000);

      const status = await request(servers[1])
        .get(`${API}/off-hours`)
        .set('Authorization', ALICE);
      expect(status.body).toMatchObject({
        off_hours: true,
        limit: LIMIT,
        used: { global: LIMIT },
      });

      // A schedule keeping another namespace awake off-hours is refused too.
      const schedule = await request(servers[0])
        .post(`${API}/schedules`)
        .set('Authorization', ALICE)
        .send({
          kind: 'weekly',
          title: 'Nightly',
          cluster: 'sandbox',
          namespace: names[99],
          cost_center: 'CC-1001',
          zone: 'UTC',
          days: ['mon'],
          from: '22:00',
          to: '23:00',
        });
      expect(schedule.status).toBe(409);
      expect(schedule.body.error.message).toMatch(
        /^Off-hours limit: at \S+ this schedule would keep 6 namespaces awake across all clusters \(limit 5, .*sandbox\/team-099/,
      );

      // Cost centers: wakes refused with 403s that say why (before the limit's 409), nothing changed.
      const free = names.find(ns => !running.includes(ns))!;
      const operate = (operation: string, costCenter: string) =>
        request(servers[0])
          .post(`${API}/namespaces/sandbox/${free}/${operation}`)
          .set('Authorization', ALICE)
          .send({ costCenter });
      const charge = (costCenter: string) => operate('wake', costCenter);
      expect((await charge('CC-9999')).body.error).toEqual({
        name: 'NotAllowedError',
        message: expect.stringMatching(
          /^Cost center CC-9999 is not authorized \(set by app-config at .*: frozen\)$/,
        ),
      });
      expect((await charge('CC-4242')).body.error.message).toBe(
        `Cost center CC-4242 is not valid for sandbox/${free}: the entities claiming it declare CC-1001, CC-9999; ` +
          'is not authorized: it has no permission record, and cost centers without one are not authorized',
      );
      expect((await charge('CC-9999')).status).toBe(403);
      // A sleep stops charges: a valid cost center is enough, an invalid one is not.
      expect((await operate('sleep', 'CC-9999')).status).toBe(200);
      expect((await operate('sleep', 'CC-4242')).body.error.message).toBe(
        `Cost center CC-4242 is not valid for sandbox/${free}: the entities claiming it declare CC-1001, CC-9999`,
      );
    } finally {
      await other.destroy();
    }
  });

  it('serves the cost-center routes', async () => {
    const knex = await databases.init('POSTGRES_15');
    const entities = [componentClaiming('shop', 'sandbox/team-000')];
    const server = await startPluginBackend({
      sandbox,
      entities,
      database: knex,
    });
    const as = (req: request.Test, header = ALICE) =>
      req.set('Authorization', header);

    const listed = await as(request(server).get(`${API}/cost-centers`));
    expect(
      listed.body.items.map((c: { cost_center: string }) => c.cost_center),
    ).toEqual(['CC-1001', 'CC-2002']);
    expect(listed.body.items[0]).toMatchObject({
      is_authorized: true,
      source: 'default',
      declared_by: [{ entity_ref: 'group:default/team-commerce' }],
      namespaces: [{ cluster: 'sandbox', namespace: 'team-000' }],
    });

    const set = await as(
      request(server).post(`${API}/cost-centers/CC-2002/permissions`),
      CAROL,
    ).send({
      is_authorized: false,
      note: 'over budget',
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      is_authorized: false,
      source: 'record',
      changed_by: 'user:default/carol',
    });

    const forNamespace = await as(
      request(server).get(`${API}/namespaces/sandbox/team-000/cost-centers`),
    );
    expect(forNamespace.body.items).toEqual([
      expect.objectContaining({
        cost_center: 'CC-1001',
        chargeable: true,
        declared_by: [
          {
            entity_ref: 'component:default/shop',
            inherited_from: 'group:default/team-commerce',
          },
        ],
      }),
      expect.objectContaining({ cost_center: 'CC-2002', chargeable: false }),
    ]);

    const validated = await as(
      request(server).get(
        `${API}/cost-centers/CC-2002/validate?cluster=sandbox&namespace=team-000`,
      ),
    );
    expect(validated.body).toMatchObject({
      allowed: false,
      valid: true,
      is_authorized: false,
    });
    expect(validated.body.reasons).toEqual([
      expect.stringMatching(
        /^is not authorized \(set by user:default\/carol at .*: over budget\)$/,
      ),
    ]);

    const bad = await as(
      request(server).post(`${API}/cost-centers/CC-2002/permissions`),
      CAROL,
    ).send({
      is_authorized: 'yes',
      allowed_groups: ['team-a'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/is_authorized/);
    expect(
      (await as(request(server).get(`${API}/cost-centers/CC 1/validate`)))
        .status,
    ).toBe(400);
    expect(
      (
        await as(
          request(server).get(
            `${API}/cost-centers/CC-1/validate?cluster=sandbox`,
          ),
        )
      ).body.error.message,
    ).toBe('namespace: give cluster and namespace together');
    expect(
      (
        await as(
          request(server).get(`${API}/namespaces/sandbox/nope/cost-centers`),
        )
      ).status,
    ).toBe(404);
  });
});

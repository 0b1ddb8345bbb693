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
import { publishFigures } from './__testUtils__/figures';

jest.setTimeout(300_000);

const API = '/api/namespace-scheduler';
const ALICE = mockCredentials.user.header('user:default/alice');
const WAKES = 100;
const LIMITS = [1, 5, 20];
const names = Array.from(
  { length: WAKES },
  (_, i) => `team-${String(i).padStart(3, '0')}`,
);

/** Every namespace asleep: one Deployment at 0 that wakes to 1. */
const objects: KubeObject[] = names.flatMap(ns => [
  namespaceObject(ns),
  deployment(ns, 'api', 0, { 'namespace-scheduler/original-replicas': '1' }),
]);

const entities = [
  componentClaiming('teams', names.map(ns => `sandbox/${ns}`).join(', ')),
];

/** No business hours at all: it is always off-hours. */
const offHoursConfig = (limit: number) => ({
  offHours: { limit, businessHours: { days: [] } },
  // The runner's boundary step reads all namespaces as each backend starts.
  clusterAccess: { qps: 0 },
});

function awakeIn(sandbox: KubeSandbox): number {
  return names.filter(
    ns =>
      (sandbox.store.get('Deployment', ns, 'api')?.spec as { replicas: number })
        .replicas > 0,
  ).length;
}

describe(`off-hours limit: ${WAKES} concurrent wakes on two backends sharing PostgreSQL`, () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
  const rounds: object[] = [];

  afterAll(() =>
    publishFigures('off-hours-concurrency', { wakes: WAKES, rounds }),
  );

  it.each(LIMITS)('never has more than N = %i awake', async limit => {
    const sandbox = await startKubeSandbox({ objects, latencyMs: 2 });
    const knex = await databases.init('POSTGRES_15');
    await migrateUp(knex);
    const other = await connectAgain(knex);
    try {
      const config = offHoursConfig(limit);
      const servers = [
        await startPluginBackend({ sandbox, entities, config, database: knex }),
        await startPluginBackend({
          sandbox,
          entities,
          config,
          database: other,
        }),
      ];
      // The live count, sampled all through the burst, not only at its end.
      let peak = 0;
      const sampler = setInterval(() => {
        peak = Math.max(peak, awakeIn(sandbox));
      }, 1);
      const started = Date.now();
      const responses = await Promise.all(
        names.map((ns, i) =>
          request(servers[i % 2])
            .post(`${API}/namespaces/sandbox/${ns}/wake`)
            .set('Authorization', ALICE)
            .send({ costCenter: 'CC-1001' }),
        ),
      );
      const elapsedMs = Date.now() - started;
      clearInterval(sampler);
      peak = Math.max(peak, awakeIn(sandbox));

      const statuses = responses.map(r => r.status);
      const slots = await knex('ns_off_hours_slots');
      rounds.push({
        limit,
        woken: statuses.filter(s => s === 200).length,
        refused409: statuses.filter(s => s === 409).length,
        other: statuses.filter(s => s !== 200 && s !== 409).length,
        peakAwakeInCluster: peak,
        slotsHeld: slots.length,
        elapsedMs,
      });
      expect(peak).toBeLessThanOrEqual(limit);
      expect(statuses.filter(s => s === 200)).toHaveLength(limit);
      expect(statuses.filter(s => s === 409)).toHaveLength(WAKES - limit);
      expect(slots).toHaveLength(limit);
      expect(awakeIn(sandbox)).toBe(limit);
    } finally {
      await other.destroy();
      await sandbox.close();
    }
  });
});

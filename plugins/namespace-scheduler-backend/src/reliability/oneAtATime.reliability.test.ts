import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type { OperationResult } from '@namespace-scheduler/backstage-plugin-common';
import {
  describeOnRealControlPlane,
  globalControlPlane,
} from '@namespace-scheduler/kube-harness';
import request from 'supertest';
import { migrateUp } from '../database/migrations';
import {
  adminClients,
  createAsleepNamespace,
  liveDeployments,
  uniformState,
} from '../__testUtils__/realNamespaces';
import { connectAgain } from '../__testUtils__/runnerInstance';
import {
  componentClaiming,
  startPluginBackend,
} from '../__testUtils__/startPluginBackend';
import { publishFigures } from './__testUtils__/figures';

/**
 * Issue 14's "one operation per namespace at a time, across replicas": 100
 * sleeps and wakes of one namespace sent at once to two backend instances
 * sharing PostgreSQL, against the real kube-apiserver. The namespace is never
 * left mixed, operations that ran never overlapped, and every answer that is
 * not a 409 is true to the cluster.
 */
jest.setTimeout(300_000);

const API = '/api/namespace-scheduler';
const ALICE = mockCredentials.user.header('user:default/alice');
const REQUESTS = 100;
const WORKLOADS = 20;
const NS = 'one-at-a-time';

describeOnRealControlPlane(
  `${REQUESTS} concurrent sleeps and wakes of one namespace on two backends sharing PostgreSQL`,
  () => {
    const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

    it('never leaves it mixed; every answer but 409 is true to the cluster', async () => {
      const plane = globalControlPlane();
      const clients = adminClients(plane.kubeConfigYaml());
      await createAsleepNamespace(clients, NS, WORKLOADS);
      const knex = await databases.init('POSTGRES_15');
      await migrateUp(knex);
      const entities = [componentClaiming('one', `sandbox/${NS}`)];
      const servers = [
        await startPluginBackend({ sandbox: plane, entities, database: knex }),
        await startPluginBackend({
          sandbox: plane,
          entities,
          database: await connectAgain(knex),
        }),
      ];

      const started = Date.now();
      const responses = await Promise.all(
        Array.from({ length: REQUESTS }, (_, i) =>
          request(servers[i % 2])
            .post(`${API}/namespaces/sandbox/${NS}/${i % 3 ? 'wake' : 'sleep'}`)
            .set('Authorization', ALICE)
            .send({ costCenter: 'CC-1001' }),
        ),
      );
      const elapsedMs = Date.now() - started;

      const ran = responses.filter(r => r.status === 200);
      const refused = responses.filter(r => r.status === 409);
      expect(ran.length + refused.length).toBe(REQUESTS);
      expect(ran.length).toBeGreaterThan(0);
      for (const r of refused) {
        expect(r.body.error.message).toMatch(
          /is busy: a (sleep|wake) requested by user:default\/alice at .* is in progress/,
        );
      }

      // Each operation that ran had the namespace to itself: all or nothing.
      const results: OperationResult[] = ran.map(r => r.body.result);
      for (const result of results) {
        expect(result.success).toBe(true);
        expect([0, WORKLOADS]).toContain(result.total_scaled);
      }
      const intervals = results
        .map(r => [Date.parse(r.started_at), Date.parse(r.finished_at)])
        .sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < intervals.length; i++) {
        expect(intervals[i][0]).toBeGreaterThanOrEqual(intervals[i - 1][1]);
      }

      // The last operation to finish says what is on the cluster.
      const last = results.reduce((a, b) =>
        Date.parse(a.finished_at) > Date.parse(b.finished_at) ? a : b,
      );
      const live = uniformState(await liveDeployments(clients, NS));
      expect(live).toBe(last.operation === 'sleep' ? 'asleep' : 'awake');

      const activities = await request(servers[0])
        .get(`${API}/activities`)
        .query({ cluster: 'sandbox', namespace: NS, limit: 200 })
        .set('Authorization', ALICE);
      expect(activities.body.items).toHaveLength(ran.length);

      publishFigures('one-at-a-time', {
        requests: REQUESTS,
        workloads: WORKLOADS,
        ran: ran.length,
        refused409: refused.length,
        finalState: live,
        elapsedMs,
      });
    });
  },
);

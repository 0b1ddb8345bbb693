import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import request from 'supertest';
import {
  componentClaiming,
  SANDBOX_SEED_DIR,
  startPluginBackend,
} from '../__testUtils__/startPluginBackend';
import { PLUGIN_API, pluginApi } from '../__testUtils__/pluginApi';
import { officeHours as office } from '../__testUtils__/scheduleBodies';

jest.setTimeout(60_000);


describe('audit events of writes, through the plugin on the sandbox', () => {
  let sandbox: KubeSandbox;

  beforeAll(async () => {
    sandbox = await startKubeSandbox({ seedDir: SANDBOX_SEED_DIR });
  });
  afterAll(() => sandbox.close());

  async function start(denyWrites = false) {
    const auditor = mockServices.auditor.mock();
    const server = await startPluginBackend({
      sandbox,
      entities: [componentClaiming('shop-api', 'sandbox/shop-dev')],
      features: [auditor.factory],
      ...(denyWrites && {
        policy: permission =>
          permission === 'namespace-scheduler.schedule.manage'
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }),
    });
    /** Each event: what createEvent was given, and how it ended. */
    const events = async () =>
      Promise.all(
        auditor.createEvent.mock.calls.map(async ([options], i) => {
          const event = await auditor.createEvent.mock.results[i].value;
          return {
            eventId: options.eventId,
            severityLevel: options.severityLevel,
            meta: options.meta,
            succeeded: event.success.mock.calls.map(([p]: any[]) => p?.meta),
            failed: event.fail.mock.calls.map(([p]: any[]) => p?.meta),
          };
        }),
      );
    return { server, api: pluginApi(server), events };
  }

  it('records a schedule created (and a dry run, marked), replaced and deleted and a namespace operation, each succeeded with its status; not reads', async () => {
    const { api, events } = await start();
    expect((await api.get('/schedules')).status).toBe(200);
    expect((await api.post('/schedules?dryRun=true', office)).status).toBe(
      200,
    );
    const created = await api.post('/schedules', office);
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(
      (await api.put(`/schedules/${id}`, { ...office, to: '19:00' })).status,
    ).toBe(200);
    expect(
      (
        await api.post('/namespaces/sandbox/shop-dev/sleep', {
          costCenter: 'CC-1001',
        })
      ).status,
    ).toBe(200);
    expect((await api.del(`/schedules/${id}`)).status).toBe(204);

    await waitFor(async () => expect(await events()).toHaveLength(5));
    expect(await events()).toEqual([
      {
        eventId: 'schedule-create',
        severityLevel: 'medium',
        meta: {},
        succeeded: [{ status: 200, dryRun: true }],
        failed: [],
      },
      {
        eventId: 'schedule-create',
        severityLevel: 'medium',
        meta: {},
        succeeded: [{ status: 201 }],
        failed: [],
      },
      {
        eventId: 'schedule-replace',
        severityLevel: 'medium',
        meta: { scheduleId: id },
        succeeded: [{ status: 200 }],
        failed: [],
      },
      {
        eventId: 'namespace-operation',
        severityLevel: 'medium',
        meta: { cluster: 'sandbox', namespace: 'shop-dev', operation: 'sleep' },
        succeeded: [{ status: 200 }],
        failed: [],
      },
      {
        eventId: 'schedule-delete',
        severityLevel: 'medium',
        meta: { scheduleId: id },
        succeeded: [{ status: 204 }],
        failed: [],
      },
    ]);
  });

  it('records refused writes as failed with their status: a denied permission, and no credentials', async () => {
    const { server, api, events } = await start(true);
    expect((await api.post('/schedules', office)).status).toBe(403);
    const anonymous = await request(server)
      .post(`${PLUGIN_API}/schedules`)
      .send(office);
    expect([401, 403]).toContain(anonymous.status);
    await waitFor(async () =>
      expect((await events()).flatMap(e => e.failed)).toHaveLength(2),
    );
    expect(await events()).toEqual([
      expect.objectContaining({
        eventId: 'schedule-create',
        succeeded: [],
        failed: [{ status: 403 }],
      }),
      expect.objectContaining({
        eventId: 'schedule-create',
        succeeded: [],
        failed: [{ status: anonymous.status }],
      }),
    ]);
  });

  it("with Backstage's own auditor: a write goes through, an invalid token gets the route's 401, not a 500", async () => {
    const server = await startPluginBackend({
      sandbox,
      entities: [componentClaiming('shop-api', 'sandbox/shop-dev')],
    });
    expect(
      (await pluginApi(server).post('/schedules', office)).status,
    ).toBe(201);
    const forged = await request(server)
      .post(`${PLUGIN_API}/schedules`)
      .set('Authorization', 'Bearer not-a-token')
      .send(office);
    expect(forged.status).toBe(401);
  });
});

/** The event ends when the answer's connection closes, just after the response. */
async function waitFor(check: () => Promise<void>) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await check();
    } catch (error) {
      if (attempt === 50) throw error;
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  }
}

import { MockFetchApi, registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { errorResponse, PLUGIN } from '../__testUtils__';
import { NamespaceSchedulerClient } from './NamespaceSchedulerClient';

describe('NamespaceSchedulerClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new NamespaceSchedulerClient({
    discoveryApi: { getBaseUrl: async () => PLUGIN },
    fetchApi: new MockFetchApi(),
  });
  const target = { cluster: 'eu west', namespace: 'shop-dev' };

  it('posts an operation without its name to the operation route', async () => {
    let seen: { url: string; body: unknown } | undefined;
    server.use(
      http.post(
        `${PLUGIN}/namespaces/:cluster/:namespace/scale`,
        async ({ request }) => {
          seen = { url: request.url, body: await request.json() };
          return HttpResponse.json({ result: { operation: 'scale' } });
        },
      ),
    );
    await client.runOperation(target, {
      operation: 'scale',
      replicas: 2,
      costCenter: 'CC-1',
      dryRun: true,
    });
    expect(seen).toEqual({
      url: `${PLUGIN}/namespaces/eu%20west/shop-dev/scale`,
      body: { replicas: 2, costCenter: 'CC-1', dryRun: true },
    });
  });

  it('queries schedules and activities, leaving out empty filters', async () => {
    const urls: string[] = [];
    const record = ({ request }: { request: Request }) => {
      urls.push(request.url.replace(PLUGIN, ''));
      return HttpResponse.json({ items: [] });
    };
    server.use(
      http.get(`${PLUGIN}/schedules`, record),
      http.get(`${PLUGIN}/activities`, record),
    );
    await client.listSchedules(target);
    await client.listActivities({
      ...target,
      operation: 'wake',
      costCenter: '',
      cursor: 'c2',
    });
    expect(urls).toEqual([
      '/schedules?cluster=eu+west&namespace=shop-dev',
      '/activities?cluster=eu+west&namespace=shop-dev&operation=wake&cursor=c2',
    ]);
  });

  it("reads an entity's declared schedules and what became of them", async () => {
    const urls: string[] = [];
    const state = {
      entity_ref: 'component:default/search-service',
      text: 'search-dev: Mon-Fri 07:00-20:00 Europe/Madrid',
      cluster: 'sandbox',
      namespace: 'search-dev',
      status: 'applied',
      schedule_id: 'd1',
      checked_at: '2026-12-03T15:00:00Z',
    };
    server.use(
      http.get(`${PLUGIN}/declared-schedules`, ({ request }) => {
        urls.push(request.url.replace(PLUGIN, ''));
        return HttpResponse.json({ items: [state] });
      }),
    );
    expect(
      await client.listDeclaredSchedules('component:default/search-service'),
    ).toEqual([state]);
    expect(urls).toEqual([
      '/declared-schedules?entityRef=component%3Adefault%2Fsearch-service',
    ]);
  });

  it("reads an entity's awake hours per day in one request", async () => {
    const urls: string[] = [];
    const day = { date: '2026-11-23', hours: 1, namespaces: { 'a/b': 1 } };
    server.use(
      http.get(`${PLUGIN}/awake-hours`, ({ request }) => {
        urls.push(request.url.replace(PLUGIN, ''));
        return HttpResponse.json({ items: [day] });
      }),
    );
    expect(
      await client.getAwakeHours('component:default/shop-api', {
        days: 14,
        zone: 'Europe/Madrid',
      }),
    ).toEqual({ items: [day], unrecorded: [] });
    expect(urls).toEqual([
      '/awake-hours?entityRef=component%3Adefault%2Fshop-api&days=14&zone=Europe%2FMadrid',
    ]);
  });

  it('creates, replaces and deletes schedules', async () => {
    const calls: string[] = [];
    server.use(
      http.post(`${PLUGIN}/schedules`, async ({ request }) => {
        calls.push(`POST ${JSON.stringify(await request.json())}`);
        return HttpResponse.json({ id: 's1' }, { status: 201 });
      }),
      http.put(`${PLUGIN}/schedules/:id`, ({ params }) => {
        calls.push(`PUT ${params.id}`);
        return HttpResponse.json({ id: params.id });
      }),
      http.delete(`${PLUGIN}/schedules/:id`, ({ params }) => {
        calls.push(`DELETE ${params.id}`);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const input = {
      kind: 'override' as const,
      title: 'Hold',
      cluster: 'sandbox',
      namespace: 'shop-dev',
      cost_center: 'CC-1',
      zone: 'UTC',
      operation: 'wake' as const,
    };
    expect(await client.createSchedule(input)).toEqual({ id: 's1' });
    await client.replaceSchedule('s/1', input);
    await expect(client.deleteSchedule('s1')).resolves.toBeUndefined();
    expect(calls).toEqual([
      `POST ${JSON.stringify(input)}`,
      'PUT s/1',
      'DELETE s1',
    ]);
  });

  it("reads a namespace's cost centers and the off-hours limit", async () => {
    const urls: string[] = [];
    server.use(
      http.get(
        `${PLUGIN}/namespaces/:cluster/:namespace/cost-centers`,
        ({ request }) => {
          urls.push(request.url.replace(PLUGIN, ''));
          return HttpResponse.json({ items: [{ cost_center: 'CC-1' }] });
        },
      ),
      http.get(`${PLUGIN}/off-hours`, () =>
        HttpResponse.json({ off_hours: true }),
      ),
    );
    expect(await client.listNamespaceCostCenters(target)).toEqual([
      { cost_center: 'CC-1' },
    ]);
    expect(await client.getOffHours()).toEqual({ off_hours: true });
    expect(urls).toEqual(['/namespaces/eu%20west/shop-dev/cost-centers']);
  });

  it('throws the server error with its status and message', async () => {
    server.use(
      http.delete(`${PLUGIN}/schedules/:id`, () =>
        errorResponse(404, 'No schedule with id s9'),
      ),
    );
    const error = await client.deleteSchedule('s9').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.cause.message).toBe('No schedule with id s9');
  });
});

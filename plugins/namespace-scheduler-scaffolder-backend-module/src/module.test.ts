import {
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';
// The actions are tested against the real plugin they call.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import namespaceSchedulerPlugin from '@namespace-scheduler/backstage-plugin-backend';
import { namespaceSchedulerClustersExtensionPoint } from '@namespace-scheduler/backstage-plugin-node';
import {
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import path from 'node:path';
import request from 'supertest';
import scaffolderModule from '.';

jest.setTimeout(60_000);

const ALICE = 'user:default/alice';

/** A Component of `owner` claiming `namespace` on the sandbox, charged to `costCenters`. */
function component(
  name: string,
  owner: string,
  namespace: string,
  costCenters: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'namespace-scheduler/namespaces': `sandbox/${namespace}`,
        'namespace-scheduler/cost-centers': costCenters,
      },
    },
    spec: { type: 'service', owner },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
  };
}

const ENTITIES = [
  component('shop-api', 'team-commerce', 'shop-dev', 'CC-1001'),
  component('shop-web', 'team-commerce', 'shop-staging', 'CC-1001'),
  component('payments-api', 'team-payments', 'payments-dev', 'CC-2001'),
  component('ml-notebooks', 'team-commerce', 'ml-experiments', 'CC-9999'),
];

/** As the demo's policy decides for alice (team-commerce): another team's namespaces are read-only. */
function policy(permission: string, resourceRef?: string) {
  const changes =
    permission === 'namespace-scheduler.namespace.operate' ||
    permission === 'namespace-scheduler.schedule.manage';
  return changes && resourceRef === 'sandbox/payments-dev'
    ? AuthorizeResult.DENY
    : AuthorizeResult.ALLOW;
}

/** Catches the actions the module adds, as the scaffolder would. */
function scaffolderCatching(actions: TemplateAction<any, any, any>[]) {
  return createBackendPlugin({
    pluginId: 'scaffolder',
    register(reg) {
      reg.registerExtensionPoint(scaffolderActionsExtensionPoint, {
        addActions: (...added) => actions.push(...added),
      });
      reg.registerInit({ deps: {}, async init() {} });
    },
  });
}

describe('the scaffolder actions against the plugin', () => {
  let sandbox: KubeSandbox;
  let server: Parameters<typeof request>[0];
  const actions: TemplateAction<any, any, any>[] = [];

  beforeAll(async () => {
    sandbox = await startKubeSandbox({
      seedDir: path.resolve(__dirname, '../../../examples/sandbox'),
    });
    const sandboxCluster = createBackendModule({
      pluginId: 'namespace-scheduler',
      moduleId: 'test-sandbox',
      register(reg) {
        reg.registerInit({
          deps: { clusters: namespaceSchedulerClustersExtensionPoint },
          async init({ clusters }) {
            clusters.addCluster({
              name: 'sandbox',
              kubeConfig: sandbox.kubeConfigYaml(),
            });
          },
        });
      },
    });
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => ({
          result: policy(
            r.permission.name,
            'resourceRef' in r ? r.resourceRef : undefined,
          ),
        })),
    });
    const backend = await startTestBackend({
      features: [
        namespaceSchedulerPlugin,
        sandboxCluster,
        permissions.factory,
        catalogServiceMock.factory({ entities: ENTITIES }),
        mockServices.rootConfig.factory({
          data: {
            namespaceScheduler: {
              defaultCluster: 'sandbox',
              costCenters: {
                permissions: [
                  { costCenter: 'CC-1001', authorized: true },
                  { costCenter: 'CC-2001', authorized: true },
                  { costCenter: 'CC-9999', authorized: false },
                ],
              },
              // Business hours all week: no off-hours limit in the way.
              offHours: {
                businessHours: {
                  days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
                  start: '00:00',
                  end: '24:00',
                },
              },
            },
          },
        }),
        scaffolderModule,
        scaffolderCatching(actions),
      ],
    });
    server = backend.server;
  });
  afterAll(() => sandbox.close());

  /** Runs action `id` as alice; resolves to its outputs. */
  async function run(id: string, input: JsonObject, isDryRun = false) {
    const action = actions.find(a => a.id === id);
    if (!action) throw new Error(`No action ${id}`);
    const context = {
      ...createMockActionContext({ input }),
      isDryRun,
      getInitiatorCredentials: async () => mockCredentials.user(ALICE),
    };
    await action.handler(context);
    const calls = (context.output as jest.Mock).mock.calls;
    return Object.fromEntries(calls);
  }

  const api = (apiPath: string) =>
    request(server)
      .get(`/api/namespace-scheduler${apiPath}`)
      .set('Authorization', mockCredentials.user.header(ALICE));

  /** What nothing but a real run may change: schedules, activity, live state. */
  const written = async (namespace: string) => ({
    schedules: (await api(`/schedules?namespace=${namespace}`)).body.items,
    activity: (await api('/activities')).body.items,
    state: (await api(`/namespaces/sandbox/${namespace}`)).body.state,
  });

  const officeHours = {
    namespace: 'shop-staging',
    title: 'Office hours',
    costCenter: 'CC-1001',
    zone: 'Europe/Madrid',
    days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
    from: '08:00',
    to: '19:00',
  };

  it('adds the three actions to the scaffolder', () => {
    expect(actions.map(a => a.id).sort()).toEqual([
      'namespace-scheduler:schedule:create',
      'namespace-scheduler:sleep',
      'namespace-scheduler:wake',
    ]);
    expect(actions.every(a => a.supportsDryRun)).toBe(true);
  });

  it('a dry run of schedule:create checks it and saves nothing', async () => {
    const before = await written('shop-staging');
    expect(before).toMatchObject({ schedules: [], activity: [] });
    const outputs = await run(
      'namespace-scheduler:schedule:create',
      officeHours,
      true,
    );
    expect(outputs).toEqual({
      nextRun: expect.stringMatching(/T(08|19):00:00\.000\+01:00$/),
      nextOperation: expect.stringMatching(/^(wake|sleep)$/),
    });
    expect(await written('shop-staging')).toEqual(before);
  });

  it('creates a weekly schedule as the owner, on the default cluster', async () => {
    const outputs = await run(
      'namespace-scheduler:schedule:create',
      officeHours,
    );
    expect(outputs.scheduleId).toEqual(expect.any(String));
    const stored = await api(`/schedules/${outputs.scheduleId}`);
    expect(stored.body).toMatchObject({
      kind: 'weekly',
      cluster: 'sandbox',
      namespace: 'shop-staging',
      cost_center: 'CC-1001',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      created_by: ALICE,
    });
    // The API's refusal is the step's: the same window overlaps itself.
    await expect(
      run('namespace-scheduler:schedule:create', officeHours),
    ).rejects.toThrow(/overlaps/);
  });

  it('refuses a schedule that is neither a weekly window nor a cron task', async () => {
    await expect(
      run('namespace-scheduler:schedule:create', {
        ...officeHours,
        cron: '0 7 * * 1-5',
      }),
    ).rejects.toThrow(/weekly window or a cron task/);
  });

  it('sleeps and wakes a namespace; a dry run changes nothing', async () => {
    const before = await written('shop-dev');
    expect(before.state).toBe('awake');
    const planned = await run(
      'namespace-scheduler:sleep',
      { namespace: 'shop-dev', costCenter: 'CC-1001' },
      true,
    );
    expect(planned).toMatchObject({ success: true, state: 'awake' });
    expect(planned.totalScaled).toBeGreaterThan(0);
    expect(await written('shop-dev')).toEqual(before);

    const slept = await run('namespace-scheduler:sleep', {
      namespace: 'shop-dev',
      costCenter: 'CC-1001',
    });
    expect(slept).toMatchObject({ success: true, state: 'asleep' });
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const woken = await run('namespace-scheduler:wake', {
      cluster: 'sandbox',
      namespace: 'shop-dev',
      costCenter: 'CC-1001',
      until,
    });
    expect(woken).toMatchObject({
      success: true,
      state: 'awake',
      scheduleId: expect.any(String),
    });
    const activity = (await api('/activities')).body.items;
    expect(activity.slice(0, 2)).toMatchObject([
      { operation: 'wake', requested_by: ALICE },
      { operation: 'sleep', requested_by: ALICE },
    ]);
  });

  it("refuses another team's namespace, with the API's message", async () => {
    const before = await written('payments-dev');
    await expect(
      run('namespace-scheduler:sleep', {
        namespace: 'payments-dev',
        costCenter: 'CC-2001',
      }),
    ).rejects.toThrow(/not allowed on sandbox\/payments-dev/);
    await expect(
      run(
        'namespace-scheduler:schedule:create',
        { ...officeHours, namespace: 'payments-dev', costCenter: 'CC-2001' },
        true,
      ),
    ).rejects.toThrow(/not allowed on sandbox\/payments-dev/);
    expect(await written('payments-dev')).toEqual(before);
  });

  it('refuses an unauthorized cost center, also in a dry run', async () => {
    await run('namespace-scheduler:sleep', {
      namespace: 'ml-experiments',
      costCenter: 'CC-9999',
    });
    const before = await written('ml-experiments');
    for (const dryRun of [true, false]) {
      await expect(
        run(
          'namespace-scheduler:wake',
          { namespace: 'ml-experiments', costCenter: 'CC-9999' },
          dryRun,
        ),
      ).rejects.toThrow(/CC-9999/);
    }
    expect(await written('ml-experiments')).toEqual(before);
  });
});

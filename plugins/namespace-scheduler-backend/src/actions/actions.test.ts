import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import request from 'supertest';
import { ALICE, PLUGIN_API } from '../__testUtils__/pluginApi';
import {
  componentClaiming,
  SANDBOX_SEED_DIR,
  startPluginBackend,
} from '../__testUtils__/startPluginBackend';

jest.setTimeout(60_000);

const ACTIONS = `${PLUGIN_API}/.backstage/actions/v1/actions`;

/** A component of `owner` claiming `namespace`, declaring CC-1001 and CC-9999. */
function component(name: string, namespace: string, owner: string): Entity {
  const entity = componentClaiming(name, `sandbox/${namespace}`);
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        ...entity.metadata.annotations,
        'namespace-scheduler/cost-centers': 'CC-1001, CC-9999',
      },
    },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

/** Alice owns shop-dev; payments-dev is another team's (its owners alone may change it). */
const ENTITIES = [
  component('shop-api', 'shop-dev', ALICE),
  component('payments-api', 'payments-dev', 'group:default/team-payments'),
];

const OFFICE_HOURS = {
  kind: 'weekly',
  title: 'Office hours',
  cluster: 'sandbox',
  namespace: 'shop-dev',
  cost_center: 'CC-1001',
  zone: 'Europe/Madrid',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '08:00',
  to: '19:00',
};

describe('actions (the actions registry, as MCP clients call them)', () => {
  let sandbox: KubeSandbox;
  let server: Awaited<ReturnType<typeof startPluginBackend>>;

  beforeEach(async () => {
    sandbox = await startKubeSandbox({ seedDir: SANDBOX_SEED_DIR });
    server = await startPluginBackend({
      sandbox,
      entities: ENTITIES,
      // The real registry: its HTTP endpoints are what the MCP backend calls.
      features: [actionsRegistryServiceFactory],
      config: {
        costCenters: {
          permissions: [
            { costCenter: 'CC-1001', authorized: true },
            { costCenter: 'CC-9999', authorized: false, note: 'frozen' },
          ],
        },
      },
      policy: (permission, ref) =>
        permission !== 'namespace-scheduler.namespace.read' &&
        ref === 'sandbox/payments-dev'
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    });
  });
  afterEach(() => sandbox.close());

  const invoke = (name: string, input: object) =>
    request(server)
      .post(`${ACTIONS}/namespace-scheduler:${name}/invoke`)
      .set('Authorization', mockCredentials.user.header(ALICE))
      .send(input);

  it('registers each action with its attributes', async () => {
    const listed = await request(server)
      .get(ACTIONS)
      .set('Authorization', mockCredentials.user.header(ALICE));
    expect(listed.status).toBe(200);
    const actions = Object.fromEntries(
      listed.body.actions.map((a: { name: string; attributes: object }) => [
        a.name,
        a.attributes,
      ]),
    );
    expect(actions).toEqual({
      'list-namespaces': {
        readOnly: true,
        destructive: false,
        idempotent: true,
      },
      'list-schedules': {
        readOnly: true,
        destructive: false,
        idempotent: true,
      },
      'create-schedule': {
        readOnly: false,
        destructive: false,
        idempotent: false,
      },
      'sleep-namespace': {
        readOnly: false,
        destructive: true,
        idempotent: true,
      },
      'wake-namespace': {
        readOnly: false,
        destructive: false,
        idempotent: true,
      },
    });
  });

  it('lists the namespaces the caller owns, or every readable one', async () => {
    const mine = await invoke('list-namespaces', {});
    expect(mine.status).toBe(200);
    expect(mine.body.output.namespaces).toEqual([
      expect.objectContaining({
        cluster: 'sandbox',
        namespace: 'shop-dev',
        state: 'awake',
        ownerRefs: [ALICE],
      }),
    ]);
    const all = await invoke('list-namespaces', { mine: false });
    expect(
      all.body.output.namespaces.map((n: { namespace: string }) => n.namespace),
    ).toEqual(expect.arrayContaining(['shop-dev', 'payments-dev']));
    const asleep = await invoke('list-namespaces', {
      mine: false,
      state: 'asleep',
    });
    expect(asleep.body.output.namespaces).toEqual([]);
  });

  it('creates a schedule and lists it', async () => {
    const created = await invoke('create-schedule', OFFICE_HOURS);
    expect(created.status).toBe(200);
    expect(created.body.output).toMatchObject({
      ...OFFICE_HOURS,
      id: expect.any(String),
      created_by: ALICE,
    });
    const listed = await invoke('list-schedules', {
      cluster: 'sandbox',
      namespace: 'shop-dev',
    });
    expect(listed.status).toBe(200);
    expect(listed.body.output.schedules).toEqual([
      expect.objectContaining({ id: created.body.output.id }),
    ]);
  });

  it('sleeps a namespace, then wakes it until a time (an override)', async () => {
    const slept = await invoke('sleep-namespace', {
      cluster: 'sandbox',
      namespace: 'shop-dev',
      costCenter: 'CC-1001',
    });
    expect(slept.status).toBe(200);
    expect(slept.body.output).toMatchObject({
      success: true,
      dryRun: false,
      activityId: expect.any(String),
    });
    expect(slept.body.output.totalScaled).toBeGreaterThan(0);

    const until = new Date(Date.now() + 2 * 3600_000).toISOString();
    const woken = await invoke('wake-namespace', {
      cluster: 'sandbox',
      namespace: 'shop-dev',
      costCenter: 'CC-1001',
      until,
    });
    expect(woken.status).toBe(200);
    expect(woken.body.output).toMatchObject({
      success: true,
      overrideScheduleId: expect.any(String),
    });
  });

  it("refuses another team's namespace with the API's message", async () => {
    const refused = await invoke('wake-namespace', {
      cluster: 'sandbox',
      namespace: 'payments-dev',
      costCenter: 'CC-1001',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      'namespace-scheduler.namespace.operate is not allowed on sandbox/payments-dev',
    );
    const schedule = await invoke('create-schedule', {
      ...OFFICE_HOURS,
      namespace: 'payments-dev',
    });
    expect(schedule.status).toBe(403);
  });

  it('refuses a cost center that is not authorized', async () => {
    const refused = await invoke('wake-namespace', {
      cluster: 'sandbox',
      namespace: 'shop-dev',
      costCenter: 'CC-9999',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(
      /^Cost center CC-9999 is not authorized .*frozen/,
    );
  });

  it('rejects input its schema refuses', async () => {
    const refused = await invoke('wake-namespace', { cluster: 'sandbox' });
    expect(refused.status).toBe(400);
  });
});

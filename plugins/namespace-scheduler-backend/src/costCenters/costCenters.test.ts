import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { migrateUp } from '../database/migrations';
import { ManualClock } from '../__testUtils__/clock';
import { FakeDirectory } from '../__testUtils__/governance';
import { NamespaceAuthorizer } from '../permissions';
import { KnexCostCenterPermissionStore } from './KnexCostCenterPermissionStore';
import { readCostCenterConfig } from './config';
import { assembleCostCenters } from './create';

jest.setTimeout(60_000);

const NOW = '2026-11-23T10:00:00Z';
const SHOP = { cluster: 'sandbox', namespace: 'shop-dev' };
const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const directory = new FakeDirectory(
  {
    'sandbox/shop-dev': ['CC-1001', 'CC-1002'],
    'sandbox/payments-dev': ['CC-2002'],
    'sandbox/ml': ['CC-9999'],
  },
  {
    [ALICE]: ['group:default/team-commerce'],
    [BOB]: ['group:default/team-payments'],
  },
);

describe('cost-center governance', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function setup(
    options: { admin?: boolean; defaultAuthorized?: boolean } = {},
  ) {
    const knex = await databases.init('SQLITE_3');
    await migrateUp(knex);
    const clock = new ManualClock(NOW);
    const store = KnexCostCenterPermissionStore.create({ knex });
    const permissions = mockServices.permissions({
      result:
        options.admin === false ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
    });
    const { authorization, admin } = assembleCostCenters({
      directory,
      store,
      authorizer: NamespaceAuthorizer.create({ permissions }),
      claims: directory.claims(),
      defaultAuthorized: options.defaultAuthorized ?? false,
      clock,
    });
    const { seeds } = readCostCenterConfig(
      new ConfigReader({
        namespaceScheduler: {
          costCenters: {
            permissions: [
              { costCenter: 'CC-1001', authorized: true },
              {
                costCenter: 'CC-2002',
                authorized: true,
                allowedGroups: ['team-payments'],
              },
              {
                costCenter: 'CC-9999',
                authorized: false,
                note: 'Experiments budget exhausted',
              },
            ],
          },
        },
      }),
      clock.now(),
    );
    await store.seed(seeds);
    return { authorization, admin, store, clock };
  }

  it.each(databases.eachSupportedId())(
    'stores records, and a seed never overwrites one, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUp(knex);
      const store = KnexCostCenterPermissionStore.create({ knex });
      const record = {
        costCenter: 'CC-1',
        isAuthorized: false,
        allowedGroups: ['group:default/a'],
        changedBy: ALICE,
        changedAt: new Date(NOW),
      };
      await store.put(record);
      await store.seed([
        { ...record, isAuthorized: true, changedBy: 'app-config' },
        { ...record, costCenter: 'CC-2' },
      ]);
      expect(await store.get('CC-1')).toEqual(record);
      expect((await store.list()).map(r => r.costCenter)).toEqual([
        'CC-1',
        'CC-2',
      ]);
      await store.put({ ...record, isAuthorized: true, note: 'approved' });
      expect(await store.get('CC-1')).toMatchObject({
        isAuthorized: true,
        note: 'approved',
      });
    },
  );

  it('refuses an unauthorized cost center with a 403 naming it and its record', async () => {
    const { authorization } = await setup();
    const charge = {
      cluster: 'sandbox',
      namespace: 'ml',
      costCenter: 'CC-9999',
      user: ALICE,
    };
    await expect(authorization.assertChargeable(charge)).rejects.toThrow(
      NotAllowedError,
    );
    await expect(authorization.assertChargeable(charge)).rejects.toThrow(
      'Cost center CC-9999 is not authorized (set by app-config at 2026-11-23T10:00:00.000Z: Experiments budget exhausted)',
    );
  });

  it('refuses a cost center no claiming entity declares, naming the valid ones', async () => {
    const { authorization } = await setup();
    await expect(
      authorization.assertChargeable({
        ...SHOP,
        costCenter: 'CC-2002',
        user: BOB,
      }),
    ).rejects.toThrow(
      'Cost center CC-2002 is not valid for sandbox/shop-dev: the entities claiming it declare CC-1001, CC-1002',
    );
  });

  it('refuses cost centers without a record unless configured otherwise', async () => {
    const { authorization } = await setup();
    await expect(
      authorization.assertChargeable({
        ...SHOP,
        costCenter: 'CC-1002',
        user: ALICE,
      }),
    ).rejects.toThrow(
      'Cost center CC-1002 is not authorized: it has no permission record, and cost centers without one are not authorized',
    );
    const lenient = await setup({ defaultAuthorized: true });
    await expect(
      lenient.authorization.assertChargeable({
        ...SHOP,
        costCenter: 'CC-1002',
        user: ALICE,
      }),
    ).resolves.toBeUndefined();
  });

  it('limits a cost center with allowed groups to their members (the runner’s own operations aside)', async () => {
    const { authorization } = await setup();
    const payments = {
      cluster: 'sandbox',
      namespace: 'payments-dev',
      costCenter: 'CC-2002',
    };
    await expect(
      authorization.assertChargeable({ ...payments, user: BOB }),
    ).resolves.toBeUndefined();
    await expect(
      authorization.assertChargeable({ ...payments, user: 'scheduler' }),
    ).resolves.toBeUndefined();
    await expect(
      authorization.assertChargeable({ ...payments, user: ALICE }),
    ).rejects.toThrow(
      'Cost center CC-2002 may only be charged by members of group:default/team-payments',
    );
  });

  it('validates for the calling user, listing every reason', async () => {
    const { authorization } = await setup();
    const alice = mockCredentials.user(ALICE);
    expect(await authorization.validate('CC-1001', SHOP, alice)).toEqual({
      cost_center: 'CC-1001',
      ...SHOP,
      valid: true,
      is_authorized: true,
      user_allowed: true,
      allowed: true,
      reasons: [],
      valid_cost_centers: ['CC-1001', 'CC-1002'],
    });
    const refused = await authorization.validate('CC-2002', SHOP, alice);
    expect(refused).toMatchObject({
      valid: false,
      is_authorized: true,
      user_allowed: false,
      allowed: false,
    });
    expect(refused.reasons).toHaveLength(2);
    expect(
      await authorization.validate('CC-1001', undefined, alice),
    ).toMatchObject({
      valid: true,
      allowed: true,
    });
    await expect(
      authorization.validate(
        'CC-1001',
        { cluster: 'sandbox', namespace: 'nope' },
        alice,
      ),
    ).rejects.toThrow(NotFoundError);
  });

  it('lists cost centers with their declarations, namespaces and records, and those of a namespace', async () => {
    const { authorization, admin } = await setup();
    const listed = await admin.list();
    expect(listed.map(c => c.cost_center)).toEqual([
      'CC-1001',
      'CC-1002',
      'CC-2002',
      'CC-9999',
    ]);
    expect(listed[1]).toEqual({
      cost_center: 'CC-1002',
      is_authorized: false,
      allowed_groups: [],
      source: 'default',
      declared_by: [{ entity_ref: 'component:default/shop-dev' }],
      namespaces: [SHOP],
    });
    const forShop = await authorization.forNamespace(
      SHOP,
      mockCredentials.user(ALICE),
    );
    expect(forShop.map(c => [c.cost_center, c.chargeable])).toEqual([
      ['CC-1001', true],
      ['CC-1002', false],
    ]);
  });

  it('lets admins set a record (who and when), refusing others and bad groups', async () => {
    const { admin, clock } = await setup();
    clock.advanceMinutes(5);
    const carol = mockCredentials.user('user:default/carol');
    const set = await admin.setPermission(
      'CC-9999',
      { is_authorized: true, allowed_groups: ['team-data'], note: 'ok' },
      carol,
    );
    expect(set).toMatchObject({
      cost_center: 'CC-9999',
      is_authorized: true,
      allowed_groups: ['group:default/team-data'],
      source: 'record',
      changed_by: 'user:default/carol',
      changed_at: '2026-11-23T10:05:00.000Z',
      namespaces: [{ cluster: 'sandbox', namespace: 'ml' }],
    });
    await expect(
      admin.setPermission(
        'CC-9999',
        { is_authorized: true, allowed_groups: ['user:default/alice'] },
        carol,
      ),
    ).rejects.toThrow(
      new InputError(
        'allowed_groups[0]: "user:default/alice" is not a group ref (group:default/team-a)',
      ),
    );
    const denied = await setup({ admin: false });
    await expect(
      denied.admin.setPermission(
        'CC-1',
        { is_authorized: true },
        mockCredentials.user(ALICE),
      ),
    ).rejects.toThrow('namespace-scheduler.cost-center.manage is not allowed');
  });

  it('fails startup on a config seed whose allowed group is not a group, naming its key', () => {
    const config = new ConfigReader({
      namespaceScheduler: {
        costCenters: {
          permissions: [
            {
              costCenter: 'CC-1',
              authorized: true,
              allowedGroups: ['user:default/x'],
            },
          ],
        },
      },
    });
    expect(() => readCostCenterConfig(config, new Date())).toThrow(
      'namespaceScheduler.costCenters.permissions[0].allowedGroups[0]: "user:default/x" is not a group ref',
    );
  });
});

import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { InputError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { OperationType } from '@namespace-scheduler/backstage-plugin-common';
import { KnexActivityStore } from '../activity';
import { NamespaceCatalog } from '../catalog/NamespaceCatalog';
import { migrateUp } from '../database/migrations';
import { NamespaceAuthorizer } from '../permissions';
import { ManualClock } from '../__testUtils__/clock';
import { AwakeEngine } from '../__testUtils__/governance';
import { operationResult } from '../__testUtils__/fakeEngine';
import { componentClaiming } from '../__testUtils__/startPluginBackend';
import { AwakeHoursService } from './AwakeHoursService';
import { ActivityEffect } from '@namespace-scheduler/backstage-plugin-node';

jest.setTimeout(60_000);

const SHOP_API = 'component:default/shop-api';
const credentials = mockCredentials.user();

describe('AwakeHoursService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  /** `awake`: the namespaces the live cluster shows awake. */
  async function setup(awake: string[] = []) {
    const knex = await databases.init('SQLITE_3');
    await migrateUp(knex);
    const store = KnexActivityStore.create({ knex });
    const live = new AwakeEngine();
    for (const namespace of awake) live.awake.add(`sandbox/${namespace}`);
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => ({
          result:
            'resourceRef' in r && r.resourceRef === 'sandbox/secret'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
    });
    const service = AwakeHoursService.create({
      catalog: NamespaceCatalog.create({
        catalog: catalogServiceMock({
          entities: [
            componentClaiming(
              'shop-api',
              'sandbox/shop-dev, sandbox/shop-qa, sandbox/secret',
            ),
          ],
        }),
        auth: mockServices.auth(),
        defaultCluster: 'sandbox',
      }),
      authorizer: NamespaceAuthorizer.create({ permissions }),
      activities: store,
      status: live,
      clock: new ManualClock('2026-11-23T12:00:00Z'),
    });
    const record = (
      namespace: string,
      operation: OperationType,
      at: string,
      effect: ActivityEffect,
    ) => {
      const ref = { cluster: 'sandbox', namespace };
      return store.record(
        {
          ...ref,
          operation,
          costCenter: 'CC-1001',
          requestedBy: 'scheduler',
          timestampStart: new Date(at),
          timestampEnd: new Date(at),
          result: operationResult({ operation, ...ref }),
        },
        effect,
      );
    };
    return { service, store, record };
  }

  it('counts local days from one store read of the readable namespaces, a wake open before the period included', async () => {
    const { service, store, record } = await setup();
    // Open since before the period; its sleep is two hours into Madrid's 21st.
    await record('shop-dev', 'wake', '2026-11-18T10:00:00Z', 'open');
    await record('shop-dev', 'sleep', '2026-11-21T01:00:00Z', 'close');
    await record('shop-qa', 'wake', '2026-11-22T08:00:00Z', 'open');
    await record('shop-qa', 'sleep', '2026-11-22T12:00:00Z', 'close');
    // Still open: counts until now.
    await record('shop-dev', 'wake', '2026-11-23T09:00:00Z', 'open');
    await record('secret', 'wake', '2026-11-22T00:00:00Z', 'open');
    const read = jest.spyOn(store, 'periodRecords');

    const days = await service.perDay(
      { entityRef: SHOP_API, days: 3, zone: 'Europe/Madrid' },
      credentials,
    );

    expect(days).toEqual({
      items: [
        {
          date: '2026-11-21',
          hours: 2,
          namespaces: { 'sandbox/shop-dev': 2 },
        },
        { date: '2026-11-22', hours: 4, namespaces: { 'sandbox/shop-qa': 4 } },
        {
          date: '2026-11-23',
          hours: 3,
          namespaces: { 'sandbox/shop-dev': 3 },
        },
      ],
      unrecorded: [],
    });
    expect(read).toHaveBeenCalledTimes(1);
    expect(read).toHaveBeenCalledWith(
      [
        { cluster: 'sandbox', namespace: 'shop-dev' },
        { cluster: 'sandbox', namespace: 'shop-qa' },
      ],
      // A day before the first day, as the frontend read it.
      new Date('2026-11-19T12:00:00Z'),
    );
  });

  it('refuses an unknown zone naming it, and an unknown entity', async () => {
    const { service } = await setup();
    const perDay = (entityRef: string, zone: string) =>
      service.perDay({ entityRef, days: 14, zone }, credentials);

    await expect(perDay(SHOP_API, 'Mars/Olympus_Mons')).rejects.toThrow(
      new InputError('zone: unknown IANA time zone "Mars/Olympus_Mons"'),
    );
    await expect(perDay(SHOP_API, '+02:00')).rejects.toThrow(InputError);
    await expect(perDay('component:default/nope', 'UTC')).rejects.toThrow(
      NotFoundError,
    );
    expect((await perDay(SHOP_API, 'utc')).items).toHaveLength(14);
  });

  it('counts the namespaces awake now without an open wake from the period start or their last record, never the unreadable ones', async () => {
    const { service, record } = await setup(['shop-dev', 'shop-qa', 'secret']);
    // shop-qa was put to sleep yesterday and woken since by something else.
    await record('shop-qa', 'wake', '2026-11-22T08:00:00Z', 'open');
    await record('shop-qa', 'sleep', '2026-11-22T12:00:00Z', 'close');

    const hours = await service.perDay(
      { entityRef: SHOP_API, days: 3, zone: 'Europe/Madrid' },
      credentials,
    );

    expect(hours.unrecorded).toEqual([
      {
        namespace: 'sandbox/shop-dev',
        // Madrid's 21 Nov, 00:00.
        since: '2026-11-20T23:00:00.000Z',
        basis: 'period-start',
      },
      {
        namespace: 'sandbox/shop-qa',
        since: '2026-11-22T12:00:00.000Z',
        basis: 'last-activity',
      },
    ]);
    expect(hours.items).toEqual([
      {
        date: '2026-11-21',
        hours: 24,
        namespaces: { 'sandbox/shop-dev': 24 },
      },
      {
        date: '2026-11-22',
        hours: 24 + 15,
        namespaces: { 'sandbox/shop-dev': 24, 'sandbox/shop-qa': 4 + 11 },
      },
      {
        date: '2026-11-23',
        hours: 26,
        namespaces: { 'sandbox/shop-dev': 13, 'sandbox/shop-qa': 13 },
      },
    ]);
  });
});

import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { migrateUp } from '../database/migrations';
import { connectAgain } from '../__testUtils__/runnerInstance';
import { KnexOffHoursSlotStore } from './KnexOffHoursSlotStore';
import { SlotClaim } from './OffHoursSlotStore';

jest.setTimeout(60_000);

const PERIOD = Date.parse('2026-11-23T19:00:00Z');
const claim = (
  namespace: string,
  overrides: Partial<SlotClaim> = {},
): SlotClaim => ({
  period: PERIOD,
  limit: 2,
  scope: 'global',
  cluster: 'sandbox',
  namespace,
  costCenter: 'CC-1001',
  requestedBy: 'user:default/alice',
  approvedBy: 'user:default/alice',
  acquiredAt: new Date(PERIOD + 60_000),
  ...overrides,
});

describe('KnexOffHoursSlotStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function setup(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    await migrateUp(knex);
    return { knex, store: KnexOffHoursSlotStore.create({ knex }) };
  }

  it.each(databases.eachSupportedId())(
    'hands out at most the limit per period and scope, on %p',
    async databaseId => {
      const { store } = await setup(databaseId);
      const a = await store.acquire(claim('a'));
      expect(a).toMatchObject({
        acquired: true,
        isNew: true,
        holder: { namespace: 'a', approvedBy: 'user:default/alice' },
      });
      expect(await store.acquire(claim('a'))).toMatchObject({
        acquired: true,
        isNew: false,
      });
      await store.acquire(
        claim('b', { scheduleId: 's-1', requestedBy: 'scheduler' }),
      );
      const refused = await store.acquire(claim('c'));
      expect(refused).toEqual({
        acquired: false,
        holders: [
          expect.objectContaining({ namespace: expect.any(String) }),
          expect.anything(),
        ],
      });
      expect((await store.holders(PERIOD)).map(h => h.slot).sort()).toEqual([
        1, 2,
      ]);
      // Another scope or another period has its own slots.
      expect(
        await store.acquire(
          claim('c', { scope: 'cluster:other', cluster: 'other' }),
        ),
      ).toMatchObject({ acquired: true });
      expect(
        await store.acquire(claim('c', { period: PERIOD + 1 })),
      ).toMatchObject({ acquired: true });

      await store.release(
        { cluster: 'sandbox', namespace: 'a' },
        new Date(PERIOD),
      );
      expect(await store.holders(PERIOD, 'global')).toHaveLength(2);
      await store.release(
        { cluster: 'sandbox', namespace: 'a' },
        new Date(PERIOD + 60_000),
      );
      expect(await store.acquire(claim('c'))).toMatchObject({ acquired: true });
      await store.purgeBefore(PERIOD + 1);
      expect(await store.holders(PERIOD)).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'lets one caller claim each boundary, on %p',
    async databaseId => {
      const { store } = await setup(databaseId);
      const claims = await Promise.all(
        ['a', 'b', 'c'].map(by =>
          store.claimBoundary(PERIOD, by, new Date(PERIOD)),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
    },
  );

  it('gives 100 concurrent takers on two connection pools exactly the limit on PostgreSQL', async () => {
    const { knex, store } = await setup('POSTGRES_15');
    const other = await connectAgain(knex);
    try {
      const stores = [store, KnexOffHoursSlotStore.create({ knex: other })];
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          stores[i % 2].acquire(claim(`ns-${i}`, { limit: 5 })),
        ),
      );
      expect(results.filter(r => r.acquired)).toHaveLength(5);
      const rows = await knex('ns_off_hours_slots').where({
        period_start: PERIOD,
      });
      expect(rows.map(r => r.slot).sort()).toEqual([1, 2, 3, 4, 5]);
    } finally {
      await other.destroy();
    }
  });
});

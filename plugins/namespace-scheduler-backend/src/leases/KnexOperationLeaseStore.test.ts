import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { migrateUp } from '../database/migrations';
import { ManualClock } from '../__testUtils__/clock';
import { FAKE_JOURNAL } from '../__testUtils__/fakeEngine';
import { connectAgain } from '../__testUtils__/runnerInstance';
import { KnexOperationLeaseStore } from './KnexOperationLeaseStore';
import { LeaseRequest, OperationLease } from './OperationLeaseStore';

jest.setTimeout(60_000);

const START = '2026-12-02T22:40:01Z';
const request = (holder: string): LeaseRequest => ({
  cluster: 'sandbox',
  namespace: 'shop-dev',
  operation: 'sleep',
  requestedBy: 'user:default/guest',
  holder,
  ttlMs: 120_000,
});

describe('KnexOperationLeaseStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  const extraPools: Knex[] = [];
  afterAll(() => Promise.all(extraPools.map(pool => pool.destroy())));

  /**
   * Stores on the database as separate instances would have them: on
   * PostgreSQL half of them on a second connection pool, so concurrent
   * statements really race in the server.
   */
  async function setup(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    await migrateUp(knex);
    const clock = new ManualClock(START);
    const pools = [knex];
    if (databaseId === 'POSTGRES_15') {
      pools.push(await connectAgain(knex));
      extraPools.push(pools[1]);
    }
    const stores = pools.map(pool =>
      KnexOperationLeaseStore.create({ knex: pool, clock }),
    );
    const storeOf = (i: number) => stores[i % stores.length];
    return { store: stores[0], storeOf, clock };
  }

  /** Acquires from `count` holders at once; the winners' leases and the losers' views. */
  async function race(
    setupResult: Awaited<ReturnType<typeof setup>>,
    count: number,
  ) {
    const outcomes = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        setupResult.storeOf(i).acquire(request(`instance-${i}`)),
      ),
    );
    const won: OperationLease[] = [];
    const seen: OperationLease[] = [];
    for (const o of outcomes) {
      if (o.acquired) won.push(o.lease);
      else seen.push(o.current);
    }
    return { won, seen };
  }

  it.each(databases.eachSupportedId())(
    'gives a namespace to one holder at a time, and frees it only with its token, on %p',
    async databaseId => {
      const { store, clock } = await setup(databaseId);
      const first = await store.acquire(request('a'));
      if (!first.acquired) throw new Error('expected the lease');
      expect(first.lease).toMatchObject({
        operation: 'sleep',
        requestedBy: 'user:default/guest',
        holder: 'a',
        state: 'running',
        startedAt: new Date(START),
        expiresAt: new Date(Date.parse(START) + 120_000),
      });
      const second = await store.acquire({
        ...request('b'),
        operation: 'wake',
      });
      expect(second).toEqual({ acquired: false, current: first.lease });

      expect(await store.release({ ...first.lease, token: 'stale' })).toBe(
        false,
      );
      clock.advanceMinutes(1);
      expect(await store.renew(first.lease, 120_000)).toBe(true);
      expect((await store.get('sandbox', 'shop-dev'))?.expiresAt).toEqual(
        new Date(Date.parse(START) + 180_000),
      );
      expect(await store.release(first.lease)).toBe(true);
      expect(await store.get('sandbox', 'shop-dev')).toBeUndefined();
      expect((await store.acquire(request('b'))).acquired).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'lets exactly one of 50 concurrent acquirers win, round after round, on %p',
    async databaseId => {
      const t = await setup(databaseId);
      for (let round = 0; round < 5; round++) {
        const { won, seen } = await race(t, 50);
        expect(won).toHaveLength(1);
        expect(seen).toHaveLength(49);
        for (const current of seen) {
          expect(current.token).toBe(won[0].token);
          expect(current.holder).toBe(won[0].holder);
        }
        expect(await t.store.release(won[0])).toBe(true);
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'hands an expired lease to exactly one of 20 acquirers; the stale holder is fenced off, on %p',
    async databaseId => {
      const t = await setup(databaseId);
      const stale = await t.store.acquire({ ...request('dead'), ttlMs: 1_000 });
      if (!stale.acquired) throw new Error('expected the lease');
      t.clock.advanceMinutes(1);

      const { won, seen } = await race(t, 20);
      expect(won).toHaveLength(1);
      expect(seen.every(current => current.token === won[0].token)).toBe(true);

      expect(await t.store.renew(stale.lease, 120_000)).toBe(false);
      await expect(
        t.store.recordJournal(stale.lease, FAKE_JOURNAL),
      ).rejects.toThrow(ConflictError);
      expect(
        await t.store.markRepair(stale.lease, FAKE_JOURNAL, 'failed'),
      ).toBe(false);
      expect(await t.store.release(stale.lease)).toBe(false);
      expect(await t.store.get('sandbox', 'shop-dev')).toEqual(won[0]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps a dead holder’s journal for repair: no takeover, one claimant per attempt, on %p',
    async databaseId => {
      const t = await setup(databaseId);
      const dead = await t.store.acquire(request('dead'));
      if (!dead.acquired) throw new Error('expected the lease');
      await t.store.recordJournal(dead.lease, FAKE_JOURNAL);
      expect(await t.store.listRepairs()).toEqual([]);
      t.clock.advanceMinutes(3);

      expect(await t.store.acquire(request('b'))).toMatchObject({
        acquired: false,
        current: { holder: 'dead', journal: FAKE_JOURNAL },
      });
      expect(await t.store.pruneExpired()).toBe(0);
      const [listed] = await t.store.listRepairs();
      expect(listed).toMatchObject({ holder: 'dead', state: 'running' });

      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          t.storeOf(i).claimRepair(listed, `sweeper-${i}`, 60_000),
        ),
      );
      const claimed = claims.filter(c => c !== undefined);
      expect(claimed).toHaveLength(1);
      expect(claimed[0]).toMatchObject({
        state: 'repair',
        reason: 'was interrupted when its backend instance stopped',
        journal: FAKE_JOURNAL,
      });
      // Claimed: no other sweep lists it until the claim is given back.
      expect(await t.store.listRepairs()).toEqual([]);
      await t.store.deferRepair(claimed[0]!);
      expect(await t.store.listRepairs()).toEqual([
        { ...claimed[0], expiresAt: t.clock.now() },
      ]);
      expect(await t.store.release(claimed[0]!)).toBe(true);
      expect(await t.store.list()).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'marks a lease for repair until repaired, and prunes expired ones with nothing to repair, on %p',
    async databaseId => {
      const t = await setup(databaseId);
      const failed = await t.store.acquire(request('a'));
      const idle = await t.store.acquire({
        ...request('b'),
        namespace: 'payments-dev',
        ttlMs: 1_000,
      });
      if (!failed.acquired || !idle.acquired) throw new Error('expected both');
      await t.store.recordJournal(failed.lease, FAKE_JOURNAL);
      expect(
        await t.store.markRepair(
          failed.lease,
          FAKE_JOURNAL,
          'failed while the cluster was unreachable',
        ),
      ).toBe(true);
      expect(await t.store.listRepairs()).toEqual([
        expect.objectContaining({
          namespace: 'shop-dev',
          state: 'repair',
          reason: 'failed while the cluster was unreachable',
        }),
      ]);
      t.clock.advanceMinutes(60);
      expect((await t.store.acquire(request('c'))).acquired).toBe(false);
      expect(await t.store.pruneExpired()).toBe(1);
      expect((await t.store.list()).map(l => l.namespace)).toEqual([
        'shop-dev',
      ]);
      // A journal cleared (the operation ended) leaves nothing to repair.
      const done = await t.store.acquire({
        ...request('d'),
        namespace: 'payments-dev',
        ttlMs: 1_000,
      });
      if (!done.acquired) throw new Error('expected the lease');
      await t.store.recordJournal(done.lease, FAKE_JOURNAL);
      await t.store.clearJournal(done.lease);
      t.clock.advanceMinutes(1);
      expect(await t.store.listRepairs()).toHaveLength(1);
      expect((await t.store.acquire(request('e'))).acquired).toBe(false);
      expect(
        (await t.store.acquire({ ...request('e'), namespace: 'payments-dev' }))
          .acquired,
      ).toBe(true);
    },
  );
});

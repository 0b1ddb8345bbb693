import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { setTimeout as sleep } from 'node:timers/promises';
import { KnexActivityStore } from '../activity';
import { migrateUp } from '../database/migrations';
import { KnexOperationLeaseStore, NamespaceLeases } from '../leases';
import { ManualClock } from '../__testUtils__/clock';
import { FAKE_JOURNAL, FakeEngine } from '../__testUtils__/fakeEngine';
import { OperationRequest, OperationService } from '.';

jest.setTimeout(60_000);

const START = '2026-12-02T22:40:01Z';
const sleepNow: OperationRequest = {
  cluster: 'sandbox',
  namespace: 'shop-dev',
  operation: 'sleep',
  costCenter: 'CC-1001',
  requestedBy: 'user:default/guest',
};
const wakeNow: OperationRequest = {
  ...sleepNow,
  operation: 'wake',
  requestedBy: 'user:default/alice',
};

/** A promise the test resolves by hand: an operation held in flight. */
function gate() {
  let open = () => {};
  const promise = new Promise<void>(resolve => {
    open = resolve;
  });
  return { promise, open };
}

describe('OperationService with namespace leases', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(renewEveryMs = 20_000) {
    const knex = await databases.init('SQLITE_3');
    await migrateUp(knex);
    const clock = new ManualClock(START);
    const engine = new FakeEngine();
    const activities = KnexActivityStore.create({ knex });
    const store = KnexOperationLeaseStore.create({ knex, clock });
    const logger = mockServices.logger.mock();
    const reserve = jest.fn(async () => ({ settle: async () => {} }));
    const service = OperationService.create({
      engine,
      activities,
      clock,
      logger,
      capacity: { reserve },
      leases: NamespaceLeases.create({
        store,
        logger,
        clock,
        holder: 'instance-a',
        renewEveryMs,
      }),
    });
    return { service, engine, activities, store, clock, reserve };
  }

  it('refuses a second operation with 409 naming the one in progress, and frees the namespace when it ends', async () => {
    const t = await setup();
    const held = gate();
    t.engine.gate = held.promise;
    const first = t.service.execute(sleepNow);
    await waitFor(
      async () => (await t.store.get('sandbox', 'shop-dev'))?.journal,
    );
    expect(await t.store.get('sandbox', 'shop-dev')).toMatchObject({
      holder: 'instance-a',
      state: 'running',
      journal: FAKE_JOURNAL,
    });

    const refused = t.service.execute(wakeNow);
    await expect(refused).rejects.toThrow(ConflictError);
    await expect(refused).rejects.toThrow(
      'shop-dev on sandbox is busy: a sleep requested by user:default/guest at 2026-12-02T22:40:01Z is in progress; try again when it ends',
    );
    await expect(refused).rejects.toMatchObject({
      operation: {
        operation: 'sleep',
        requested_by: 'user:default/guest',
        started_at: '2026-12-02T22:40:01.000Z',
        state: 'running',
      },
    });
    // A plan changes nothing, so it needs no lease.
    const plan = await t.service.execute({ ...wakeNow, dryRun: true });
    expect(plan.result).toMatchObject({ dry_run: true });
    expect(plan.result.warnings).toBeUndefined();

    held.open();
    expect((await first).result.success).toBe(true);
    expect(t.reserve).toHaveBeenCalledTimes(1);
    expect((await t.activities.list({})).items).toHaveLength(1);
    expect(await t.store.list()).toEqual([]);
    expect((await t.service.execute(wakeNow)).result.success).toBe(true);
  });

  it('renews the lease while the operation runs', async () => {
    const t = await setup(10);
    const held = gate();
    t.engine.gate = held.promise;
    const running = t.service.execute(sleepNow);
    await waitFor(() => t.store.get('sandbox', 'shop-dev'));
    t.clock.advanceMinutes(10);
    const renewedUntil = Date.parse(START) + 12 * 60_000;
    await waitFor(
      async () =>
        (await t.store.get('sandbox', 'shop-dev'))?.expiresAt.getTime() ===
        renewedUntil,
    );
    expect((await t.store.get('sandbox', 'shop-dev'))?.expiresAt).toEqual(
      new Date(renewedUntil),
    );
    held.open();
    await running;
  });

  it('keeps a namespace whose changes were left unresolved for repair: refused, and plans warn', async () => {
    const t = await setup();
    t.engine.behaviour = () => 'unresolved';
    const { result } = await t.service.execute(sleepNow);
    expect(result).toMatchObject({ success: false, repair_pending: true });
    expect(await t.store.get('sandbox', 'shop-dev')).toMatchObject({
      state: 'repair',
      journal: FAKE_JOURNAL,
      reason: 'failed while the cluster was unreachable',
    });
    t.engine.behaviour = () => 'succeed';
    t.clock.advanceMinutes(30);
    const message =
      'shop-dev on sandbox needs repair: a sleep at 2026-12-02T22:40:01Z failed while the cluster was unreachable and 1 change(s) are not yet undone; operations resume once the scheduler has restored them';
    await expect(t.service.execute(wakeNow)).rejects.toThrow(message);
    const plan = await t.service.execute({ ...wakeNow, dryRun: true });
    expect(plan.result.warnings).toEqual([
      `${message}; until then the operation is refused`,
    ]);
    expect(t.engine.calls.map(c => c.operation)).toEqual(['sleep', 'wake']);
  });

  it('hands what an engine that threw had planned to repair', async () => {
    const t = await setup();
    t.engine.behaviour = () => 'throw';
    const { result, activity } = await t.service.execute(sleepNow);
    expect(result).toMatchObject({
      success: false,
      errors: ['engine exploded'],
      repair_pending: true,
    });
    expect(activity).toMatchObject({ outcome: 'failed' });
    expect(await t.store.get('sandbox', 'shop-dev')).toMatchObject({
      state: 'repair',
      reason: 'stopped with an error (engine exploded)',
    });
  });

  it('takes no lease when the guard or the replicas refuse, and no capacity when the lease is refused', async () => {
    const t = await setup();
    await expect(
      t.service.execute({ ...sleepNow, operation: 'scale', replicas: -1 }),
    ).rejects.toThrow(/replicas/);
    expect(await t.store.list()).toEqual([]);
    const held = gate();
    t.engine.gate = held.promise;
    const first = t.service.execute(sleepNow);
    await waitFor(() => t.store.get('sandbox', 'shop-dev'));
    await expect(t.service.execute(wakeNow)).rejects.toThrow(/is busy/);
    expect(t.reserve).toHaveBeenCalledTimes(1);
    held.open();
    await first;
  });
});

/** Polls until `condition` is truthy (a lease appears, a renewal lands). */
async function waitFor(condition: () => Promise<unknown>) {
  for (let i = 0; i < 500; i++) {
    if (await condition()) return;
    await sleep(10);
  }
  throw new Error('condition not met within 5 s');
}

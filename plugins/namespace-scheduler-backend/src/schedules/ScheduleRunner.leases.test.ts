import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  nextTransition,
  ScheduleInput,
} from '@namespace-scheduler/backstage-plugin-common';
import { KnexActivityStore } from '../activity';
import { migrateUp } from '../database/migrations';
import { KnexOperationLeaseStore, NamespaceLeases } from '../leases';
import { OperationService } from '../operations';
import { ManualClock } from '../__testUtils__/clock';
import { FakeEngine } from '../__testUtils__/fakeEngine';
import { KnexScheduleStore } from './KnexScheduleStore';
import { ScheduleRunner } from './ScheduleRunner';

jest.setTimeout(60_000);

const nightly: ScheduleInput = {
  kind: 'cron',
  title: 'Nightly sleep',
  cluster: 'sandbox',
  namespace: 'shop-dev',
  cost_center: 'CC-1001',
  zone: 'UTC',
  cron: '0 22 * * *',
  operation: 'sleep',
};

describe('ScheduleRunner on a namespace another operation holds', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup() {
    const knex = await databases.init('SQLITE_3');
    await migrateUp(knex);
    const clock = new ManualClock('2026-12-02T21:59:30Z');
    const engine = new FakeEngine();
    const logger = mockServices.logger.mock();
    const leases = KnexOperationLeaseStore.create({ knex, clock });
    const operations = OperationService.create({
      engine,
      activities: KnexActivityStore.create({ knex }),
      clock,
      logger,
      leases: NamespaceLeases.create({
        store: leases,
        logger,
        clock,
      }),
    });
    const store = KnexScheduleStore.create({ knex });
    const runner = ScheduleRunner.create({
      store,
      operations,
      logger,
      clock,
      leaseWait: { maxMs: 300, pollMs: 20 },
    });
    const schedule = await store.create({
      input: nightly,
      createdBy: 'user:default/alice',
      at: clock.now(),
      next: nextTransition(nightly, clock.now().getTime()),
    });
    // A user's wake holds the namespace until the test lets it finish.
    let finish = () => {};
    engine.gate = new Promise(resolve => {
      finish = resolve;
    });
    const manual = operations.execute({
      cluster: 'sandbox',
      namespace: 'shop-dev',
      operation: 'wake',
      costCenter: 'CC-1001',
      requestedBy: 'user:default/guest',
    });
    while (!(await leases.get('sandbox', 'shop-dev'))) {
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    clock.set('2026-12-02T22:00:05Z');
    return { runner, store, schedule, engine, finish, manual };
  }

  it('waits briefly, then records the run as skipped with who holds the namespace', async () => {
    const t = await setup();
    const summary = await t.runner.tick();
    expect(summary).toMatchObject({ claimed: 1, skipped: 1, failed: 0 });
    const [run] = await t.store.listRuns(t.schedule.id, 1);
    expect(run).toMatchObject({
      status: 'skipped',
      operation: 'sleep',
      message:
        'shop-dev on sandbox is busy: a wake requested by user:default/guest at 2026-12-02T21:59:30Z is in progress; try again when it ends',
    });
    expect(await t.store.get(t.schedule.id)).toMatchObject({
      run_count: 0,
      skipped_count: 1,
      last_run: { outcome: 'skipped' },
    });
    expect(t.engine.calls.map(c => c.operation)).toEqual(['wake']);
    t.finish();
    await t.manual;
  });

  it('runs once the namespace frees within the wait', async () => {
    const t = await setup();
    setTimeout(t.finish, 100);
    const summary = await t.runner.tick();
    expect(summary).toMatchObject({ claimed: 1, succeeded: 1, skipped: 0 });
    expect(t.engine.calls.map(c => c.operation)).toEqual(['wake', 'sleep']);
    await t.manual;
  });
});

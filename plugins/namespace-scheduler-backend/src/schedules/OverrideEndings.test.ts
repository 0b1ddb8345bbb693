import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  nextTransition,
  ScheduleInput,
} from '@namespace-scheduler/backstage-plugin-common';
import { KnexActivityStore } from '../activity';
import { migrateUp } from '../database/migrations';
import { OperationService } from '../operations';
import { NamespaceAuthorizer } from '../permissions';
import { ManualClock } from '../__testUtils__/clock';
import { FakeEngine } from '../__testUtils__/fakeEngine';
import { KnexScheduleStore } from './KnexScheduleStore';
import { ManualRuns } from './ManualRuns';
import { OverrideEndings } from './OverrideEndings';
import { ScheduleRunner } from './ScheduleRunner';

jest.setTimeout(60_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const base = {
  cluster: 'sandbox',
  namespace: 'shop-dev',
  cost_center: 'CC-1001',
  zone: 'Europe/Madrid',
};
const office: ScheduleInput = {
  ...base,
  title: 'Office hours',
  kind: 'weekly',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '08:00',
  to: '19:00',
};
const nightly: ScheduleInput = {
  ...base,
  title: 'Sleep now',
  kind: 'cron',
  cron: '0 23 * * 0',
  operation: 'sleep',
};
const awakeUntilThu: ScheduleInput = {
  ...base,
  title: 'Awake until Thu 3 Dec, 18:00 CET',
  kind: 'override',
  operation: 'wake',
  until: '2026-12-03T18:00',
};

describe('OverrideEndings', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  /** Wednesday noon in Madrid: office hours run, held awake until Thursday 18:00 by Bob. */
  async function setup(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    await migrateUp(knex);
    const clock = new ManualClock('2026-12-02T11:00:00Z');
    const engine = new FakeEngine();
    const logger = mockServices.logger.mock();
    const activities = KnexActivityStore.create({ knex });
    const store = KnexScheduleStore.create({ knex });
    const operations = OperationService.create({
      engine,
      activities,
      logger,
      clock,
      capacity: OverrideEndings.create({ store, clock }),
    });
    const runs = ManualRuns.create({
      store,
      operations,
      clock,
      authorizer: NamespaceAuthorizer.create({
        permissions: mockServices.permissions(),
      }),
    });
    const runner = ScheduleRunner.create({
      store,
      operations,
      logger,
      clock,
      instanceId: 'a',
    });
    const add = (input: ScheduleInput, createdBy = ALICE) =>
      store.create({
        input,
        createdBy,
        at: clock.now(),
        next: nextTransition(input, clock.now().getTime()),
      });
    await add(office);
    const held = await add(awakeUntilThu, BOB);
    const tickUntil = async (untilIso: string) => {
      while (clock.now().getTime() + 5 * 60_000 <= Date.parse(untilIso)) {
        clock.advanceMinutes(5);
        await runner.tick();
      }
    };
    return { clock, engine, store, runs, add, held, tickUntil, activities };
  }

  it.each(databases.eachSupportedId())(
    'a sleep run now ends the wake override, and the next weekly wake runs, on %p',
    async databaseId => {
      const t = await setup(databaseId);
      const sleep = await t.add(nightly);
      t.clock.set('2026-12-02T11:05:00Z');
      const { result } = await t.runs.runNow(
        sleep.id,
        mockCredentials.user(ALICE),
      );
      expect(result.success).toBe(true);
      const ended = await t.store.get(t.held.id);
      expect(ended).toMatchObject({
        status: 'completed',
        ended_by: ALICE,
        ended_at: '2026-12-02T11:05:00.000Z',
      });
      expect(ended?.next_run).toBeUndefined();

      // Office hours sleep at 19:00 (asleep already) and wake Thursday 08:00.
      t.engine.calls.length = 0;
      await t.tickUntil('2026-12-03T07:10:00Z');
      expect(t.engine.calls.map(call => call.operation)).toEqual([
        'sleep',
        'wake',
      ]);
      const weekly = (await t.store.list()).find(
        s => s.title === 'Office hours',
      );
      expect(weekly).toMatchObject({ skipped_count: 0, success_count: 2 });
    },
  );

  it.each(databases.eachSupportedId())(
    'a wake that agrees leaves the override, and a failed sleep puts it back, on %p',
    async databaseId => {
      const t = await setup(databaseId);
      const wake = await t.add({
        ...nightly,
        title: 'Wake',
        operation: 'wake',
      });
      await t.runs.runNow(wake.id, mockCredentials.user(ALICE));
      const untouched = await t.store.get(t.held.id);
      expect(untouched).toEqual(t.held);

      t.engine.behaviour = () => 'fail';
      const sleep = await t.add(nightly);
      const { result } = await t.runs.runNow(
        sleep.id,
        mockCredentials.user(ALICE),
      );
      expect(result.success).toBe(false);
      expect(await t.store.get(t.held.id)).toEqual(t.held);
    },
  );

  it.each(databases.eachSupportedId())(
    'a manual scale ends a sleep override; a dry run ends nothing, on %p',
    async databaseId => {
      const t = await setup(databaseId);
      const asleep = await t.add({ ...awakeUntilThu, operation: 'sleep' });
      const request = {
        ...base,
        costCenter: 'CC-1001',
        requestedBy: BOB,
        operation: 'scale' as const,
        replicas: 2,
      };
      const operations = OperationService.create({
        engine: t.engine,
        activities: t.activities,
        logger: mockServices.logger.mock(),
        clock: t.clock,
        capacity: OverrideEndings.create({ store: t.store, clock: t.clock }),
      });
      await operations.execute({ ...request, dryRun: true });
      expect(await t.store.get(asleep.id)).toMatchObject({ status: 'active' });
      await operations.execute(request);
      expect(await t.store.get(asleep.id)).toMatchObject({
        status: 'completed',
        ended_by: BOB,
      });
    },
  );
});

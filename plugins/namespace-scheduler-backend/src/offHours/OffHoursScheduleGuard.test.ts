import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { migrateUp } from '../database/migrations';
import { ManualClock } from '../__testUtils__/clock';
import { FakeDirectory, governedInstance } from '../__testUtils__/governance';
import { connectAgain } from '../__testUtils__/runnerInstance';

jest.setTimeout(60_000);

const MONDAY_MORNING = '2026-11-23T09:00:00Z';
const alice = mockCredentials.user('user:default/alice');
const directory = new FakeDirectory(
  Object.fromEntries(
    ['a', 'b', 'c', 'd'].map(ns => [`sandbox/${ns}`, ['CC-1']]),
  ),
);
const evening = (namespace: string, from = '20:30', to = '23:00') => ({
  kind: 'weekly',
  title: `${namespace} evening`,
  cluster: 'sandbox',
  namespace,
  cost_center: 'CC-1',
  zone: 'Europe/Madrid',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from,
  to,
});

describe('OffHoursScheduleGuard', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function setup(
    databaseId: TestDatabaseId = 'SQLITE_3',
    start = MONDAY_MORNING,
  ) {
    const knex = await databases.init(databaseId);
    await migrateUp(knex);
    const clock = new ManualClock(start);
    return {
      knex,
      clock,
      ...governedInstance({ knex, clock, directory, limit: 2 }),
    };
  }

  it('refuses a schedule that would keep more namespaces awake off-hours than the limit, naming the minute and them', async () => {
    const { schedules, scheduleStore } = await setup();
    await schedules.create(evening('a'), alice);
    await schedules.create(evening('b', '21:00', '22:00'), alice);
    const refused = schedules.create(evening('c', '21:30', '23:30'), alice);
    await expect(refused).rejects.toThrow(ConflictError);
    await expect(
      schedules.create(evening('c', '21:30', '23:30'), alice),
    ).rejects.toThrow(
      'Off-hours limit: at 2026-11-23T21:30:00.000+01:00 this schedule would keep 3 namespaces awake across all clusters ' +
        '(limit 2, business hours mon,tue,wed,thu,fri 07:00–20:00 Europe/Madrid): sandbox/a, sandbox/b, sandbox/c',
    );
    // After b's window it fits; business-hours windows never count.
    await schedules.create(evening('c', '22:00', '23:30'), alice);
    await schedules.create(evening('d', '08:00', '19:00'), alice);
    expect((await scheduleStore.list()).map(s => s.namespace).sort()).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });

  it('refuses replacing a schedule into a breach, and a save charged to an invalid cost center', async () => {
    const { schedules } = await setup();
    await schedules.create(evening('a'), alice);
    await schedules.create(evening('b'), alice);
    const c = await schedules.create(evening('c', '23:00', '23:30'), alice);
    await expect(
      schedules.replace(c.id, evening('c', '22:00', '23:30'), alice),
    ).rejects.toThrow(
      /at 2026-11-23T22:00:00.000\+01:00 .* sandbox\/a, sandbox\/b, sandbox\/c/,
    );
    await expect(
      schedules.create({ ...evening('d'), cost_center: 'CC-404' }, alice),
    ).rejects.toThrow(
      new NotAllowedError(
        'Cost center CC-404 is not valid for sandbox/d: the entities claiming it declare CC-1',
      ),
    );
  });

  it('counts the namespaces holding a slot now', async () => {
    const { schedules, operations } = await setup(
      'SQLITE_3',
      '2026-11-23T20:00:00Z',
    );
    for (const ns of ['a', 'b']) {
      await operations.execute({
        cluster: 'sandbox',
        namespace: ns,
        operation: 'wake',
        costCenter: 'CC-1',
        requestedBy: 'user:default/alice',
      });
    }
    await expect(
      schedules.create(evening('c', '21:30', '23:00'), alice),
    ).rejects.toThrow(
      /at 2026-11-23T21:30:00.000\+01:00 .*: sandbox\/a, sandbox\/b, sandbox\/c/,
    );
    // Tomorrow evening the slots of tonight are gone.
    await schedules.create({ ...evening('c'), days: ['tue'] }, alice);
  });

  it('lets one of two concurrent saves on two instances take the last room on PostgreSQL', async () => {
    const { knex, clock, schedules, scheduleStore } = await setup(
      'POSTGRES_15',
    );
    const other = await connectAgain(knex);
    try {
      const second = governedInstance({
        knex: other,
        clock,
        directory,
        limit: 2,
        instanceId: 'b',
      });
      await schedules.create(evening('a'), alice);
      const results = await Promise.allSettled([
        schedules.create(evening('b'), alice),
        second.schedules.create(evening('c'), alice),
        second.schedules.create(evening('d'), alice),
      ]);
      expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
      expect(await scheduleStore.list()).toHaveLength(2);
    } finally {
      await other.destroy();
    }
  });
});

import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  nextTransition,
  ScheduleInput,
} from '@namespace-scheduler/backstage-plugin-common';
import { migrateUp } from '../database/migrations';
import { ManualClock } from '../__testUtils__/clock';
import { runnerInstance } from '../__testUtils__/runnerInstance';

jest.setTimeout(60_000);

const base = {
  title: 'test',
  cluster: 'sandbox',
  namespace: 'shop-dev',
  cost_center: 'CC-1001',
  zone: 'Europe/Madrid',
};

describe('ScheduleRunner', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function setup(start: string, databaseId: TestDatabaseId = 'SQLITE_3') {
    const knex = await databases.init(databaseId);
    await migrateUp(knex);
    const clock = new ManualClock(start);
    const node = runnerInstance({ knex, clock });
    const add = (input: ScheduleInput, createdBy = 'user:default/alice') =>
      node.store.create({
        input: { ...base, ...input },
        createdBy,
        at: clock.now(),
        next: nextTransition(input, clock.now().getTime()),
      });
    /** Ticks every `step` minutes until `untilIso`, like the portal scheduler. */
    const tickUntil = async (untilIso: string, step = 1) => {
      while (clock.now().getTime() + step * 60_000 <= Date.parse(untilIso)) {
        clock.advanceMinutes(step);
        await node.runner.tick();
      }
    };
    /** What ran: `operation@UTC time` per schedule, oldest first. */
    const ran = async () =>
      (await node.activities.list({ limit: 500 })).items
        .reverse()
        .map(a => `${a.operation}@${a.timestamp_start.slice(0, 16)}`);
    return { ...node, clock, knex, add, tickUntil, ran };
  }

  it('runs a cron task at its time with its replicas, and counts it', async () => {
    const t = await setup('2026-11-23T10:55:00Z');
    const task = await t.add({
      ...base,
      kind: 'cron',
      cron: '0 12 * * *',
      operation: 'scale',
      replicas: 3,
    });
    await t.tickUntil('2026-11-23T11:10:00Z');
    expect(await t.ran()).toEqual(['scale@2026-11-23T11:00']);
    expect(t.engine.calls[0]).toMatchObject({
      operation: 'scale',
      replicas: 3,
    });
    expect(await t.store.get(task.id)).toMatchObject({
      run_count: 1,
      success_count: 1,
      next_run: '2026-11-24T12:00:00.000+01:00',
      last_run: { outcome: 'succeeded', trigger: 'schedule' },
    });
    const [activity] = (await t.activities.list({})).items;
    expect(activity).toMatchObject({
      requested_by: 'scheduler',
      user_id: 'user:default/alice',
      schedule_id: task.id,
      source: 'schedule',
      reason: `Schedule "${task.title}" (scale to 3 at "0 12 * * *" Europe/Madrid)`,
    });
  });

  it('runs a weekly window’s transitions, skipping exception dates', async () => {
    const t = await setup('2026-11-23T05:00:00Z');
    await t.add({
      ...base,
      kind: 'weekly',
      days: ['mon', 'tue', 'wed'],
      from: '07:00',
      to: '20:00',
      except_dates: ['2026-11-24'],
    });
    await t.tickUntil('2026-11-25T23:00:00Z', 5);
    expect(await t.ran()).toEqual([
      'wake@2026-11-23T06:00',
      'sleep@2026-11-23T19:00',
      'wake@2026-11-25T06:00',
      'sleep@2026-11-25T19:00',
    ]);
  });

  it('runs a one-off window and then completes it', async () => {
    const t = await setup('2026-11-28T07:00:00Z');
    const window = await t.add({
      ...base,
      kind: 'window',
      start: '2026-11-28T09:00:00+01:00',
      end: '2026-11-28T17:30:00+01:00',
    });
    await t.tickUntil('2026-11-28T18:00:00Z', 2);
    expect(await t.ran()).toEqual([
      'wake@2026-11-28T08:00',
      'sleep@2026-11-28T16:30',
    ]);
    const done = await t.store.get(window.id);
    expect(done?.status).toBe('completed');
    expect(done?.next_run).toBeUndefined();
    // The wake was charged until the sleep: 8.5 hours.
    const wake = (await t.activities.list({ operation: 'wake' })).items[0];
    expect(wake).toMatchObject({ status: 'completed', duration_minutes: 510 });
  });

  it('holds other schedules while an override lasts, then lets them govern again', async () => {
    const t = await setup('2026-11-22T20:00:00Z');
    const office = await t.add({
      ...base,
      kind: 'weekly',
      days: ['mon'],
      from: '07:00',
      to: '20:00',
    });
    const hold = await t.add({
      ...base,
      kind: 'override',
      operation: 'sleep',
      until: '2026-11-23T10:00:00+01:00',
    });
    await t.tickUntil('2026-11-23T20:00:00Z', 5);
    // 07:00 is held; at 10:00 the release wakes (the office window holds); 20:00 sleeps.
    expect(await t.ran()).toEqual([
      'wake@2026-11-23T09:00',
      'sleep@2026-11-23T19:00',
    ]);
    expect(await t.store.get(office.id)).toMatchObject({
      skipped_count: 1,
      run_count: 1,
    });
    expect(
      (await t.store.listRuns(office.id, 5)).map(r => [r.status, r.message]),
    ).toEqual([
      ['succeeded', undefined],
      ['skipped', `held by override "test" (${hold.id})`],
    ]);
    expect(await t.store.get(hold.id)).toMatchObject({
      status: 'completed',
      run_count: 1,
    });
  });

  it.each([
    [
      'spring-forward',
      '2026-03-28T22:00:00Z',
      '2026-03-29T04:00:00Z',
      'sleep@2026-03-29T01:00',
    ],
    [
      'fall-back',
      '2026-10-24T22:00:00Z',
      '2026-10-25T04:00:00Z',
      'sleep@2026-10-25T00:30',
    ],
  ])(
    'runs a 02:30 task once on the %s day',
    async (_day, start, end, expected) => {
      // Spring: 02:30 CET does not exist, it runs at 03:00 CEST. Fall: only the first 02:30 (CEST).
      const t = await setup(start);
      await t.add({
        ...base,
        kind: 'cron',
        cron: '30 2 * * *',
        operation: 'sleep',
      });
      await t.tickUntil(end);
      expect(await t.ran()).toEqual([expected]);
    },
  );

  it.each(databases.eachSupportedId())(
    'after downtime runs only the latest missed occurrence and records the others, on %p',
    async databaseId => {
      const t = await setup('2026-11-23T06:59:00Z', databaseId);
      const hourly = await t.add({
        ...base,
        kind: 'cron',
        cron: '0 * * * *',
        operation: 'wake',
      });
      await t.tickUntil('2026-11-23T07:01:00Z');
      t.clock.set('2026-11-23T12:20:00Z'); // down from 07:01 to 12:20
      await t.runner.tick();
      await t.runner.tick();
      expect(await t.ran()).toEqual([
        'wake@2026-11-23T07:00',
        'wake@2026-11-23T12:20',
      ]);
      const runs = await t.store.listRuns(hourly.id, 10);
      expect(runs.map(r => `${r.status} ${r.due_at}`)).toEqual([
        'succeeded 2026-11-23T13:00:00.000+01:00',
        'missed 2026-11-23T12:00:00.000+01:00',
        'missed 2026-11-23T11:00:00.000+01:00',
        'missed 2026-11-23T10:00:00.000+01:00',
        'missed 2026-11-23T09:00:00.000+01:00',
        'succeeded 2026-11-23T08:00:00.000+01:00',
      ]);
      expect(await t.store.get(hourly.id)).toMatchObject({
        run_count: 2,
        skipped_count: 4,
        next_run: '2026-11-23T14:00:00.000+01:00',
      });
    },
  );

  it('records engine failures on the schedule and keeps it going', async () => {
    const t = await setup('2026-11-23T10:58:00Z');
    t.engine.behaviour = () => 'fail';
    const task = await t.add({
      ...base,
      kind: 'cron',
      cron: '0 12 * * *',
      operation: 'wake',
    });
    await t.tickUntil('2026-11-23T11:02:00Z');
    expect(await t.store.get(task.id)).toMatchObject({
      run_count: 1,
      error_count: 1,
      last_run: { outcome: 'failed', message: 'deployment/api: HTTP 500' },
      next_run: '2026-11-24T12:00:00.000+01:00',
    });
    expect((await t.activities.list({})).items[0]).toMatchObject({
      outcome: 'failed',
    });
  });

  it.each(['SQLITE_3', 'POSTGRES_15'] as const)(
    'records a run whose instance died after claiming it as failed, once, and never runs it again (%s)',
    async databaseId => {
      const t = await setup('2026-11-23T10:58:00Z', databaseId);
      const task = await t.add({
        ...base,
        kind: 'cron',
        cron: '0 12 * * *',
        operation: 'wake',
      });
      // An instance that claims the 12:00 run and stops before running it.
      const dead = await t.store.claim({
        scheduleId: task.id,
        dueAt: new Date('2026-11-23T11:00:00Z'),
        trigger: 'schedule',
        operation: 'wake',
        claimedBy: 'dead-instance',
        claimedAt: new Date('2026-11-23T11:00:00Z'),
        advance: {
          expectedNextRun: new Date('2026-11-23T11:00:00Z'),
          next: { at: Date.parse('2026-11-24T11:00:00Z'), operation: 'wake' },
          missed: [],
          missedCount: 0,
        },
      });
      expect(dead).toBeDefined();
      await t.tickUntil('2026-11-23T11:14:00Z');
      expect((await t.store.listRuns(task.id, 5))[0].status).toBe('claimed');

      const other = runnerInstance({
        knex: t.knex,
        clock: t.clock,
        instanceId: 'b',
      });
      t.clock.set('2026-11-23T11:16:00Z');
      const [a, b] = await Promise.all([t.runner.tick(), other.runner.tick()]);
      expect(a.abandoned + b.abandoned).toBeGreaterThanOrEqual(1);
      const [run] = await t.store.listRuns(task.id, 5);
      expect(run).toMatchObject({
        status: 'failed',
        message: expect.stringMatching(
          /^abandoned: claimed by dead-instance at 2026-11-23T11:00:00.000Z/,
        ),
      });
      expect(await t.store.get(task.id)).toMatchObject({
        run_count: 1,
        error_count: 1,
        last_run: { outcome: 'failed' },
        next_run: '2026-11-24T12:00:00.000+01:00',
      });
      expect(await t.ran()).toEqual([]);
    },
  );
});

import { TestDatabases } from '@backstage/backend-test-utils';
import {
  nextTransition,
  ScheduleInput,
  transitionsBetween,
  WEEKDAYS,
} from '@namespace-scheduler/backstage-plugin-common';
import fc from 'fast-check';
import { migrateUp } from '../database/migrations';
import { ManualClock } from '../__testUtils__/clock';
import { connectAgain, runnerInstance } from '../__testUtils__/runnerInstance';

jest.setTimeout(90_000);

const target = (i: number) => ({
  title: `task ${i}`,
  cluster: 'sandbox',
  namespace: `ns-${i % 20}`,
  cost_center: 'CC-1001',
});

describe('ScheduleRunner exactly once', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it('two runner instances on one PostgreSQL run 200 due tasks exactly once each', async () => {
    const knex = await databases.init('POSTGRES_15');
    await migrateUp(knex);
    const other = await connectAgain(knex);
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    const a = runnerInstance({ knex, clock, instanceId: 'a' });
    const b = runnerInstance({ knex: other, clock, instanceId: 'b' });
    for (let i = 0; i < 200; i++) {
      const input: ScheduleInput = {
        ...target(i),
        zone: 'Europe/Madrid',
        kind: 'cron',
        cron: '0 12 * * *',
        operation: i % 2 ? 'wake' : 'sleep',
      };
      await a.store.create({
        input,
        createdBy: 'u',
        at: clock.now(),
        next: nextTransition(input, clock.now().getTime()),
      });
    }
    clock.set('2026-11-23T11:00:30Z');
    const ticks = await Promise.all([
      a.runner.tick(),
      b.runner.tick(),
      a.runner.tick(),
      b.runner.tick(),
    ]);
    await Promise.all([a.runner.tick(), b.runner.tick()]);

    expect(ticks.reduce((sum, t) => sum + t.claimed, 0)).toBe(200);
    expect(a.engine.calls.length + b.engine.calls.length).toBe(200);
    const runs = await knex('ns_schedule_runs').select('schedule_id', 'status');
    expect(runs).toHaveLength(200);
    expect(new Set(runs.map(r => r.schedule_id)).size).toBe(200);
    expect(runs.every(r => r.status === 'succeeded')).toBe(true);
    const { items } = await a.activities.list({ limit: 500 });
    expect(new Set(items.map(activity => activity.schedule_id)).size).toBe(200);
    const counts = await knex('ns_schedules').select('run_count', 'next_run');
    expect(
      counts.every(
        c => c.run_count === 1 && Number(c.next_run) > clock.now().getTime(),
      ),
    ).toBe(true);
    await other.destroy();
  });

  it('runs on time: every scheduled run executes once, within 2 minutes of its time', async () => {
    const zone = fc.constantFrom(
      'Europe/Madrid',
      'America/New_York',
      'Australia/Lord_Howe',
      'UTC',
    );
    const time = fc
      .integer({ min: 0, max: 95 })
      .map(
        q =>
          `${String(Math.floor(q / 4)).padStart(2, '0')}:${String(
            (q % 4) * 15,
          ).padStart(2, '0')}`,
      );
    const cron = fc.record({
      kind: fc.constant('cron' as const),
      zone,
      cron: fc.oneof(
        fc.integer({ min: 2, max: 20 }).map(step => `*/${step} * * * *`),
        fc.integer({ min: 0, max: 59 }).map(minute => `${minute} * * * *`),
        fc
          .tuple(
            fc.integer({ min: 0, max: 59 }),
            fc.integer({ min: 0, max: 59 }),
          )
          .map(([x, y]) => `${Math.min(x, y)}-${Math.max(x, y)}/7 * * * *`),
      ),
      operation: fc.constantFrom('wake' as const, 'sleep' as const),
    });
    const weekly = fc.record({
      kind: fc.constant('weekly' as const),
      zone,
      days: fc.uniqueArray(fc.constantFrom(...WEEKDAYS), { minLength: 1 }),
      from: time,
      to: time,
    });
    // Around both Madrid DST changes, and anywhere in 2026.
    const start = fc.oneof(
      fc.constantFrom(
        Date.parse('2026-03-29T00:00:00Z'),
        Date.parse('2026-10-25T00:00:00Z'),
      ),
      fc.integer({
        min: Date.parse('2026-01-01T00:00:00Z'),
        max: Date.parse('2026-12-31T00:00:00Z'),
      }),
    );
    // The portal scheduler ticks about every minute, sometimes late.
    const gaps = fc.array(fc.integer({ min: 10, max: 90 }), {
      minLength: 80,
      maxLength: 110,
    });

    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(cron, weekly), { minLength: 1, maxLength: 4 }),
        start,
        gaps,
        async (specs, startAt, tickGaps) => {
          const knex = await databases.init('SQLITE_3');
          await migrateUp(knex);
          const clock = new ManualClock(startAt);
          const a = runnerInstance({ knex, clock, instanceId: 'a' });
          const b = runnerInstance({ knex, clock, instanceId: 'b' });
          const schedules = [];
          for (const [i, spec] of specs.entries()) {
            const input = { ...target(i), ...spec };
            schedules.push(
              await a.store.create({
                input,
                createdBy: 'u',
                at: clock.now(),
                next: nextTransition(input, startAt),
              }),
            );
          }
          for (const gap of tickGaps) {
            clock.set(clock.now().getTime() + gap * 1000);
            await Promise.all([a.runner.tick(), b.runner.tick()]);
          }
          const end = clock.now().getTime();
          const { items } = await a.activities.list({ limit: 500 });
          const runs = await knex('ns_schedule_runs').select(
            'schedule_id',
            'due_at',
            'status',
            'activity_id',
          );
          for (const schedule of schedules) {
            const expected = transitionsBetween(schedule, startAt, end).map(
              t => t.at,
            );
            const mine = runs.filter(r => r.schedule_id === schedule.id);
            expect(
              mine.map(r => Number(r.due_at)).sort((x, y) => x - y),
            ).toEqual(expected);
            for (const run of mine) {
              expect(run.status).toBe('succeeded');
              const executedAt = Date.parse(
                items.find(i => i.id === run.activity_id)!.timestamp_start,
              );
              expect(executedAt - Number(run.due_at)).toBeGreaterThanOrEqual(0);
              expect(executedAt - Number(run.due_at)).toBeLessThanOrEqual(
                120_000,
              );
            }
          }
          expect(items).toHaveLength(runs.length);
          await knex.destroy();
        },
      ),
      { numRuns: 30 },
    );
  });
});

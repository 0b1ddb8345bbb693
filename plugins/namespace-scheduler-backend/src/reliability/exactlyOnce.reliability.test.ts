import { TestDatabases } from '@backstage/backend-test-utils';
import {
  nextTransition,
  ScheduleInput,
} from '@namespace-scheduler/backstage-plugin-common';
import { migrateUp } from '../database/migrations';
import { ManualClock } from '../__testUtils__/clock';
import { connectAgain, runnerInstance } from '../__testUtils__/runnerInstance';
import { publishFigures } from './__testUtils__/figures';

jest.setTimeout(300_000);

const SCHEDULES = 250;
const ROUNDS = 4;
const EVERY_MINUTES = 15;

const input = (i: number): ScheduleInput => ({
  title: `task ${i}`,
  cluster: 'sandbox',
  namespace: `ns-${i % 50}`,
  cost_center: 'CC-1001',
  zone: 'UTC',
  kind: 'cron',
  cron: `*/${EVERY_MINUTES} * * * *`,
  operation: i % 2 ? 'wake' : 'sleep',
});

describe('exactly once: two backend instances on one PostgreSQL', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

  it(`executes each of ${
    SCHEDULES * ROUNDS
  } due runs exactly once`, async () => {
    const knex = await databases.init('POSTGRES_15');
    await migrateUp(knex);
    const other = await connectAgain(knex);
    const clock = new ManualClock('2026-11-23T10:01:00Z');
    const a = runnerInstance({ knex, clock, instanceId: 'a' });
    const b = runnerInstance({ knex: other, clock, instanceId: 'b' });
    for (let i = 0; i < SCHEDULES; i++) {
      await a.store.create({
        input: input(i),
        createdBy: 'u',
        at: clock.now(),
        next: nextTransition(input(i), clock.now().getTime()),
      });
    }

    const started = Date.now();
    let claimed = 0;
    let lost = 0;
    for (let round = 0; round < ROUNDS; round++) {
      clock.advanceMinutes(EVERY_MINUTES);
      // Both instances tick twice at once, as several replicas of the portal would.
      const ticks = await Promise.all([
        a.runner.tick(),
        b.runner.tick(),
        a.runner.tick(),
        b.runner.tick(),
      ]);
      claimed += ticks.reduce((sum, t) => sum + t.claimed, 0);
      lost += ticks.reduce((sum, t) => sum + t.lost, 0);
    }
    const elapsedMs = Date.now() - started;

    const runs = await knex('ns_schedule_runs').select(
      'schedule_id',
      'due_at',
      'status',
    );
    const occurrences = new Set(runs.map(r => `${r.schedule_id}@${r.due_at}`));
    const executions = a.engine.calls.length + b.engine.calls.length;
    const counts = await knex('ns_schedules').select('run_count');
    publishFigures('exactly-once', {
      instances: 2,
      database: 'PostgreSQL 15',
      schedules: SCHEDULES,
      dueRuns: SCHEDULES * ROUNDS,
      executions,
      duplicates: runs.length - occurrences.size,
      claimsLostToTheOtherInstance: lost,
      byInstance: { a: a.engine.calls.length, b: b.engine.calls.length },
      elapsedMs,
    });

    expect(claimed).toBe(SCHEDULES * ROUNDS);
    expect(executions).toBe(SCHEDULES * ROUNDS);
    expect(runs).toHaveLength(SCHEDULES * ROUNDS);
    expect(occurrences.size).toBe(SCHEDULES * ROUNDS);
    expect(runs.every(r => r.status === 'succeeded')).toBe(true);
    expect(counts.every(c => c.run_count === ROUNDS)).toBe(true);
    // Property 5: every run wrote its activity record, once.
    const [{ n: activities }] = await knex('ns_activities').count({ n: '*' });
    expect(Number(activities)).toBe(SCHEDULES * ROUNDS);
    await other.destroy();
  });
});

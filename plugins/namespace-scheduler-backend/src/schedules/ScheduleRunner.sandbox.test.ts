import { TestDatabases } from '@backstage/backend-test-utils';
import {
  nextTransition,
  ScheduleInput,
} from '@namespace-scheduler/backstage-plugin-common';
import { migrateUp } from '../database/migrations';
import {
  EngineSandbox,
  SEED_DIR,
  startEngineSandbox,
} from '../engine/__testUtils__/engineSandbox';
import { ManualClock } from '../__testUtils__/clock';
import { runnerInstance } from '../__testUtils__/runnerInstance';

jest.setTimeout(60_000);

describe('ScheduleRunner against the Kubernetes sandbox', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let env: EngineSandbox;

  beforeAll(async () => {
    env = await startEngineSandbox({ sandbox: { seedDir: SEED_DIR } });
  });
  afterAll(() => env.close());

  it('wakes and sleeps a namespace on its weekly window, charging the awake time', async () => {
    const knex = await databases.init('SQLITE_3');
    await migrateUp(knex);
    const clock = new ManualClock('2026-11-23T05:00:00Z');
    const { store, runner, activities } = runnerInstance({
      knex,
      clock,
      engine: env.engine,
    });
    const input: ScheduleInput = {
      title: 'Search office hours',
      cluster: 'sandbox',
      namespace: 'search-sandbox',
      cost_center: 'CC-3001',
      zone: 'Europe/Madrid',
      kind: 'weekly',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      from: '07:00',
      to: '20:00',
    };
    await store.create({
      input,
      createdBy: 'user:default/carol',
      at: clock.now(),
      next: nextTransition(input, clock.now().getTime()),
    });
    expect((await env.engine.status('sandbox', 'search-sandbox')).state).toBe(
      'asleep',
    );

    clock.set('2026-11-23T06:00:40Z');
    expect(await runner.tick()).toMatchObject({ claimed: 1, succeeded: 1 });
    const awake = await env.engine.status('sandbox', 'search-sandbox');
    expect(awake.state).toBe('awake');
    // Restored from downscaler/original-replicas.
    expect(
      awake.workloads.find(w => w.name === 'elasticsearch')?.replicas,
    ).toBe(1);

    clock.set('2026-11-23T19:00:20Z');
    expect(await runner.tick()).toMatchObject({ claimed: 1, succeeded: 1 });
    expect((await env.engine.status('sandbox', 'search-sandbox')).state).toBe(
      'asleep',
    );

    const { items } = await activities.list({ namespace: 'search-sandbox' });
    expect(
      items.map(a => [a.operation, a.status, a.duration_minutes, a.outcome]),
    ).toEqual([
      ['sleep', 'completed', 0, 'succeeded'],
      ['wake', 'completed', 780, 'succeeded'],
    ]);
    expect(items[1].result.scaled_resources.length).toBeGreaterThan(0);
  });
});

import { TestDatabases } from '@backstage/backend-test-utils';
import { migrateUp } from '../database/migrations';
import {
  EngineSandbox,
  SEED_DIR,
  startEngineSandbox,
} from '../engine/__testUtils__/engineSandbox';
import { ManualClock } from '../__testUtils__/clock';
import { runnerInstance } from '../__testUtils__/runnerInstance';
import { component, declaredHarness } from './__testUtils__/declaredHarness';

jest.setTimeout(60_000);

describe('a declared schedule on the runner, against the Kubernetes sandbox', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let env: EngineSandbox;

  beforeAll(async () => {
    env = await startEngineSandbox({ sandbox: { seedDir: SEED_DIR } });
  });
  afterAll(() => env.close());

  it('puts the namespace to sleep when its declared window ends', async () => {
    const knex = await databases.init('SQLITE_3');
    await migrateUp(knex);
    // Monday 19:58:30 in Madrid: the window below ends in 30 seconds.
    const clock = new ManualClock('2026-11-23T18:58:30Z');
    const { store, runner } = runnerInstance({
      knex,
      clock,
      engine: env.engine,
    });
    const { reconciler } = declaredHarness({
      knex,
      clock,
      store,
      entities: [
        component('search-service', 'sandbox/search-dev', {
          'namespace-scheduler/schedule':
            'search-dev: Mon-Fri 07:00-19:59 Europe/Madrid',
        }),
      ],
    });
    expect(await reconciler.reconcile()).toMatchObject({ created: 1 });
    const [declared] = await store.list();
    expect(declared).toMatchObject({
      created_by: 'component:default/search-service',
      next_run: '2026-11-23T19:59:00.000+01:00',
      next_operation: 'sleep',
    });
    expect((await env.engine.status('sandbox', 'search-dev')).state).toBe(
      'awake',
    );

    clock.set('2026-11-23T18:59:20Z');
    expect(await runner.tick()).toMatchObject({ claimed: 1, succeeded: 1 });
    expect((await env.engine.status('sandbox', 'search-dev')).state).toBe(
      'asleep',
    );
    expect((await store.get(declared.id))?.run_count).toBe(1);
  });
});

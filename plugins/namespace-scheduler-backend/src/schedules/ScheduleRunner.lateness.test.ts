import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  nextTransition,
  ScheduleInput,
} from '@namespace-scheduler/backstage-plugin-common';
import { migrateUp } from '../database/migrations';
import { ManualClock } from '../__testUtils__/clock';
import { runnerInstance } from '../__testUtils__/runnerInstance';
import { ScheduleRunner } from './ScheduleRunner';

const TASK: ScheduleInput = {
  title: 'nightly',
  cluster: 'sandbox',
  namespace: 'shop-dev',
  cost_center: 'CC-1001',
  zone: 'UTC',
  kind: 'cron',
  cron: '0 20 * * *',
  operation: 'sleep',
};

describe('ScheduleRunner lateness', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('reports how late each claimed run starts after its due time', async () => {
    const knex = await databases.init('SQLITE_3');
    await migrateUp(knex);
    const clock = new ManualClock('2026-11-24T19:59:00Z');
    const node = runnerInstance({ knex, clock });
    await node.store.create({
      input: TASK,
      createdBy: 'user:default/alice',
      at: clock.now(),
      next: nextTransition(TASK, clock.now().getTime()),
    });
    const lateness: number[] = [];
    const runner = ScheduleRunner.create({
      store: node.store,
      operations: node.operations,
      logger: mockServices.logger.mock(),
      clock,
      onLateness: seconds => lateness.push(seconds),
    });

    clock.set('2026-11-24T20:00:45Z');
    await runner.tick();
    await runner.tick();

    expect(lateness).toEqual([45]);
  });
});

import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import knexFactory from 'knex';
import { KnexActivityStore } from '../activity';
import { NamespaceOperations } from '../engine';
import { OperationService } from '../operations';
import { KnexScheduleStore, ScheduleRunner } from '../schedules';
import { Clock } from '../time/Clock';
import { FakeEngine } from './fakeEngine';

/** One backend instance on a database: its own engine, services and runner. */
export function runnerInstance<
  E extends NamespaceOperations = FakeEngine,
>(options: { knex: Knex; clock: Clock; instanceId?: string; engine?: E }) {
  const { knex, clock } = options;
  const engine = options.engine ?? new FakeEngine();
  const logger = mockServices.logger.mock();
  const activities = KnexActivityStore.create({ knex });
  const operations = OperationService.create({
    engine,
    activities,
    clock,
    logger,
  });
  const store = KnexScheduleStore.create({ knex });
  const runner = ScheduleRunner.create({
    store,
    operations,
    logger,
    clock,
    instanceId: options.instanceId ?? 'a',
  });
  return { engine, activities, operations, store, runner };
}

/** A second, independent connection pool to the PostgreSQL database `knex` uses. */
export async function connectAgain(knex: Knex): Promise<Knex> {
  const { rows } = await knex.raw<{ rows: Array<{ db: string }> }>(
    'select current_database() as db',
  );
  const url = new URL(
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ?? '',
  );
  url.pathname = `/${rows[0].db}`;
  return knexFactory({ client: 'pg', connection: url.toString() });
}

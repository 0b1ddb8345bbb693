import { TestDatabases } from '@backstage/backend-test-utils';
import { migrateDownAll, migrateUp } from './migrations';

jest.setTimeout(60_000);

describe('migrations', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it('runs on PostgreSQL, started by the test setup', () => {
    expect(databases.eachSupportedId().map(([id]) => id)).toContain(
      'POSTGRES_15',
    );
  });

  it.each(databases.eachSupportedId())(
    'migrates up, down and up again on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUp(knex);
      await knex('ns_activities').insert({
        id: 'a1',
        namespace_name: 'shop-dev',
        cluster_name: 'sandbox',
        operation_type: 'wake',
        cost_center: 'CC-1001',
        requested_by: 'user:default/alice',
        status: 'active',
        timestamp_start: Date.UTC(2026, 10, 22, 7, 0),
      });
      const [row] = await knex('ns_activities').where({ id: 'a1' });
      expect(Number(row.timestamp_start)).toBe(Date.UTC(2026, 10, 22, 7, 0));

      await migrateDownAll(knex);
      expect(await knex.schema.hasTable('ns_activities')).toBe(false);
      await migrateUp(knex);
      expect(await knex.schema.hasTable('ns_activities')).toBe(true);
    },
  );
});

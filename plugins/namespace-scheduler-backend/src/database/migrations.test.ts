import { TestDatabases } from '@backstage/backend-test-utils';
import { migrateDownAll, migrateUp } from './migrations';

jest.setTimeout(60_000);

const TABLES = [
  'ns_activities',
  'ns_schedules',
  'ns_schedule_runs',
  'ns_schedule_locks',
  'ns_cost_center_permissions',
  'ns_off_hours_slots',
  'ns_off_hours_boundaries',
  'ns_activity_outbox',
  'ns_operation_leases',
  'ns_sleep_notices',
  'ns_declared_schedule_states',
];

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
        outcome: 'succeeded',
        timestamp_start: Date.UTC(2026, 10, 22, 7, 0),
        result: '{}',
      });
      const [row] = await knex('ns_activities').where({ id: 'a1' });
      expect(Number(row.timestamp_start)).toBe(Date.UTC(2026, 10, 22, 7, 0));
      // One open (active) record per namespace.
      const secondOpen = async () => {
        await knex('ns_activities').insert({ ...row, id: 'a2' });
      };
      // SqliteError may come from another realm than jest's Error: match its message.
      await expect(secondOpen()).rejects.toHaveProperty(
        'message',
        expect.stringMatching(/unique/i),
      );

      await migrateDownAll(knex);
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
      await migrateUp(knex);
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
    },
  );
});

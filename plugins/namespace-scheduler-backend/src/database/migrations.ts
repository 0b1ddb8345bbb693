import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@namespace-scheduler/backstage-plugin-backend',
  'migrations',
);

/** Brings the plugin's tables up to date. */
export async function migrateUp(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDir });
}

/** Rolls every migration of the plugin back (used by tests). */
export async function migrateDownAll(knex: Knex): Promise<void> {
  await knex.migrate.rollback({ directory: migrationsDir }, true);
}

import { startTestPostgres } from './postgres';

export const PG_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * Jest global setup: starts one real PostgreSQL for this package's tests
 * unless one is given in the environment (TestDatabases reads PG_ENV).
 */
export default async function globalSetup() {
  if (process.env[PG_ENV]) return;
  const pg = await startTestPostgres();
  process.env[PG_ENV] = pg.connectionString;
  (globalThis as { __nsPostgres?: { stop(): Promise<void> } }).__nsPostgres =
    pg;
}

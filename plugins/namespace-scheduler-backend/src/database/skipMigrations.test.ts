import { TestDatabases } from '@backstage/backend-test-utils';
import {
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import {
  componentClaiming,
  SANDBOX_SEED_DIR,
  startPluginBackend,
} from '../__testUtils__/startPluginBackend';

jest.setTimeout(60_000);

describe('skipMigrations', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let sandbox: KubeSandbox;

  beforeEach(async () => {
    sandbox = await startKubeSandbox({ seedDir: SANDBOX_SEED_DIR });
  });
  afterEach(() => sandbox.close());

  it.each([false, true])(
    'creates the tables unless migrations are skipped (skip: %p)',
    async skip => {
      const knex = await databases.init('SQLITE_3');
      await startPluginBackend({
        sandbox,
        entities: [componentClaiming('shop-api', 'sandbox/shop-dev')],
        database: knex,
        skipMigrations: skip,
      });
      expect(await knex.schema.hasTable('ns_activities')).toBe(!skip);
      expect(await knex.schema.hasTable('ns_operation_leases')).toBe(!skip);
    },
  );
});

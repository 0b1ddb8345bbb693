import { TestDatabases } from '@backstage/backend-test-utils';
import {
  describeActivityStoreContract,
  describeCostCenterPermissionStoreContract,
} from '@namespace-scheduler/backstage-plugin-node/testUtils';
import { KnexActivityStore } from '../activity';
import { KnexCostCenterPermissionStore } from '../costCenters';
import { migrateUp } from '../database/migrations';

jest.setTimeout(60_000);

// The portal database's stores, on each database the plugin supports, pass
// the contracts a module's stores pass too (the DynamoDB module runs them
// against DynamoDB Local).
const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

for (const [id] of databases.eachSupportedId()) {
  const migrated = async () => {
    const knex = await databases.init(id);
    await migrateUp(knex);
    return knex;
  };
  describeActivityStoreContract(id, async () =>
    KnexActivityStore.create({ knex: await migrated() }),
  );
  describeCostCenterPermissionStoreContract(id, async () =>
    KnexCostCenterPermissionStore.create({ knex: await migrated() }),
  );
}

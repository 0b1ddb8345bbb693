import { TestDatabases } from '@backstage/backend-test-utils';
import { describeCostCenterPermissionStoreContract } from '@namespace-scheduler/backstage-plugin-node/testUtils';
import { migrateUp } from '../database/migrations';
import { KnexCostCenterPermissionStore } from './KnexCostCenterPermissionStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
for (const [id] of databases.eachSupportedId()) {
  describeCostCenterPermissionStoreContract(id, async () => {
    const knex = await databases.init(id);
    await migrateUp(knex);
    return KnexCostCenterPermissionStore.create({ knex });
  });
}

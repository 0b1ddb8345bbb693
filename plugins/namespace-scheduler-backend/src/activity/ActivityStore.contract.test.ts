import { TestDatabases } from '@backstage/backend-test-utils';
import { describeActivityStoreContract } from '@namespace-scheduler/backstage-plugin-node/testUtils';
import { migrateUp } from '../database/migrations';
import { KnexActivityStore } from './KnexActivityStore';

jest.setTimeout(60_000);

// The portal database's store, on each database the plugin supports; the
// DynamoDB module runs the same contract against DynamoDB Local.
const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
for (const [id] of databases.eachSupportedId()) {
  describeActivityStoreContract(id, async () => {
    const knex = await databases.init(id);
    await migrateUp(knex);
    return KnexActivityStore.create({ knex });
  });
}

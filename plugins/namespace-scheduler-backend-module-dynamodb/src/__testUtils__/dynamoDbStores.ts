import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { migrateUp } from '../database/migrations';
import { createStores, Stores } from '../storage/createStores';
import {
  dynamoDbConfig,
  startDynamoDbLocal,
  TestDynamoDb,
} from './dynamoDbLocal';

/**
 * DynamoDB Local for the enclosing describe block, and the plugin's stores
 * as the backend creates them, over a fresh SQLite portal database; all
 * closed after the block.
 */
export function dynamoDbStores(databases: TestDatabases) {
  let dynamo: TestDynamoDb;
  const opened: Stores[] = [];

  beforeAll(async () => {
    dynamo = await startDynamoDbLocal();
  });
  afterAll(async () => {
    opened.forEach(stores => stores.close());
    await dynamo?.dispose();
  });

  return {
    /** Config on fresh tables of the block's DynamoDB Local. */
    config: () => dynamoDbConfig(dynamo),
    /** The stores that `namespaceScheduler` config selects. */
    async open(namespaceScheduler: object) {
      const knex = await databases.init('SQLITE_3');
      await migrateUp(knex);
      const stores = await createStores({
        config: new ConfigReader({ namespaceScheduler }),
        logger: mockServices.logger.mock(),
        knex,
      });
      opened.push(stores);
      return { stores, knex };
    },
  };
}

import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createDynamoDbStores } from '../createDynamoDbStores';
import {
  dynamoDbConfig,
  startDynamoDbLocal,
  TestDynamoDb,
} from './dynamoDbLocal';

/**
 * DynamoDB Local for the enclosing describe block, and the module's stores
 * as the backend creates them; all closed after the block.
 */
export function dynamoDbStores() {
  let dynamo: TestDynamoDb;
  const opened: Array<{ close(): void }> = [];

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
    /** The stores that `namespaceScheduler` config describes. */
    async open(namespaceScheduler: object) {
      const created = await createDynamoDbStores({
        config: new ConfigReader({ namespaceScheduler }),
        logger: mockServices.logger.mock(),
      });
      opened.push(created);
      return created.stores;
    },
  };
}

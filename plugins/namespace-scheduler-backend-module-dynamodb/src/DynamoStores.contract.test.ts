import {
  describeActivityStoreContract,
  describeCostCenterPermissionStoreContract,
} from '@namespace-scheduler/backstage-plugin-node/testUtils';
import { dynamoDbStores } from './__testUtils__/dynamoDbStores';

jest.setTimeout(60_000);

// The contracts the plugin's portal-database stores pass, on DynamoDB Local,
// each test on fresh tables.
const dynamo = dynamoDbStores();

describeActivityStoreContract('DynamoDB', async () => {
  const stores = await dynamo.open(dynamo.config());
  return stores.activities;
});

describeCostCenterPermissionStoreContract('DynamoDB', async () => {
  const { costCenterPermissions } = await dynamo.open(dynamo.config());
  if (!costCenterPermissions) throw new Error('no permission table configured');
  return costCenterPermissions;
});

import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  NamespaceSchedulerStores,
  ReadinessCheck,
} from '@namespace-scheduler/backstage-plugin-node';
import { readDynamoDbConfig } from './config';
import { DynamoActivityStore } from './DynamoActivityStore';
import { DynamoCostCenterPermissionStore } from './DynamoCostCenterPermissionStore';
import { DynamoDbAccess } from './DynamoDbAccess';
import { ensureTables } from './ensureTables';
import { isWorthQueueing } from './errors';
import { activityTableDefinition, permissionsTableDefinition } from './tables';

/**
 * The stores `namespaceScheduler.dynamodb` describes, with the tables
 * checked (or created) first, so a wrong table fails startup rather than
 * the first operation. `close` releases the client.
 */
export async function createDynamoDbStores(options: {
  config: Config;
  logger: LoggerService;
}): Promise<{ stores: NamespaceSchedulerStores; close(): void }> {
  const settings = readDynamoDbConfig(options.config);
  const access = DynamoDbAccess.create(settings);
  const { activityTable, permissionsTable } = settings;
  await ensureTables({
    access,
    tables: [
      activityTableDefinition(activityTable),
      ...(permissionsTable
        ? [permissionsTableDefinition(permissionsTable)]
        : []),
    ],
    create: settings.createTables,
    logger: options.logger,
  });
  return {
    stores: {
      activities: DynamoActivityStore.create({
        access,
        tableName: activityTable,
      }),
      // The plugin queues what DynamoDB cannot take and replays it.
      outbox: { isWorthQueueing, replaySeconds: settings.outboxFlushSeconds },
      ...(permissionsTable && {
        costCenterPermissions: DynamoCostCenterPermissionStore.create({
          access,
          tableName: permissionsTable,
        }),
        // No operation passes its cost-center check without this table.
        // Activities alone need no check: their writes wait in the outbox.
        readinessChecks: [tableCheck(access, permissionsTable)],
      }),
    },
    close: () => access.close(),
  };
}

/**
 * DynamoDB answers for the table. Sent past the retries and the breaker: a
 * probe should report what DynamoDB says now, at once.
 */
function tableCheck(access: DynamoDbAccess, tableName: string): ReadinessCheck {
  return {
    name: 'dynamodb',
    check: async signal => {
      await access.client.send(
        new DescribeTableCommand({ TableName: tableName }),
        {
          abortSignal: signal,
        },
      );
    },
  };
}

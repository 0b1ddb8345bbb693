import {
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Knex } from 'knex';
import { ActivityStore, KnexActivityStore } from '../activity';
import { KnexActivityOutbox, QueueingActivityStore } from '../activity/outbox';
import {
  CostCenterPermissionStore,
  KnexCostCenterPermissionStore,
} from '../costCenters';
import {
  activityTableDefinition,
  DynamoActivityStore,
  DynamoCostCenterPermissionStore,
  DynamoDbAccess,
  ensureTables,
  isWorthQueueing,
  permissionsTableDefinition,
  readDynamoDbConfig,
  readStoreKind,
} from '../dynamodb';
import type { ReadinessCheck } from '../health';

export const OUTBOX_TASK_ID = 'namespace-scheduler-activity-outbox';

/** Where activities and cost-center permissions live, and what they need running. */
export type Stores = {
  activities: ActivityStore;
  costCenterPermissions: CostCenterPermissionStore;
  /** Replays activity writes queued while DynamoDB was unavailable. */
  outboxTask?: SchedulerServiceTaskScheduleDefinition & {
    id: string;
    fn: () => Promise<void>;
  };
  close(): void;
  /** Dependencies of the stores that `/health/ready` checks (e.g. DynamoDB). */
  readinessChecks?: ReadinessCheck[];
};

/**
 * Picks the stores `namespaceScheduler.activityStore` names: the portal
 * database (default), or DynamoDB in the table layout of the earlier in-house
 * scheduler (docs/dynamodb.md), with the tables checked (or created) before
 * the plugin starts.
 */
export async function createStores(options: {
  config: Config;
  logger: LoggerService;
  knex: Knex;
}): Promise<Stores> {
  const { config, logger, knex } = options;
  if (readStoreKind(config) === 'database') {
    return {
      activities: KnexActivityStore.create({ knex }),
      costCenterPermissions: KnexCostCenterPermissionStore.create({ knex }),
      close: () => {},
    };
  }
  const settings = readDynamoDbConfig(config);
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
    logger,
  });
  const activities = QueueingActivityStore.create({
    store: DynamoActivityStore.create({ access, tableName: activityTable }),
    outbox: KnexActivityOutbox.create({ knex }),
    logger,
    isWorthQueueing,
  });
  return {
    activities,
    costCenterPermissions: permissionsTable
      ? DynamoCostCenterPermissionStore.create({
          access,
          tableName: permissionsTable,
        })
      : KnexCostCenterPermissionStore.create({ knex }),
    outboxTask: {
      id: OUTBOX_TASK_ID,
      // Every instance replays: the outbox is shared and replays are idempotent.
      scope: 'local',
      frequency: { seconds: settings.outboxFlushSeconds },
      timeout: { minutes: 5 },
      fn: async () => {
        await activities.flush();
      },
    },
    close: () => access.close(),
  };
}

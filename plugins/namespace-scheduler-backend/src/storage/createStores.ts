import {
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  ActivityStore,
  CostCenterPermissionStore,
  NamespaceSchedulerStores,
  ReadinessCheck,
} from '@namespace-scheduler/backstage-plugin-node';
import { Knex } from 'knex';
import { KnexActivityStore } from '../activity';
import { KnexActivityOutbox, QueueingActivityStore } from '../activity/outbox';
import { KnexCostCenterPermissionStore } from '../costCenters';
import { checkStoreConfig } from './checkStoreConfig';

export const OUTBOX_TASK_ID = 'namespace-scheduler-activity-outbox';

const DEFAULT_REPLAY_SECONDS = 15;

/** Where activities and cost-center permissions live, and what they need running. */
export type Stores = {
  activities: ActivityStore;
  costCenterPermissions: CostCenterPermissionStore;
  /** Replays activity writes queued while a module's store was unavailable. */
  outboxTask?: SchedulerServiceTaskScheduleDefinition & {
    id: string;
    fn: () => Promise<void>;
  };
  /** Dependencies of the stores that `/health/ready` checks. */
  readinessChecks: ReadinessCheck[];
};

/**
 * The stores a module set through namespaceSchedulerStoresExtensionPoint,
 * the activity store behind the outbox when the module asks for it; the
 * portal database for whatever no module set.
 */
export function createStores(options: {
  config: Config;
  logger: LoggerService;
  knex: Knex;
  fromModule?: NamespaceSchedulerStores;
}): Stores {
  const { config, logger, knex, fromModule } = options;
  checkStoreConfig(config, fromModule !== undefined);
  const costCenterPermissions =
    fromModule?.costCenterPermissions ??
    KnexCostCenterPermissionStore.create({ knex });
  const readinessChecks = fromModule?.readinessChecks ?? [];
  if (!fromModule) {
    const activities = KnexActivityStore.create({ knex });
    return { activities, costCenterPermissions, readinessChecks };
  }
  if (!fromModule.outbox) {
    const { activities } = fromModule;
    return { activities, costCenterPermissions, readinessChecks };
  }
  const activities = QueueingActivityStore.create({
    store: fromModule.activities,
    outbox: KnexActivityOutbox.create({ knex }),
    logger,
    isWorthQueueing: fromModule.outbox.isWorthQueueing,
  });
  const seconds = fromModule.outbox.replaySeconds ?? DEFAULT_REPLAY_SECONDS;
  return {
    activities,
    costCenterPermissions,
    readinessChecks,
    outboxTask: {
      id: OUTBOX_TASK_ID,
      // Every instance replays: the outbox is shared and replays are idempotent.
      scope: 'local',
      frequency: { seconds },
      timeout: { minutes: 5 },
      fn: async () => {
        await activities.flush();
      },
    },
  };
}

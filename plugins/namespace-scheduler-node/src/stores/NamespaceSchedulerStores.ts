import { ActivityStore } from './ActivityStore';
import { CostCenterPermissionStore } from './CostCenterPermissionStore';
import { ReadinessCheck } from './ReadinessCheck';
import { ReplayableActivityStore } from './ReplayableActivityStore';

/**
 * How the plugin keeps a remote store's writes through its outages: a write
 * that fails with an error `isWorthQueueing` accepts is kept in an outbox in
 * the portal database and replayed in order, every `replaySeconds` and
 * before each read, so an operation never loses its record.
 *
 * @public
 */
export interface ActivityOutboxOptions {
  /** False for errors no later attempt would fix (an invalid request): those fail the write. */
  isWorthQueueing(error: unknown): boolean;
  /** How often each backend instance replays the outbox. Default 15. */
  replaySeconds?: number;
}

/**
 * The stores a backend module gives the plugin in place of its
 * portal-database ones, with what they need around them.
 *
 * @public
 */
export type NamespaceSchedulerStores = {
  /** Cost-center permissions; they stay in the portal database when absent. */
  costCenterPermissions?: CostCenterPermissionStore;
  /** What `/health/ready` checks besides the portal database and the clusters. */
  readinessChecks?: ReadinessCheck[];
} & (
  | { activities: ActivityStore; outbox?: undefined }
  // Only a store whose writes can be replayed may be queued.
  | { activities: ReplayableActivityStore; outbox: ActivityOutboxOptions }
);

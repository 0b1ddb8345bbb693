import {
  Activity,
  ActivityPage,
  AwakeRecord,
  ActivitySource,
  ActivityStatus,
  OperationResult,
  OperationType,
} from '@namespace-scheduler/backstage-plugin-common';

/**
 * One operation to record, as the plugin's operation service saw it.
 *
 * @public
 */
export type NewActivity = {
  cluster: string;
  namespace: string;
  operation: OperationType;
  replicas?: number;
  costCenter: string;
  requestedBy: string;
  approvedBy?: string;
  userId?: string;
  scheduleId?: string;
  /** What made it happen. */
  source?: ActivitySource;
  /** Why, in words (at most 500 characters are kept). */
  reason?: string;
  timestampStart: Date;
  timestampEnd: Date;
  result: OperationResult;
};

/**
 * How a record changes the namespace's charging:
 * - `open`: it starts being charged (a wake, a scale up). The record stays
 *   `active`; a record still open for the namespace is completed at its start.
 * - `close`: it stops being charged (a sleep, a scale to 0). The namespace's
 *   open record is completed at this one's end.
 * - `none`: nothing changes (a failed operation).
 *
 * @public
 */
export type ActivityEffect = 'open' | 'close' | 'none';

/**
 * Filters of the activity log, newest first.
 *
 * @public
 */
export type ActivityQuery = {
  cluster?: string;
  namespace?: string;
  costCenter?: string;
  operation?: OperationType;
  requestedBy?: string;
  status?: ActivityStatus;
  outcome?: Activity['outcome'];
  /** timestamp_start at or after. */
  from?: Date;
  /** timestamp_start before. */
  to?: Date;
  /** Default 50, at most 500. */
  limit?: number;
  /** `next_cursor` of the previous page. */
  cursor?: string;
};

/**
 * Page size of an activity query without `limit`.
 *
 * @public
 */
export const DEFAULT_ACTIVITY_PAGE = 50;

/**
 * The largest page an activity query returns, whatever its `limit`.
 *
 * @public
 */
export const MAX_ACTIVITY_PAGE = 500;

/**
 * Where activities live: the portal database, or a store a backend module
 * sets (DynamoDB: docs/dynamodb.md). The interface is storage-neutral:
 * opaque cursors, one record per operation, and the open/close rule applied
 * atomically by the store. `activityStoreContract` from `./testUtils` is
 * the test suite every store passes.
 *
 * @public
 */
export interface ActivityStore {
  /** Writes one record and applies its effect on the namespace's open record, atomically. */
  record(activity: NewActivity, effect: ActivityEffect): Promise<Activity>;
  /** The record with this id, as it is now (completed once a later record closed it). */
  get(id: string): Promise<Activity | undefined>;
  /** One page of the records the query matches, newest first. */
  list(query: ActivityQuery): Promise<ActivityPage>;
  /**
   * The records of the namespaces that can overlap [from, now], in no
   * particular order: every one that ended at or after `from` or is still
   * open, which includes all that started since. Only the latest record that
   * opened an awake period before `from` can still be open then (a later
   * one completes it), so a store may instead return that record and those
   * after it. One read for many namespaces, so charts need not page.
   */
  periodRecords(
    namespaces: { cluster: string; namespace: string }[],
    from: Date,
  ): Promise<AwakeRecord[]>;
}

import { OperationResult } from './operations';
import type { OperationType } from './vocabulary';

/**
 * `active` while a woken namespace is charged; the next sleep completes it.
 *
 * @public
 */
export type ActivityStatus = 'active' | 'completed';

/**
 * One wake, sleep or scale of a namespace: one record of the activity log.
 *
 * @public
 */
export type Activity = {
  id: string;
  namespace: string;
  cluster: string;
  operation: OperationType;
  /** For `scale`: the replicas asked for. */
  replicas?: number;
  cost_center: string;
  /** The portal user's entity ref, or `scheduler` for scheduled runs. */
  requested_by: string;
  approved_by?: string;
  /** The person behind it: the user, or the creator of the schedule that ran. */
  user_id?: string;
  schedule_id?: string;
  status: ActivityStatus;
  /** Whether the engine succeeded. */
  outcome: 'succeeded' | 'failed';
  timestamp_start: string;
  timestamp_end?: string;
  /**
   * Of a wake (or scale up): how long the namespace stayed awake, set when a
   * sleep completes it. Of anything else: how long the operation took.
   */
  duration_minutes?: number;
  /** The engine's result, rollback included. */
  result: OperationResult;
};

/**
 * A page of activities, newest first; pass `next_cursor` back for the next page.
 *
 * @public
 */
export type ActivityPage = {
  items: Activity[];
  next_cursor?: string;
};

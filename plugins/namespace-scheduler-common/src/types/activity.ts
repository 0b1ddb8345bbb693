import { OperationResult } from './operations';
import type { OperationType } from './vocabulary';

/**
 * `active` while a woken namespace is charged; the next sleep completes it.
 *
 * @public
 */
export type ActivityStatus = 'active' | 'completed';

/**
 * What made an operation happen: a person now (`manual`), a schedule's run
 * (`schedule`), a user running a schedule now (`run-now`), an override taking
 * hold or ending (`override`), or the runner putting namespaces without an
 * off-hours slot to sleep when business hours end (`off-hours-boundary`).
 *
 * @public
 */
export const ACTIVITY_SOURCES = [
  'manual',
  'schedule',
  'run-now',
  'override',
  'off-hours-boundary',
] as const;

/** @public */
export type ActivitySource = (typeof ACTIVITY_SOURCES)[number];

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
  /** What made it happen; absent on records written before it was kept. */
  source?: ActivitySource;
  /**
   * Why, in words, e.g. "Manual sleep by alice" or
   * "Schedule 'Office hours' (Mon–Fri 08:00–19:00 Europe/Madrid)".
   */
  reason?: string;
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

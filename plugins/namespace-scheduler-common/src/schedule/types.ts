import type { ScheduleDeclaration } from '../declared/types';

/**
 * What a schedule does to its namespace.
 *
 * @public
 */
export type ScheduleOperation = 'wake' | 'sleep' | 'scale';

/** @public */
export const WEEKDAYS = [
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
  'sun',
] as const;
/** @public */
export type Weekday = (typeof WEEKDAYS)[number];

/** @public */
export const SCHEDULE_KINDS = ['cron', 'window', 'weekly', 'override'] as const;
/** @public */
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/**
 * When a schedule acts. Times are in `zone` (an IANA name); `start`, `end`
 * and `until` are ISO 8601 date-times (without an offset they are local to
 * `zone`); `except_dates` are local `YYYY-MM-DD` days on which the schedule
 * does nothing.
 *
 * @public
 */
export type CronTiming = {
  kind: 'cron';
  zone: string;
  /** Five fields: minute hour day-of-month month day-of-week, local to `zone`. */
  cron: string;
  operation: ScheduleOperation;
  /** Only with `scale`. */
  replicas?: number;
  except_dates?: string[];
};

/**
 * A one-off window: wake at `start`, sleep at `end`.
 *
 * @public
 */
export type WindowTiming = {
  kind: 'window';
  zone: string;
  start: string;
  end: string;
};

/**
 * Awake on `days` from `from` to `to` (`HH:mm`); `to` ≤ `from` runs overnight
 * into the next day (`to` = `from`: 24 hours). Occurrences that meet merge.
 *
 * @public
 */
export type WeeklyTiming = {
  kind: 'weekly';
  zone: string;
  days: Weekday[];
  from: string;
  to: string;
  except_dates?: string[];
};

/**
 * Wake or sleep now and hold it, optionally `until` a time; meanwhile other schedules of the namespace are suspended.
 *
 * @public
 */
export type OverrideTiming = {
  kind: 'override';
  zone: string;
  operation: 'wake' | 'sleep';
  until?: string;
};

/** @public */
export type ScheduleTiming =
  | CronTiming
  | WindowTiming
  | WeeklyTiming
  | OverrideTiming;

/**
 * What every schedule names.
 *
 * @public
 */
export type ScheduleTarget = {
  title: string;
  cluster: string;
  namespace: string;
  cost_center: string;
};

/**
 * A schedule as created or replaced through the API.
 *
 * @public
 */
export type ScheduleInput = ScheduleTarget & ScheduleTiming;

/**
 * `active` schedules run; `completed` ones (ended windows, released overrides) never will again.
 *
 * @public
 */
export type ScheduleStatus = 'active' | 'completed';

/** @public */
export type RunOutcome = 'succeeded' | 'failed' | 'skipped';

/**
 * The latest run of a schedule ("last result").
 *
 * @public
 */
export type ScheduleRunSummary = {
  due_at: string;
  ran_at: string;
  trigger: 'schedule' | 'manual';
  operation?: ScheduleOperation;
  outcome: RunOutcome;
  activity_id?: string;
  /** Why it failed or was skipped. */
  message?: string;
};

/**
 * A stored schedule with its bookkeeping: creator, next run and run counts.
 *
 * @public
 */
export type Schedule = ScheduleInput & {
  id: string;
  status: ScheduleStatus;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** The next transition, when there is one. */
  next_run?: string;
  next_operation?: ScheduleOperation;
  run_count: number;
  success_count: number;
  error_count: number;
  /** Runs not executed: missed during downtime or suspended by an override. */
  skipped_count: number;
  last_run?: ScheduleRunSummary;
  /** An override ended by an operation that went against it: who ran that operation… */
  ended_by?: string;
  /** …and when (ISO 8601, UTC). */
  ended_at?: string;
  /** Declared in the catalog: read-only here. */
  declared?: ScheduleDeclaration;
};

/**
 * One recorded (schedule, due time): executed, failed, skipped or missed.
 *
 * @public
 */
export type ScheduleRun = {
  id: string;
  schedule_id: string;
  due_at: string;
  trigger: 'schedule' | 'manual';
  operation?: ScheduleOperation;
  status: 'claimed' | RunOutcome | 'missed';
  message?: string;
  claimed_by: string;
  claimed_at: string;
  finished_at?: string;
  activity_id?: string;
};

/**
 * A change of a namespace's state a schedule causes, at an instant (epoch ms).
 *
 * @public
 */
export type ScheduleTransition = {
  at: number;
  operation: ScheduleOperation;
  replicas?: number;
  /**
   * An override ends here: the namespace's other schedules decide what
   * happens (see `resolveRelease`); `operation` is the fallback.
   */
  release?: boolean;
};

/**
 * What a predicted transition comes from: one of the namespace's schedules,
 * an override's release, or the off-hours boundary (the limit's sleep); the
 * same names as an activity's `source`.
 *
 * @public
 */
export type TransitionSource = 'schedule' | 'override' | 'off-hours-boundary';

/**
 * One entry of a namespace's calendar preview.
 *
 * @public
 */
export type PreviewTransition = {
  at: string;
  operation: ScheduleOperation;
  replicas?: number;
  /** The schedule acting; absent for the off-hours boundary. */
  schedule_id?: string;
  /** The schedule's title, or `Off-hours limit`. */
  title: string;
  /** The schedule's kind; absent for the off-hours boundary. */
  kind?: ScheduleKind;
  /** The override that holds the namespace then, so this transition will not run. */
  suppressed_by?: string;
  source?: TransitionSource;
  /** Why, in a few words: `weekly schedule "Office hours"`, `off-hours start: no off-hours slot`. */
  reason?: string;
};

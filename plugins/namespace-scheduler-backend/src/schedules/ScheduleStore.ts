import { NotFoundError } from '@backstage/errors';
import {
  RunOutcome,
  Schedule,
  ScheduleDeclaration,
  ScheduleInput,
  ScheduleOperation,
  ScheduleRun,
  ScheduleTransition,
} from '@namespace-scheduler/backstage-plugin-common';

/**
 * A schedule's catalog declaration, with the key that makes one entry of one
 * entity on one namespace a single schedule (unique in the store).
 */
export type DeclaredRecord = ScheduleDeclaration & { key: string };

export type NewSchedule = {
  input: ScheduleInput;
  createdBy: string;
  at: Date;
  /** The first transition; none leaves the schedule waiting (an override without `until`). */
  next?: ScheduleTransition;
  /** Declared in the catalog (only the reconciler sets it). */
  declared?: DeclaredRecord;
};

export type ScheduleUpdate = {
  input: ScheduleInput;
  at: Date;
  next?: ScheduleTransition;
  /** A new declaration; none keeps the schedule's. */
  declared?: DeclaredRecord;
};

/**
 * Runs inside a write's transaction, with the other schedules of the
 * namespace written to, while no other write to that namespace can run;
 * throw to refuse the write.
 */
export type SiblingCheck = (siblings: Schedule[]) => void;

/** An operation about to run on a namespace, which may end the override holding it. */
export type OverrideEnding = {
  cluster: string;
  namespace: string;
  /** When the operation starts. */
  at: Date;
  /** Who runs it. */
  by: string;
  /** Of the namespace's schedules, the override the operation ends, if any. */
  ends: (schedules: Schedule[]) => Schedule | undefined;
};

/** A claim on one (schedule, due time) before running it. */
export type RunClaim = {
  scheduleId: string;
  dueAt: Date;
  trigger: 'schedule' | 'manual';
  operation?: ScheduleOperation;
  claimedBy: string;
  claimedAt: Date;
  /**
   * For scheduled runs: move the schedule on to `next` (none completes it),
   * recording the occurrences missed before `dueAt` — only when its next run
   * is still `expectedNextRun`, so exactly one claimant wins.
   */
  advance?: {
    expectedNextRun: Date;
    next?: ScheduleTransition;
    missed: Date[];
    missedCount: number;
  };
};

/** A run whose claimant never recorded how it ended. */
export type StaleClaim = Pick<
  RunClaim,
  'scheduleId' | 'dueAt' | 'trigger' | 'operation' | 'claimedBy' | 'claimedAt'
> & { runId: string };

export type RunFinish = {
  runId: string;
  scheduleId: string;
  dueAt: Date;
  trigger: 'schedule' | 'manual';
  operation?: ScheduleOperation;
  outcome: RunOutcome;
  message?: string;
  activityId?: string;
  finishedAt: Date;
};

/** The schedules themselves. */
export interface ScheduleRecords {
  /** An override completes the namespace's earlier overrides: one holds at a time. */
  create(schedule: NewSchedule, check?: SiblingCheck): Promise<Schedule>;
  /** Throws NotFoundError for an unknown id. */
  replace(
    id: string,
    update: ScheduleUpdate,
    check?: SiblingCheck,
  ): Promise<Schedule>;
  /** Deletes the schedule and its runs; false when there was none. */
  delete(id: string): Promise<boolean>;
  /**
   * Takes back an override whose first run failed, as if never created: it
   * and its runs are deleted, and the overrides its creation completed are
   * active again with the next run `nextOf` gives, unless another override
   * holds the namespace by then.
   */
  withdrawOverride(
    id: string,
    nextOf: (schedule: Schedule) => NewSchedule['next'],
  ): Promise<void>;
  /**
   * Ends the override `ending.ends` picks from the namespace's schedules,
   * read under the namespace's lock: it is completed with who and when, and
   * holds back nothing more. Returns it as it was before, or none.
   */
  endOverride(ending: OverrideEnding): Promise<Schedule | undefined>;
  /**
   * Puts back an override `endOverride` ended at `endedAt` (its operation
   * failed), unless it changed since.
   */
  reinstateOverride(override: Schedule, endedAt: Date): Promise<void>;
  get(id: string): Promise<Schedule | undefined>;
  list(filter?: { cluster?: string; namespace?: string }): Promise<Schedule[]>;
  /** Schedules whose next run is at or before `now`, earliest first (indexed). */
  findDue(now: Date, limit: number): Promise<Schedule[]>;
  /** Moves a schedule with nothing due on to `next`, unless someone did already. */
  reschedule(
    scheduleId: string,
    expectedNextRun: Date,
    next?: ScheduleTransition,
  ): Promise<void>;
}

/** The run ledger: each run of a schedule claimed once, then finished once. */
export interface RunLedger {
  /** The run's id, or undefined when someone else claimed it first. */
  claim(claim: RunClaim): Promise<string | undefined>;
  /** Records a claimed run's outcome and counts it on the schedule, once: a run no longer `claimed` is left as it is. */
  finish(run: RunFinish): Promise<void>;
  /** Runs still `claimed` that were claimed before `claimedBefore`. */
  staleClaims(claimedBefore: Date): Promise<StaleClaim[]>;
  /** Newest first; throws NotFoundError for an unknown schedule. */
  listRuns(scheduleId: string, limit: number): Promise<ScheduleRun[]>;
}

/** Schedules and their runs. */
export interface ScheduleStore extends ScheduleRecords, RunLedger {}

/** The schedule with this id; NotFoundError when there is none. */
export async function requireSchedule(
  store: Pick<ScheduleRecords, 'get'>,
  id: string,
): Promise<Schedule> {
  const schedule = await store.get(id);
  if (!schedule) throw new NotFoundError(`No schedule with id ${id}`);
  return schedule;
}

import {
  formatDateTime,
  nextTransition,
  Schedule,
  ScheduleInput,
} from '@namespace-scheduler/backstage-plugin-common';
import { noOverlap } from './ScheduleValidator';
import { ScheduleStore } from './ScheduleStore';

/** A schedule about to be created (no id) or replaced. */
export type ScheduleCandidate = {
  input: ScheduleInput;
  id?: string;
  /** The user saving it. */
  savedBy: string;
  at: Date;
};

/** A schedule as a save would store it, before it has an id (a dry run's answer). */
export type PlannedSchedule = Omit<Schedule, 'id'>;

type WriterStore = Pick<ScheduleStore, 'create' | 'replace' | 'list'>;

/**
 * Governs schedule saves (cost centers, the off-hours limit): throws to
 * refuse the candidate, else runs `write` — serialized with other saves when
 * its check spans namespaces. Refused saves store nothing.
 */
export interface ScheduleSaveGuard {
  save<T>(candidate: ScheduleCandidate, write: () => Promise<T>): Promise<T>;
}

/**
 * Every save of a validated schedule: through the save guards (the first
 * outermost), refusing a window that overlaps another of its namespace, with
 * the schedule's first transition from the moment it is saved.
 */
export class ScheduleWriter {
  static create(deps: {
    store: WriterStore;
    saveGuards?: ScheduleSaveGuard[];
  }): ScheduleWriter {
    return new ScheduleWriter({ ...deps, saveGuards: deps.saveGuards ?? [] });
  }

  private constructor(
    private readonly deps: {
      store: WriterStore;
      saveGuards: ScheduleSaveGuard[];
    },
  ) {}

  /** Stores a new schedule created by `savedBy`. */
  insert(input: ScheduleInput, now: Date, savedBy: string): Promise<Schedule> {
    return this.governed({ input, savedBy, at: now }, () =>
      this.deps.store.create(
        {
          input,
          createdBy: savedBy,
          at: now,
          next: nextTransition(input, now.getTime()),
        },
        noOverlap(input, undefined, now),
      ),
    );
  }

  /**
   * What `insert` would store, through the same guards and overlap check,
   * writing nothing: a dry run of creating the schedule.
   */
  plan(
    input: ScheduleInput,
    now: Date,
    savedBy: string,
  ): Promise<PlannedSchedule> {
    return this.governed({ input, savedBy, at: now }, async () => {
      const { cluster, namespace } = input;
      noOverlap(
        input,
        undefined,
        now,
      )(await this.deps.store.list({ cluster, namespace }));
      return plannedSchedule(input, now, savedBy);
    });
  }

  /** Replaces schedule `id` (its kind already checked). */
  replace(
    id: string,
    input: ScheduleInput,
    now: Date,
    savedBy: string,
  ): Promise<Schedule> {
    return this.governed({ input, id, savedBy, at: now }, () =>
      this.deps.store.replace(
        id,
        { input, at: now, next: nextTransition(input, now.getTime()) },
        noOverlap(input, id, now),
      ),
    );
  }

  private governed<T>(
    candidate: ScheduleCandidate,
    write: () => Promise<T>,
  ): Promise<T> {
    const guarded = this.deps.saveGuards.reduceRight(
      (next, guard) => () => guard.save(candidate, next),
      write,
    );
    return guarded();
  }
}

/** The bookkeeping a new schedule starts with (as the store creates it). */
function plannedSchedule(
  input: ScheduleInput,
  now: Date,
  createdBy: string,
): PlannedSchedule {
  const next = nextTransition(input, now.getTime());
  const at = now.toISOString();
  return {
    ...input,
    status: 'active',
    created_by: createdBy,
    created_at: at,
    updated_at: at,
    ...(next && {
      next_run: formatDateTime(next.at, input.zone),
      next_operation: next.operation,
    }),
    run_count: 0,
    success_count: 0,
    error_count: 0,
    skipped_count: 0,
  };
}

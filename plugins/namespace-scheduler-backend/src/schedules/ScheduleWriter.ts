import {
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
    store: Pick<ScheduleStore, 'create' | 'replace'>;
    saveGuards?: ScheduleSaveGuard[];
  }): ScheduleWriter {
    return new ScheduleWriter({ ...deps, saveGuards: deps.saveGuards ?? [] });
  }

  private constructor(
    private readonly deps: {
      store: Pick<ScheduleStore, 'create' | 'replace'>;
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

import { ConflictError } from '@backstage/errors';
import {
  formatNamespaceRef,
  parseDateTime,
  ScheduleInput,
} from '@namespace-scheduler/backstage-plugin-common';
import { ScheduleCandidate, ScheduleSaveGuard } from '../schedules';
import { Clock, systemClock } from '../time/Clock';
import { Breach, firstBreach } from './awakePlan';
import { OffHoursPlanner, PlannedSchedule } from './OffHoursPlanner';
import { describeScope, OffHoursRules } from './rules';
import { SaveLock } from './SaveLock';

const DAY_MS = 86_400_000;
/** Two weeks cover weekly patterns across a DST change; later one-off windows and overrides extend it. */
const HORIZON_MS = 14 * DAY_MS;
const MAX_HORIZON_MS = 366 * DAY_MS;
/** The id a schedule about to be created plans under. */
const NEW_SCHEDULE_ID = 'new';

/**
 * Refuses (409) a schedule save that would keep more namespaces awake in some
 * off-hours minute than the limit allows, naming the minute and the
 * namespaces. Saves are serialized (SaveLock) so concurrent ones cannot both
 * fit into the last slot.
 */
export class OffHoursScheduleGuard implements ScheduleSaveGuard {
  static create(options: {
    rules: OffHoursRules;
    planner: OffHoursPlanner;
    lock: SaveLock;
    clock?: Clock;
  }): OffHoursScheduleGuard {
    return new OffHoursScheduleGuard(
      options.rules,
      options.planner,
      options.lock,
      options.clock ?? systemClock,
    );
  }

  private constructor(
    private readonly rules: OffHoursRules,
    private readonly planner: OffHoursPlanner,
    private readonly lock: SaveLock,
    private readonly clock: Clock,
  ) {}

  save<T>(candidate: ScheduleCandidate, write: () => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      await this.assertWithinLimit(candidate);
      return write();
    });
  }

  private async assertWithinLimit(candidate: ScheduleCandidate) {
    const now = this.clock.now().getTime();
    const entry = entryOf(candidate);
    const plans = await this.planner.plans(
      now,
      horizonEnd(candidate.input, now),
      entry,
    );
    const breach = firstBreach(
      plans,
      this.rules.limit,
      formatNamespaceRef(entry),
    );
    if (breach) throw this.refusal(breach);
  }

  private refusal(breach: Breach): ConflictError {
    const minute = Math.floor(breach.at / 60_000) * 60_000;
    return new ConflictError(
      `Off-hours limit: at ${this.rules.hours.format(
        minute,
      )} this schedule would keep ` +
        `${breach.namespaces.length} namespaces awake ${describeScope(
          breach.scope,
        )} ` +
        `(limit ${
          this.rules.limit
        }, business hours ${this.rules.hours.describe()}): ` +
        `${breach.namespaces.join(', ')}`,
    );
  }
}

function entryOf(candidate: ScheduleCandidate): PlannedSchedule {
  return {
    ...candidate.input,
    id: candidate.id ?? NEW_SCHEDULE_ID,
    status: 'active',
    created_at: candidate.at.toISOString(),
  };
}

/** Far enough to see the whole of a later one-off window or override. */
function horizonEnd(input: ScheduleInput, now: number): number {
  const ends = endOf(input);
  const end = ends ? parseDateTime(ends, input.zone) : now;
  return Math.min(Math.max(now + HORIZON_MS, end), now + MAX_HORIZON_MS);
}

/** When a one-off window or an override ends, if it does. */
function endOf(input: ScheduleInput): string | undefined {
  if (input.kind === 'window') return input.end;
  return input.kind === 'override' ? input.until : undefined;
}

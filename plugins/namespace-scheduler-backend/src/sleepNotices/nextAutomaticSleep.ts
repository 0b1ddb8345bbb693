import {
  BusinessHoursSpec,
  forecast,
  putsToSleep,
  Schedule,
} from '@namespace-scheduler/backstage-plugin-common';
import { boundaryWhy, runWhy, Why } from '../reasons';

/** A sleep the runner or the off-hours boundary will do, and why. */
export type UpcomingSleep = { at: number; why: Why };

/** The off-hours limit as the boundary applies it to one namespace. */
export type BoundaryRules = {
  hours: BusinessHoursSpec;
  limit: number;
  /** `across all clusters`, `in cluster prod`. */
  scope: string;
};

/**
 * The first automatic sleep of an awake namespace in (from, to], from the
 * forecast the calendar shows and the runner follows: a schedule's sleep (an
 * override's end included) or the off-hours boundary's, when it holds no
 * slot and no schedule keeps it awake. Undefined when it stays awake.
 */
export function nextAutomaticSleep(input: {
  /** The namespace's own schedules. */
  schedules: Schedule[];
  from: number;
  to: number;
  offHours: BoundaryRules;
  /** Whether it holds a slot of the current off-hours period. */
  holdsSlot: boolean;
}): UpcomingSleep | undefined {
  const { schedules, from, to, offHours } = input;
  const { segments, transitions } = forecast({
    schedules,
    state: 'awake',
    from,
    to,
    offHours: { business_hours: offHours.hours, limit: offHours.limit },
    holdsSlot: input.holdsSlot,
  });
  const asleep = segments.find(
    (segment, i) => i > 0 && !segment.awake && segments[i - 1].awake,
  );
  if (!asleep) return undefined;
  const cause = transitions.find(
    t =>
      Date.parse(t.at) === asleep.start && !t.suppressed_by && putsToSleep(t),
  );
  const schedule = schedules.find(s => s.id === cause?.schedule_id);
  if (!schedule) {
    return {
      at: asleep.start,
      why: boundaryWhy({ ...offHours, start: asleep.start }),
    };
  }
  // An override's only future transition is its end.
  const why = runWhy(
    schedule,
    { at: asleep.start, operation: 'sleep', release: true },
    { trigger: 'schedule', requestedBy: 'scheduler' },
  );
  return { at: asleep.start, why };
}

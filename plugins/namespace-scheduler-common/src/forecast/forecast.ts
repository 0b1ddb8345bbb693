import { keepsAwake } from '../domain/operations';
import { formatDateTime, Interval } from '../schedule/intervals';
import {
  overrideAt,
  PlannedTransition,
  plannedTransitions,
  ScheduleEntry,
  toPreview,
} from '../schedule/namespaceRules';
import { PreviewTransition, ScheduleKind } from '../schedule/types';
import { OffHoursStatus } from '../types/governance';
import { NamespaceState } from '../types/status';
import { boundaryDecision } from './boundary';
import { offHoursBetween } from './offHours';

/**
 * A stretch of the forecast in one state, with why it is in it.
 *
 * @public
 */
export type ForecastSegment = Interval & { awake: boolean; reason: string };

/**
 * What will happen to a namespace: its awake and asleep segments over
 * [from, to), and the transitions in (from, to] with their source and reason
 * (those an override holds back included, marked `suppressed_by`).
 *
 * @public
 */
export type Forecast = {
  segments: ForecastSegment[];
  transitions: PreviewTransition[];
};

/** @public */
export type ForecastInput = {
  /** The namespace's schedules, overrides among them. */
  schedules: ScheduleEntry[];
  /** The live state, which holds until the first transition; partial counts as awake. */
  state: NamespaceState;
  from: number;
  to: number;
  /** The off-hours limit; without it there are no boundary sleeps. */
  offHours?: Pick<OffHoursStatus, 'business_hours' | 'limit'>;
  /** Whether the namespace holds a slot of the current off-hours period (slots last one period). */
  holdsSlot?: boolean;
};

const KIND_WORDS: Record<ScheduleKind, string> = {
  weekly: 'weekly schedule',
  cron: 'cron schedule',
  window: 'one-off window',
  override: 'override',
};

/**
 * The forecast of one namespace, as the runner will act: its schedules'
 * transitions (overrides holding others back, releases resolved), then, at
 * each start of off-hours, the boundary rule the runner applies
 * ({@link boundaryDecision}) to the namespace if it is awake. A wake the
 * limit may refuse is predicted to succeed, and its reason says so: the
 * forecast sees one namespace, not who else competes for the slots.
 *
 * @public
 */
export function forecast(input: ForecastInput): Forecast {
  const { schedules, from, to, offHours } = input;
  const offHoursPeriods = offHours
    ? offHoursBetween(offHours.business_hours, from, to)
    : [];
  const inOffHours = (at: number) =>
    offHoursPeriods.some(p => p.start <= at && at < p.end);
  // Schedules act before the boundary at the same instant (the runner's tick order).
  const events = [
    ...plannedTransitions(schedules, { from, to }).map(planned => ({
      at: planned.transition.at,
      planned,
    })),
    ...offHoursPeriods
      .filter(period => period.start > from)
      .map(period => ({ at: period.start, planned: undefined })),
  ].sort((a, b) => a.at - b.at || (a.planned ? 0 : 1) - (b.planned ? 0 : 1));

  let awake = input.state === 'awake' || input.state === 'partial';
  let segment = { start: from, awake, reason: initialReason(input, awake) };
  const segments: ForecastSegment[] = [];
  const transitions: PreviewTransition[] = [];
  const enter = (at: number, reason: string) => {
    if (at >= to) return;
    if (at > segment.start) segments.push({ ...segment, end: at });
    segment = { start: at, awake, reason };
  };

  for (const { at, planned } of events) {
    if (planned) {
      const slots = offHours && inOffHours(at) ? offHours.limit : undefined;
      const item = describePlanned(planned, slots);
      transitions.push(item);
      if (planned.heldBy || keepsAwake(planned.transition) === awake) continue;
      awake = !awake;
      enter(at, item.reason);
    } else if (awake && offHours) {
      const decision = boundaryDecision({
        schedules,
        at,
        holdsSlot: false,
        limit: offHours.limit,
      });
      if (decision.action === 'sleep') {
        awake = false;
        transitions.push({
          at: formatDateTime(at, offHours.business_hours.time_zone),
          operation: 'sleep',
          title: 'Off-hours limit',
          source: 'off-hours-boundary',
          reason: decision.reason,
        });
      }
      enter(at, decision.reason);
    }
  }
  if (to > segment.start) segments.push({ ...segment, end: to });
  return { segments, transitions };
}

/** A planned transition with its source and reason; `slots`: the limit, when it wakes in off-hours. */
function describePlanned(
  planned: PlannedTransition,
  slots: number | undefined,
): PreviewTransition & { reason: string } {
  const { entry, transition, heldBy } = planned;
  const needsSlot = !heldBy && keepsAwake(transition) && slots !== undefined;
  return {
    ...toPreview(planned),
    source: entry.kind === 'override' ? 'override' : 'schedule',
    reason: `${reasonOf(planned)}${
      needsSlot ? `; takes an off-hours slot if one of ${slots} is free` : ''
    }`,
  };
}

function reasonOf({ entry, transition, heldBy }: PlannedTransition): string {
  if (heldBy) return `held back by override "${heldBy.title}"`;
  if (transition.release) return `override "${entry.title}" ends`;
  return `${KIND_WORDS[entry.kind]} "${entry.title}"`;
}

function initialReason(input: ForecastInput, awake: boolean): string {
  const holder = overrideAt(input.schedules, input.from);
  const state = awake ? 'awake' : 'asleep';
  if (holder) return `held ${state} by override "${holder.title}"`;
  if (awake && input.holdsSlot) return 'awake now, holding an off-hours slot';
  return `${state} now`;
}

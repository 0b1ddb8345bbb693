import { formatDateTime } from './intervals';
import { previousTransition, transitionsBetween } from './transitions';
import {
  OverrideTiming,
  PreviewTransition,
  ScheduleOperation,
  ScheduleStatus,
  ScheduleTiming,
  ScheduleTransition,
} from './types';

/**
 * What the rules across a namespace's schedules read of each stored schedule.
 *
 * @public
 */
export type ScheduleEntry = ScheduleTiming & {
  id: string;
  title: string;
  status: ScheduleStatus;
  created_at: string;
};

/**
 * A stored override schedule.
 *
 * @public
 */
export type OverrideEntry = ScheduleEntry & OverrideTiming;

const isOverride = (entry: ScheduleEntry): entry is OverrideEntry =>
  entry.kind === 'override';

/**
 * The override holding the namespace at `at`: an active one created at or
 * before `at` and not yet released. While it holds, the namespace's other
 * schedules do not act.
 *
 * @public
 */
export function overrideAt(
  schedules: ScheduleEntry[],
  at: number,
): OverrideEntry | undefined {
  return schedules
    .filter(isOverride)
    .filter(entry => entry.status === 'active')
    .filter(entry => Date.parse(entry.created_at) <= at)
    .filter(entry => entry.until === undefined || releaseAt(entry) > at)
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))[0];
}

/**
 * Whether `operation` goes against what an override holds: a sleep ends a
 * wake override (a scale keeps the namespace awake, so it agrees); a wake or
 * a scale ends a sleep override.
 *
 * @public
 */
export function contradictsOverride(
  override: Pick<OverrideEntry, 'operation'>,
  operation: ScheduleOperation,
): boolean {
  return override.operation === 'wake'
    ? operation === 'sleep'
    : operation !== 'sleep';
}

/**
 * The override an operation at `at` ends: the one holding the namespace
 * then, when the operation contradicts it. An override's own run
 * (`scheduleId`) never ends it. One rule for every operation — manual, run
 * now, scheduled — so what the dialog announces is what the backend does.
 *
 * @public
 */
export function overrideEndedBy(
  schedules: ScheduleEntry[],
  operation: ScheduleOperation,
  at: number,
  scheduleId?: string,
): OverrideEntry | undefined {
  const holder = overrideAt(schedules, at);
  if (!holder || holder.id === scheduleId) return undefined;
  return contradictsOverride(holder, operation) ? holder : undefined;
}

function releaseAt(entry: OverrideEntry): number {
  return transitionsBetween(entry, -Infinity, Infinity)[0]?.at ?? Infinity;
}

/**
 * What an override's release does: the namespace returns to the state its
 * other schedules ask for then (their latest transition at that instant);
 * with none, the override's opposite (`wake until 22:00` sleeps at 22:00).
 *
 * @public
 */
export function resolveRelease(
  release: ScheduleTransition,
  schedules: ScheduleEntry[],
): ScheduleTransition {
  const governing = schedules
    .filter(entry => !isOverride(entry))
    .flatMap(entry => previousTransition(entry, release.at) ?? [])
    .sort((a, b) => b.at - a.at)[0];
  return governing ? { ...governing, at: release.at, release: true } : release;
}

/** Sleep before scale before wake when instants tie, so the end state is the waking one. */
const OPERATION_ORDER = { sleep: 0, scale: 1, wake: 2 } as const;

/** A transition of one of a namespace's schedules, with the override holding the namespace then. */
export type PlannedTransition = {
  entry: ScheduleEntry;
  transition: ScheduleTransition;
  /** The override that holds the namespace then, so this transition will not run. */
  heldBy?: OverrideEntry;
};

/**
 * The transitions of a namespace's active schedules in (from, to], in order;
 * releases resolved to what the other schedules ask for.
 */
export function plannedTransitions(
  schedules: ScheduleEntry[],
  options: { from: number; to: number },
): PlannedTransition[] {
  return schedules
    .filter(entry => entry.status === 'active')
    .flatMap(entry =>
      transitionsBetween(entry, options.from, options.to).map(transition => ({
        entry,
        transition: transition.release
          ? resolveRelease(transition, schedules)
          : transition,
      })),
    )
    .sort(
      (a, b) =>
        a.transition.at - b.transition.at ||
        OPERATION_ORDER[a.transition.operation] -
          OPERATION_ORDER[b.transition.operation],
    )
    .map(({ entry, transition }) => {
      const heldBy = isOverride(entry)
        ? undefined
        : overrideAt(schedules, transition.at);
      return { entry, transition, ...(heldBy && { heldBy }) };
    });
}

/** One planned transition as the preview lists it. */
export function toPreview({
  entry,
  transition,
  heldBy,
}: PlannedTransition): PreviewTransition {
  return {
    at: formatDateTime(transition.at, entry.zone),
    operation: transition.operation,
    ...(transition.replicas !== undefined && {
      replicas: transition.replicas,
    }),
    schedule_id: entry.id,
    title: entry.title,
    kind: entry.kind,
    ...(heldBy && { suppressed_by: heldBy.id }),
  };
}

/**
 * The next transitions of a namespace in (from, to], from all its active
 * schedules, in order (the calendar preview). Transitions an override will
 * suppress are kept and marked.
 *
 * @public
 */
export function previewTransitions(
  schedules: ScheduleEntry[],
  options: { from: number; to: number; limit: number },
): PreviewTransition[] {
  return plannedTransitions(schedules, options)
    .slice(0, options.limit)
    .map(toPreview);
}

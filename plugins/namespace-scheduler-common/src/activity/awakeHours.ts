import {
  formatNamespaceRef,
  type ManagedNamespaceRef,
} from '../domain/namespaceRef';
import { keepsAwake } from '../domain/operations';
import type { Activity } from '../types/activity';
import type { TeamCost } from '../types/costReport';
import {
  DAY_MS,
  startOfWallDay,
  toInstant,
  toWall,
  wallDate,
} from '../schedule/zonedTime';
import { Interval, mergeTouching } from '../schedule/intervals';

const HOUR_MS = 3_600_000;

/**
 * Awake hours of one local day, in total and per `cluster/namespace`.
 *
 * @public
 */
export type AwakeHoursDay = {
  /** `YYYY-MM-DD`, local to the zone asked for. */
  date: string;
  hours: number;
  namespaces: Record<string, number>;
};

/**
 * An activity record as awake hours read it, its times in epoch ms.
 *
 * @public
 */
export type AwakeRecord = Pick<
  Activity,
  | 'id'
  | 'cluster'
  | 'namespace'
  | 'operation'
  | 'replicas'
  | 'outcome'
  | 'status'
> & {
  /** `timestamp_start`. */
  start: number;
  /** `timestamp_end`; none while the record is open. */
  end?: number;
};

/**
 * What awake hours read of a record.
 *
 * @public
 */
export function awakeRecordOf(activity: Activity): AwakeRecord {
  return {
    id: activity.id,
    cluster: activity.cluster,
    namespace: activity.namespace,
    operation: activity.operation,
    ...(activity.replicas !== undefined && { replicas: activity.replicas }),
    outcome: activity.outcome,
    status: activity.status,
    start: Date.parse(activity.timestamp_start),
    ...(activity.timestamp_end && { end: Date.parse(activity.timestamp_end) }),
  };
}

/** @public */
export type AwakeHoursOptions = {
  /** The last day of the period is the day of `now`. */
  now: number;
  days: number;
  /** IANA zone the days are counted in. */
  zone: string;
};

/**
 * Whether a record opened a charged awake period: a successful operation
 * that keeps the namespace awake (the same rule the activity log charges by).
 *
 * @public
 */
export function opensAwakePeriod(
  activity: Pick<Activity, 'outcome' | 'operation' | 'replicas'>,
): boolean {
  return activity.outcome === 'succeeded' && keepsAwake(activity);
}

/** A record's awake interval: until the sleep that completed it, or until now while open. */
function awakeInterval(
  activity: AwakeRecord,
  now: number,
): Interval | undefined {
  const { start } = activity;
  const end = activity.status === 'active' ? now : activity.end ?? start;
  return end > start ? { start, end: Math.min(end, now) } : undefined;
}

function intervalsByNamespace(
  activities: AwakeRecord[],
  now: number,
): Map<string, Interval[]> {
  const byNamespace = new Map<string, Interval[]>();
  for (const activity of activities.filter(opensAwakePeriod)) {
    const interval = awakeInterval(activity, now);
    if (!interval) continue;
    const key = formatNamespaceRef(activity);
    byNamespace.set(key, [...(byNamespace.get(key) ?? []), interval]);
  }
  return byNamespace;
}

/**
 * A namespace awake now whose awake period has no open wake record (woken
 * outside the scheduler, or awake since before the scheduler managed it):
 * awake hours count it as awake from `since` until now.
 *
 * @public
 */
export type UnrecordedAwake = {
  /** `cluster/namespace`. */
  namespace: string;
  /** ISO 8601. */
  since: string;
  /**
   * What `since` is: `period-start`, the start of the period's first day
   * (nothing recorded in the period says when it woke); `last-activity`, the
   * namespace's latest activity record in the period (e.g. the sleep that it
   * was woken from since, by something else).
   */
  basis: 'period-start' | 'last-activity';
};

/**
 * Awake hours per day and the namespaces counted from their live state (the
 * `/awake-hours` answer).
 *
 * @public
 */
export type AwakeHours = {
  items: AwakeHoursDay[];
  /** Awake now without an open wake record: counted from `since`. */
  unrecorded: UnrecordedAwake[];
  /**
   * The period's estimated cost and savings at the cost report's prices;
   * absent when no prices are configured.
   */
  cost?: TeamCost;
};

/**
 * An open wake standing for each namespace of `awakeNow` (awake by the live
 * cluster) that no open wake record covers, from the later of the period's
 * start and its latest record.
 */
function liveAwakeRecords(
  activities: AwakeRecord[],
  awakeNow: readonly ManagedNamespaceRef[],
  options: AwakeHoursOptions,
): (AwakeRecord & Pick<UnrecordedAwake, 'basis'>)[] {
  const periodStart = awakeHoursPeriodStart(options);
  return awakeNow.flatMap(ref => {
    const key = formatNamespaceRef(ref);
    const own = activities.filter(a => formatNamespaceRef(a) === key);
    if (own.some(a => a.status === 'active' && opensAwakePeriod(a))) return [];
    const latest = Math.max(...own.map(a => a.end ?? a.start));
    return [
      {
        id: `live:${key}`,
        cluster: ref.cluster,
        namespace: ref.namespace,
        operation: 'wake' as const,
        outcome: 'succeeded' as const,
        status: 'active' as const,
        start: Math.min(Math.max(periodStart, latest), options.now),
        basis: latest > periodStart ? 'last-activity' : 'period-start',
      },
    ];
  });
}

/**
 * Awake hours per day counting the present: {@link awakeHoursPerDay} over the
 * records, plus the namespaces of `awakeNow` (awake by the live cluster)
 * that no open wake record covers, each from the later of the period's start
 * and its latest record until now.
 *
 * @public
 */
export function awakeHoursWithLiveState(
  activities: AwakeRecord[],
  awakeNow: readonly ManagedNamespaceRef[],
  options: AwakeHoursOptions,
): AwakeHours {
  const live = liveAwakeRecords(activities, awakeNow, options);
  return {
    items: awakeHoursPerDay([...activities, ...live], options),
    unrecorded: live.map(record => ({
      namespace: formatNamespaceRef(record),
      since: new Date(record.start).toISOString(),
      basis: record.basis,
    })),
  };
}

/**
 * When the period's first local day starts (epoch ms).
 *
 * @public
 */
export function awakeHoursPeriodStart(options: AwakeHoursOptions): number {
  return periodDays(options)[0]?.start ?? options.now;
}

/** The local days of the period as instants [start, end); DST days are 23 or 25 hours. */
function periodDays(options: AwakeHoursOptions) {
  const today = startOfWallDay(toWall(options.zone, options.now));
  return Array.from({ length: options.days }, (_, index) => {
    const wall = today - (options.days - 1 - index) * DAY_MS;
    return {
      date: wallDate(wall),
      start: toInstant(options.zone, wall),
      end: toInstant(options.zone, wall + DAY_MS),
    };
  });
}

function overlapMs(interval: Interval, start: number, end: number): number {
  return Math.max(
    0,
    Math.min(interval.end, end) - Math.max(interval.start, start),
  );
}

/**
 * Awake hours per local day over the last `days` days (today included), from
 * activity records: each wake (or scale up) counts from its start until the
 * sleep that completed it, or until `now` while still open, clipped to each
 * day. Records outside the period simply contribute nothing, so callers may
 * pass more than the period's records.
 *
 * @public
 */
export function awakeHoursPerDay(
  activities: AwakeRecord[],
  options: AwakeHoursOptions,
): AwakeHoursDay[] {
  const byNamespace = intervalsByNamespace(activities, options.now);
  // Overlapping records of one namespace count once.
  const merged = [...byNamespace].map(
    ([key, intervals]) => [key, mergeTouching(intervals)] as const,
  );
  return periodDays(options).map(day => {
    const namespaces: Record<string, number> = {};
    for (const [key, intervals] of merged) {
      const ms = intervals.reduce(
        (sum, interval) => sum + overlapMs(interval, day.start, day.end),
        0,
      );
      if (ms > 0) namespaces[key] = ms / HOUR_MS;
    }
    const hours = Object.values(namespaces).reduce((a, b) => a + b, 0);
    return { date: day.date, hours, namespaces };
  });
}

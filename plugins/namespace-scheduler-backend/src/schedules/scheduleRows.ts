import {
  formatDateTime,
  parseDateTime,
  RunOutcome,
  Schedule,
  ScheduleInput,
  ScheduleOperation,
  ScheduleRun,
  ScheduleRunSummary,
  ScheduleTiming,
  ScheduleTransition,
  WEEKDAYS,
} from '@namespace-scheduler/backstage-plugin-common';

/** PostgreSQL returns bigint columns as strings. */
type Millis = number | string;

export type ScheduleRow = {
  id: string;
  kind: Schedule['kind'];
  title: string;
  cluster_name: string;
  namespace_name: string;
  cost_center: string;
  zone: string;
  operation: ScheduleOperation | null;
  replicas: number | null;
  cron: string | null;
  starts_at: Millis | null;
  ends_at: Millis | null;
  days: string | null;
  from_time: string | null;
  to_time: string | null;
  except_dates: string | null;
  status: Schedule['status'];
  next_run: Millis | null;
  next_operation: ScheduleOperation | null;
  run_count: number;
  success_count: number;
  error_count: number;
  skipped_count: number;
  last_run: string | null;
  created_by: string;
  created_at: Millis;
  updated_at: Millis;
};

export type RunRow = {
  id: string;
  schedule_id: string;
  due_at: Millis;
  trigger: ScheduleRun['trigger'];
  operation: ScheduleOperation | null;
  status: ScheduleRun['status'];
  message: string | null;
  claimed_by: string;
  claimed_at: Millis;
  finished_at: Millis | null;
  activity_id: string | null;
};

export const SCHEDULES = 'ns_schedules';
export const RUNS = 'ns_schedule_runs';

/** The columns of a schedule's next transition; none leaves it waiting. */
export function nextColumns(next?: ScheduleTransition) {
  return {
    next_run: next?.at ?? null,
    next_operation: next?.operation ?? null,
  };
}

/** A schedule moved on to `next`; none completes it. */
export function movedOnColumns(next?: ScheduleTransition) {
  return {
    ...nextColumns(next),
    ...(!next && { status: 'completed' as const }),
  };
}

type TimingColumns = Pick<
  ScheduleRow,
  | 'operation'
  | 'replicas'
  | 'cron'
  | 'starts_at'
  | 'ends_at'
  | 'days'
  | 'from_time'
  | 'to_time'
  | 'except_dates'
>;

const NO_TIMING: TimingColumns = {
  operation: null,
  replicas: null,
  cron: null,
  starts_at: null,
  ends_at: null,
  days: null,
  from_time: null,
  to_time: null,
  except_dates: null,
};

/** The columns a schedule's input fills; the others of its kind are null. */
export function inputColumns(input: ScheduleInput) {
  return {
    kind: input.kind,
    title: input.title,
    cluster_name: input.cluster,
    namespace_name: input.namespace,
    cost_center: input.cost_center,
    zone: input.zone,
    ...NO_TIMING,
    ...timingColumns(input),
  };
}

function timingColumns(input: ScheduleTiming): Partial<TimingColumns> {
  const exceptDates = (dates?: string[]) =>
    dates ? JSON.stringify(dates) : null;
  switch (input.kind) {
    case 'cron':
      return {
        cron: input.cron,
        operation: input.operation,
        replicas: input.replicas ?? null,
        except_dates: exceptDates(input.except_dates),
      };
    case 'window':
      return {
        starts_at: parseDateTime(input.start, input.zone),
        ends_at: parseDateTime(input.end, input.zone),
      };
    case 'weekly':
      return {
        days: input.days.join(','),
        from_time: input.from,
        to_time: input.to,
        except_dates: exceptDates(input.except_dates),
      };
    default:
      return {
        operation: input.operation,
        ends_at: input.until ? parseDateTime(input.until, input.zone) : null,
      };
  }
}

export function scheduleFromRow(row: ScheduleRow): Schedule {
  const target = {
    title: row.title,
    cluster: row.cluster_name,
    namespace: row.namespace_name,
    cost_center: row.cost_center,
  };
  return {
    id: row.id,
    ...target,
    ...timingFromRow(row),
    status: row.status,
    created_by: row.created_by,
    created_at: isoUtc(row.created_at),
    updated_at: isoUtc(row.updated_at),
    ...(row.next_run !== null && {
      next_run: formatDateTime(Number(row.next_run), row.zone),
    }),
    ...(row.next_operation !== null && { next_operation: row.next_operation }),
    run_count: row.run_count,
    success_count: row.success_count,
    error_count: row.error_count,
    skipped_count: row.skipped_count,
    ...(row.last_run !== null && {
      last_run: JSON.parse(row.last_run) as ScheduleRunSummary,
    }),
  };
}

function timingFromRow(row: ScheduleRow): ScheduleTiming {
  const zone = row.zone;
  const at = (ms: Millis | null) => formatDateTime(Number(ms), zone);
  const exceptDates = row.except_dates
    ? { except_dates: JSON.parse(row.except_dates) as string[] }
    : {};
  switch (row.kind) {
    case 'cron':
      return {
        kind: 'cron',
        zone,
        cron: row.cron ?? '',
        operation: row.operation ?? 'wake',
        ...(row.replicas !== null && { replicas: row.replicas }),
        ...exceptDates,
      };
    case 'window':
      return {
        kind: 'window',
        zone,
        start: at(row.starts_at),
        end: at(row.ends_at),
      };
    case 'weekly':
      return {
        kind: 'weekly',
        zone,
        days: WEEKDAYS.filter(day => (row.days ?? '').split(',').includes(day)),
        from: row.from_time ?? '',
        to: row.to_time ?? '',
        ...exceptDates,
      };
    default:
      return {
        kind: 'override',
        zone,
        operation: row.operation === 'sleep' ? 'sleep' : 'wake',
        ...(row.ends_at !== null && { until: at(row.ends_at) }),
      };
  }
}

export function runFromRow(row: RunRow, zone: string): ScheduleRun {
  return {
    id: row.id,
    schedule_id: row.schedule_id,
    due_at: formatDateTime(Number(row.due_at), zone),
    trigger: row.trigger,
    ...(row.operation !== null && { operation: row.operation }),
    status: row.status,
    ...(row.message !== null && { message: row.message }),
    claimed_by: row.claimed_by,
    claimed_at: isoUtc(row.claimed_at),
    ...(row.finished_at !== null && { finished_at: isoUtc(row.finished_at) }),
    ...(row.activity_id !== null && { activity_id: row.activity_id }),
  };
}

export function runSummary(
  run: {
    dueAt: Date;
    trigger: ScheduleRun['trigger'];
    operation?: ScheduleOperation;
    outcome: RunOutcome;
    activityId?: string;
    message?: string;
    finishedAt: Date;
  },
  zone: string,
): ScheduleRunSummary {
  return {
    due_at: formatDateTime(run.dueAt.getTime(), zone),
    ran_at: run.finishedAt.toISOString(),
    trigger: run.trigger,
    ...(run.operation && { operation: run.operation }),
    outcome: run.outcome,
    ...(run.activityId && { activity_id: run.activityId }),
    ...(run.message && { message: run.message }),
  };
}

function isoUtc(ms: Millis): string {
  return new Date(Number(ms)).toISOString();
}

import {
  formatDateTime,
  RunOutcome,
  Schedule,
  ScheduleDeclaration,
  ScheduleInput,
  ScheduleOperation,
  ScheduleRun,
  ScheduleRunSummary,
  ScheduleTransition,
} from '@namespace-scheduler/backstage-plugin-common';
import {
  Millis,
  TimingColumns,
  timingColumns,
  timingFromColumns,
} from './timingColumns';
import type { DeclaredRecord } from './ScheduleStore';

/** A schedule's row; its timing columns are filled per kind (timingColumns.ts). */
export type ScheduleRow = TimingColumns & {
  id: string;
  kind: Schedule['kind'];
  title: string;
  cluster_name: string;
  namespace_name: string;
  cost_center: string;
  zone: string;
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
  ended_by: string | null;
  ended_at: Millis | null;
  /** Set together, on schedules declared in the catalog (DeclaredRecord). */
  declared_by?: string | null;
  declared_key?: string | null;
  declared_text?: string | null;
  declared_source_url?: string | null;
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

/** The columns a schedule's input fills; the others of its kind are null. */
export function inputColumns(input: ScheduleInput) {
  return {
    kind: input.kind,
    title: input.title,
    cluster_name: input.cluster,
    namespace_name: input.namespace,
    cost_center: input.cost_center,
    zone: input.zone,
    ...timingColumns(input),
  };
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
    ...timingFromColumns(row),
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
    ...(row.ended_by !== null && { ended_by: row.ended_by }),
    ...(row.ended_at !== null && { ended_at: isoUtc(row.ended_at) }),
    ...(row.declared_by && { declared: declarationFromRow(row) }),
  };
}

/** The declaration columns: a catalog entity's entry, or none (cleared). */
export function declaredColumns(declared?: DeclaredRecord) {
  return {
    declared_by: declared?.entity_ref ?? null,
    declared_key: declared?.key ?? null,
    declared_text: declared?.text ?? null,
    declared_source_url: declared?.source_url ?? null,
  };
}

function declarationFromRow(row: ScheduleRow): ScheduleDeclaration {
  return {
    entity_ref: row.declared_by ?? '',
    text: row.declared_text ?? '',
    ...(row.declared_source_url && { source_url: row.declared_source_url }),
  };
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

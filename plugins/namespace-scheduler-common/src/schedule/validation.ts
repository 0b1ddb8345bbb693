import { z } from 'zod';
import {
  isValidNamespaceName,
  MAX_COST_CENTER_LENGTH,
  MAX_SCALE_REPLICAS,
} from '../domain';
import { cronProblem, nextCronRun } from './cron';
import { formatDateTime, parseDateTime } from './intervals';
import { SCHEDULE_KINDS, ScheduleInput, WEEKDAYS } from './types';
import { normalizeTimeZone } from './zonedTime';

/**
 * A problem with one field of a schedule.
 *
 * @public
 */
export type ScheduleIssue = { field: string; message: string };

/** @public */
export type ScheduleValidation =
  | { success: true; schedule: ScheduleInput }
  | { success: false; issues: ScheduleIssue[] };

const required = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'is required')
    .max(max, `must be at most ${max} characters`);

const target = {
  title: required(200),
  cluster: required(253),
  namespace: z
    .string()
    .refine(
      isValidNamespaceName,
      'must be a DNS-1123 label: lowercase letters, digits and "-", at most 63 characters',
    ),
  cost_center: required(MAX_COST_CENTER_LENGTH),
  zone: required(64),
};

const exceptDates = z
  .array(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD date')
      .refine(isCalendarDate, 'is not a calendar date'),
  )
  .max(366, 'at most 366 dates')
  .optional();

const time = z
  .string()
  .regex(
    /^([01]\d|2[0-3]):[0-5]\d$/,
    'must be a HH:mm time from 00:00 to 23:59',
  );

const scheduleSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      ...target,
      kind: z.literal('cron'),
      cron: z.string(),
      operation: z.enum(['wake', 'sleep', 'scale']),
      replicas: z
        .number()
        .int('must be an integer')
        .min(0, `must be from 0 to ${MAX_SCALE_REPLICAS}`)
        .max(MAX_SCALE_REPLICAS, `must be from 0 to ${MAX_SCALE_REPLICAS}`)
        .optional(),
      except_dates: exceptDates,
    }),
    z.strictObject({
      ...target,
      kind: z.literal('window'),
      start: z.string(),
      end: z.string(),
    }),
    z.strictObject({
      ...target,
      kind: z.literal('weekly'),
      days: z.array(z.enum(WEEKDAYS)).min(1, 'needs at least one day'),
      from: time,
      to: time,
      except_dates: exceptDates,
    }),
    z.strictObject({
      ...target,
      kind: z.literal('override'),
      operation: z.enum(['wake', 'sleep']),
      until: z.string().optional(),
    }),
  ],
  { error: `must be one of ${SCHEDULE_KINDS.join(', ')}` },
);

/**
 * Checks a schedule from a request or a form and returns it normalized
 * (canonical zone, date-times with their offset, sorted unique days and
 * dates), or every problem, each naming its field. Windows and overrides
 * must end after `now`.
 *
 * @public
 */
export function validateScheduleInput(
  input: unknown,
  options: { now: number },
): ScheduleValidation {
  const parsed = scheduleSchema.safeParse(input);
  if (!parsed.success) {
    return {
      success: false,
      issues: parsed.error.issues.map(issue => ({
        field: issue.path.join('.') || 'body',
        message: issue.message,
      })),
    };
  }
  const zone = normalizeTimeZone(parsed.data.zone);
  if (!zone) {
    return failure('zone', `unknown time zone "${parsed.data.zone}"`);
  }
  const issues: ScheduleIssue[] = [];
  const schedule = normalize({ ...parsed.data, zone }, options.now, issues);
  return issues.length === 0
    ? { success: true, schedule }
    : { success: false, issues };
}

/**
 * `field: message; field: message` for an error response.
 *
 * @public
 */
export function describeScheduleIssues(issues: ScheduleIssue[]): string {
  return issues.map(issue => `${issue.field}: ${issue.message}`).join('; ');
}

function failure(field: string, message: string): ScheduleValidation {
  return { success: false, issues: [{ field, message }] };
}

function normalize(
  input: ScheduleInput,
  now: number,
  issues: ScheduleIssue[],
): ScheduleInput {
  const report = (field: string, message: string) =>
    issues.push({ field, message });
  switch (input.kind) {
    case 'cron':
      return normalizeCron(input, now, report);
    case 'window':
      return normalizeWindow(input, now, report);
    case 'weekly':
      return normalizeWeekly(input);
    default:
      return normalizeOverride(input, now, report);
  }
}

type Report = (field: string, message: string) => void;

function normalizeCron(
  input: Extract<ScheduleInput, { kind: 'cron' }>,
  now: number,
  report: Report,
): ScheduleInput {
  const cron = input.cron.trim().split(/\s+/).join(' ');
  const problem = cronProblem(cron);
  if (problem) report('cron', problem);
  else if (nextCronRun({ ...input, cron }, now) === undefined) {
    report('cron', 'never runs');
  }
  if (input.operation === 'scale' && input.replicas === undefined) {
    report('replicas', 'is required for operation scale');
  }
  if (input.operation !== 'scale' && input.replicas !== undefined) {
    report('replicas', 'is only allowed with operation scale');
  }
  return { ...input, cron, except_dates: uniqueSorted(input.except_dates) };
}

function normalizeWindow(
  input: Extract<ScheduleInput, { kind: 'window' }>,
  now: number,
  report: Report,
): ScheduleInput {
  const start = parseDateTime(input.start, input.zone);
  const end = parseDateTime(input.end, input.zone);
  if (Number.isNaN(start)) report('start', 'must be an ISO 8601 date-time');
  if (Number.isNaN(end)) report('end', 'must be an ISO 8601 date-time');
  if (end <= start) report('end', 'must be after start');
  else if (end <= now) report('end', 'must be in the future');
  return {
    ...input,
    start: formatDateTime(start, input.zone),
    end: formatDateTime(end, input.zone),
  };
}

function normalizeWeekly(
  input: Extract<ScheduleInput, { kind: 'weekly' }>,
): ScheduleInput {
  return {
    ...input,
    days: WEEKDAYS.filter(day => input.days.includes(day)),
    except_dates: uniqueSorted(input.except_dates),
  };
}

function normalizeOverride(
  input: Extract<ScheduleInput, { kind: 'override' }>,
  now: number,
  report: Report,
): ScheduleInput {
  if (input.until === undefined) return input;
  const until = parseDateTime(input.until, input.zone);
  if (Number.isNaN(until)) report('until', 'must be an ISO 8601 date-time');
  else if (until <= now) report('until', 'must be in the future');
  return { ...input, until: formatDateTime(until, input.zone) };
}

function uniqueSorted(values: string[] | undefined): string[] | undefined {
  return values && [...new Set(values)].sort();
}

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
